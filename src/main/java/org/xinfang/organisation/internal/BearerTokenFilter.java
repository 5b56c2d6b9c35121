package org.xinfang.organisation.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an API request that carries {@code Authorization: Bearer <token>} (see {@link ApiTokens}). The
 * authentication lives for the request only: it is never saved, so no session is created. An unknown, revoked
 * or expired token, or one whose user is disabled or locked, is answered 401 at once. Deliberately not a bean, so
 * that it runs in the API's security chain only.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "bearer ";

	private final ApiTokens tokens;

	BearerTokenFilter(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiTokens.TokenAuthentication> found = tokens.authenticate(header.substring(PREFIX.length()).trim());
		if (found.isEmpty()) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"xinfang\", error=\"invalid_token\"");
			SecurityConfiguration.problem(response, 401, "invalid-token",
					"The bearer token is unknown, expired or revoked, or its account is disabled or locked.");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(found.get().authentication());
		SecurityContextHolder.setContext(context);
		request.setAttribute(ApiTokens.TOKEN_ID, found.get().tokenId());
		chain.doFilter(request, response);
	}
}
