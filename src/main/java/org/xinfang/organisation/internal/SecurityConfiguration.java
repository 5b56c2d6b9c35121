package org.xinfang.organisation.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.xinfang.platform.DatabaseUnavailable;

/**
 * Two doors: the JSON API under {@code /api/v1} (a bearer token from {@code POST /api/v1/auth/tokens}, HTTP
 * Basic, or the session of a signed-in page user; no CSRF tokens, answers in problem JSON) and the pages (form login, CSRF-protected). The citizen portal and
 * its public API are open; everything else needs a staff account.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/**
	 * No observations (tracing spans, timers) around every security filter, authentication and authorisation:
	 * nothing reads them (the actuator exposes health and info only), and in a B1 profile the observation
	 * wrappers of the filter chain were on the stack of about a sixth of the request threads' samples.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/api/v1/public/**", "/api/v1/openapi/**", "/api/v1/openapi", "/api/docs/**")
				.permitAll()
				// a token is issued for a user name and password in the body (checked there, counted towards lockout)
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/tokens").permitAll()
				.requestMatchers(HttpMethod.GET, "/api/v1/calendar/**").permitAll()
				// the roles of the controllers' @PreAuthorize, checked here too so that a request without the
				// role is refused 403 before its body is read and validated (else: 400 for a bad body)
				.requestMatchers("/api/v1/admin/audit/**").hasAnyRole("ADMIN", "SUPERVISOR")
				.requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
				.requestMatchers("/api/v1/calendar/**").hasRole("ADMIN")
				.anyRequest().authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint((request, response, ex) -> {
				unlessDatabaseUnavailable(ex);
				problem(response, 401, "unauthorized", "Sign-in required (bearer token or HTTP Basic).");
			}))
			.exceptionHandling(ex -> ex
				.authenticationEntryPoint((request, response, e) -> {
					response.setHeader("WWW-Authenticate", "Basic realm=\"xinfang\"");
					problem(response, 401, "unauthorized", "Sign-in required (bearer token or HTTP Basic).");
				})
				.accessDeniedHandler((request, response, e) -> problem(response, 403, "forbidden",
						"You are not allowed to do this.")))
			// a bearer token authenticates this request only: never saved, no session (BearerTokenFilter)
			.addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
			// the session of a signed-in page user is read (the default policy, IF_REQUIRED), but an API request
			// never opens one: naming a creation policy here would add the SessionManagementFilter, which saves a
			// bearer-authenticated request's authentication into a new session row
			.sessionManagement(s -> s.requireExplicitAuthenticationStrategy(true))
			.csrf(csrf -> csrf.disable())
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers("/", "/portal/**", "/login", "/error", "/webjars/**", "/css/**", "/js/**", "/img/**",
					"/favicon.ico", "/actuator/health/**", "/actuator/health", "/actuator/info")
			.permitAll()
			.requestMatchers("/admin/**").hasRole("ADMIN")
			.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login")
				.defaultSuccessUrl("/staff", false)
				.failureHandler((request, response, ex) -> {
					unlessDatabaseUnavailable(ex);
					loginFailed.onAuthenticationFailure(request, response, ex);
				})
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	private final SimpleUrlAuthenticationFailureHandler loginFailed = new SimpleUrlAuthenticationFailureHandler(
			"/login?error");

	/**
	 * A sign-in that failed because the account could not be loaded from an unreachable database is not a wrong
	 * password: it leaves the security chain and is answered 503 by the platform's outermost filter.
	 */
	private static void unlessDatabaseUnavailable(AuthenticationException ex) {
		if (DatabaseUnavailable.causes(ex)) {
			throw new DatabaseUnavailable(ex);
		}
	}

	static void problem(HttpServletResponse response, int status, String type, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write("{\"type\":\"https://xinfang.org/problems/" + type + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail + "\"}");
	}
}
