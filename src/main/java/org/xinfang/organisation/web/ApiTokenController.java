package org.xinfang.organisation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.organisation.internal.ApiTokens;

/**
 * Bearer tokens for API clients: sign in once with user name and password, then send
 * {@code Authorization: Bearer <token>}; no password hashing and no session on later requests.
 */
@RestController
@RequestMapping("/api/v1/auth/tokens")
class ApiTokenController {

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	@SecurityRequirements
	@Operation(summary = "Issue a bearer token",
			description = "Checks the user name and password (wrong ones count towards the account lockout, as for "
					+ "the sign-in form) and returns a random token, valid until expiresAt, to be sent as "
					+ "'Authorization: Bearer <token>'. Only the token's SHA-256 is stored. 401 problem "
					+ "'bad-credentials' for wrong credentials or a locked or disabled account.")
	ResponseEntity<TokenAnswer> issue(@Valid @RequestBody TokenRequest r) {
		ApiTokens.Issued issued = tokens.issue(r.username(), r.password());
		return ResponseEntity.status(HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.body(new TokenAnswer(issued.token(), "Bearer", issued.expiresAt()));
	}

	@DeleteMapping("/current")
	@Operation(summary = "Revoke the bearer token of this request",
			description = "Later requests with the token answer 401. 400 problem 'no-bearer-token' when the request "
					+ "was not authenticated with a bearer token.")
	ResponseEntity<Void> revokeCurrent(HttpServletRequest request) {
		tokens.revokeCurrent(request);
		return ResponseEntity.noContent().build();
	}

	record TokenRequest(@NotBlank @Size(max = 60) String username, @NotBlank @Size(max = 200) String password) {
	}

	record TokenAnswer(String token, String tokenType, OffsetDateTime expiresAt) {
	}
}
