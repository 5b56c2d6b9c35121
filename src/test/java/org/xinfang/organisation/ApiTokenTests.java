package org.xinfang.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.handling.TimeTravel;
import org.xinfang.platform.Hashing;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/** API bearer tokens (issue #4): sign in once, then no password check and no session per request. */
@XinfangTest
@Import(TimeTravel.class)
class ApiTokenTests {

	static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail auditTrail;

	Unit bureau;

	StaffPrincipal user;

	@BeforeEach
	void user() {
		clock.travelTo(TODAY);
		bureau = fixtures.bureauUnder(fixtures.commission());
		user = fixtures.user(bureau, Role.REGISTRAR);
	}

	Map<?, ?> issue(String username, String password, int status) {
		return http.post().uri("/api/v1/auth/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "password", password))
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	String token() {
		return (String) issue(user.username(), Fixtures.PASSWORD, 201).get("token");
	}

	RestTestClient.ResponseSpec me(String token) {
		return http.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	@Test
	void aTokenIsIssuedOnceForTheRightPasswordAndOnlyItsHashIsStored() {
		Map<?, ?> answer = issue(user.username(), Fixtures.PASSWORD, 201);
		String token = (String) answer.get("token");
		assertThat(token).matches("[A-Za-z0-9_-]{43}"); // 256 bits, base64url without padding
		assertThat(answer.get("tokenType")).isEqualTo("Bearer");
		// 12 hours by default
		assertThat(OffsetDateTime.parse((String) answer.get("expiresAt")).toInstant())
			.isEqualTo(clock.instant().plusSeconds(12 * 3600));
		assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE token_hash = :h")
			.param("h", Hashing.sha256Hex(token)).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE token_hash = :t")
			.param("t", token).query(Long.class).single()).isZero();
		assertThat(auditTrail.forEntity("user", user.username())).extracting(AuditTrail.Entry::action)
			.contains("API_TOKEN_ISSUED");
		assertThat(auditTrail.forEntity("user", user.username())).filteredOn(e -> e.action().equals("API_TOKEN_ISSUED"))
			.extracting(AuditTrail.Entry::actor)
			.containsExactly(user.username());
	}

	@Test
	void theTokenAuthenticatesApiRequestsWithoutCreatingASession() {
		String token = token();
		Long sessionsBefore = sessions();
		var result = me(token).expectStatus().isOk()
			.expectBody()
			.jsonPath("$.username").isEqualTo(user.username())
			.returnResult();
		assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
		// an action that writes (and audits) works with the token too, the actor being the token's user
		http.post().uri("/api/v1/matters")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of())
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
		assertThat(sessions()).isEqualTo(sessionsBefore);
	}

	@Test
	void basicRequestsOpenNoSessionEither() {
		Long sessionsBefore = sessions();
		http.get().uri("/api/v1/me")
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
		assertThat(sessions()).isEqualTo(sessionsBefore);
	}

	Long sessions() {
		return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :u")
			.param("u", user.username()).query(Long.class).single();
	}

	@Test
	void anExpiredTokenIsRefused() {
		String token = token();
		clock.travelTo(TODAY.plusDays(1)); // 24 hours later: past the 12 hours
		me(token).expectStatus().isUnauthorized()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("https://xinfang.org/problems/invalid-token");
	}

	@Test
	void aRevokedTokenIsRefusedAndTheRevocationIsAudited() {
		String token = token();
		String other = token();
		http.delete().uri("/api/v1/auth/tokens/current").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isNoContent();
		me(token).expectStatus().isUnauthorized();
		http.delete().uri("/api/v1/auth/tokens/current").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isUnauthorized();
		me(other).expectStatus().isOk(); // only the presented token
		assertThat(auditTrail.forEntity("user", user.username())).extracting(AuditTrail.Entry::action)
			.containsSubsequence("API_TOKEN_ISSUED", "API_TOKEN_ISSUED", "API_TOKEN_REVOKED");
		// revoking needs a bearer request
		http.delete().uri("/api/v1/auth/tokens/current")
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://xinfang.org/problems/no-bearer-token");
	}

	@Test
	void aDisabledUsersTokenIsRefused() {
		String token = token();
		me(token).expectStatus().isOk();
		jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username = :u").param("u", user.username()).update();
		me(token).expectStatus().isUnauthorized();
		issue(user.username(), Fixtures.PASSWORD, 401);
	}

	@Test
	void anUnknownTokenIsRefused() {
		me("not-a-token").expectStatus().isUnauthorized()
			.expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer .*invalid_token.*");
	}

	@Test
	void wrongPasswordsAre401AndLockTheAccountAsForTheSignInForm() {
		Map<?, ?> problem = issue(user.username(), "wrong-password", 401);
		assertThat(problem.get("type")).isEqualTo("https://xinfang.org/problems/bad-credentials");
		issue("no-such-user", "wrong-password", 401);
		for (int i = 0; i < 4; i++) {
			issue(user.username(), "wrong-password", 401);
		}
		// five failures: locked, the right password is refused too
		issue(user.username(), Fixtures.PASSWORD, 401);
		assertThat(jdbc.sql("SELECT locked_until IS NOT NULL FROM app_user WHERE username = :u")
			.param("u", user.username()).query(Boolean.class).single()).isTrue();
		assertThat(auditTrail.forEntity("user", user.username())).extracting(AuditTrail.Entry::action)
			.contains("LOGIN_FAILED", "ACCOUNT_LOCKED")
			.doesNotContain("API_TOKEN_ISSUED");
	}

	@Test
	void aPasswordResetRevokesTheUsersTokens() {
		String token = token();
		StaffPrincipal admin = fixtures.user(bureau, Role.ADMIN);
		http.post().uri("/api/v1/admin/users/" + user.username() + "/password")
			.headers(h -> h.setBasicAuth(admin.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("password", "another-password-1"))
			.exchange()
			.expectStatus().isNoContent();
		me(token).expectStatus().isUnauthorized();
	}
}
