package org.xinfang.organisation.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.audit.AuditLog;
import org.xinfang.platform.DatabaseUnavailable;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.Hashing;

/**
 * API bearer tokens (issue #4): an API client exchanges its user name and password once for a random token and
 * sends {@code Authorization: Bearer <token>} afterwards. The password is checked once, at issuance, by the same
 * provider and the same failed-attempt counting (and lockout) as the form login; a request with a token costs one
 * indexed look-up of its SHA-256, no password hash and no session. Tokens expire after
 * {@code xinfang.security.api-token-lifetime} (default 12 h) and can be revoked by their holder.
 */
@Component
public class ApiTokens {

	/** The request attribute that carries the id of the token a request was authenticated with. */
	static final String TOKEN_ID = ApiTokens.class.getName() + ".id";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final AuthenticationManager passwords;

	private final Duration lifetime;

	ApiTokens(JdbcClient jdbc, Clock clock, AuditLog audit, PlatformTransactionManager transactionManager,
			JdbcStaffDirectory directory, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
			@Value("${xinfang.security.api-token-lifetime:PT12H}") Duration lifetime) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		this.transactions = new TransactionTemplate(transactionManager);
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(directory);
		provider.setPasswordEncoder(passwordEncoder);
		ProviderManager manager = new ProviderManager(provider);
		// the events count wrong passwords and lock the account (LoginAttemptListener), as for the form login
		manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
		this.passwords = manager;
		this.lifetime = lifetime;
	}

	/** A token as handed to its holder once; only its hash is kept. */
	public record Issued(String token, OffsetDateTime expiresAt) {
	}

	/**
	 * Checks the password (counting a wrong one towards the lockout) and issues a token. Wrong credentials, a
	 * locked or a disabled account: 401 problem {@code bad-credentials}, without saying which.
	 */
	public Issued issue(String username, String password) {
		Authentication signedIn;
		try {
			// outside any transaction: the failed-attempt count is committed even though this request fails
			signedIn = passwords.authenticate(UsernamePasswordAuthenticationToken
				.unauthenticated(username == null ? "" : username.trim().toLowerCase(), password));
		}
		catch (AuthenticationException ex) {
			if (DatabaseUnavailable.causes(ex)) {
				throw new DatabaseUnavailable(ex);
			}
			throw new DomainException(HttpStatus.UNAUTHORIZED, "bad-credentials",
					"Wrong user name or password, or the account is locked or disabled.");
		}
		StaffUserDetails user = (StaffUserDetails) signedIn.getPrincipal();
		byte[] bits = new byte[32];
		RANDOM.nextBytes(bits);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
		OffsetDateTime now = OffsetDateTime.now(clock);
		OffsetDateTime expiresAt = now.plus(lifetime);
		// the entry names the user as its actor: they have just proved who they are
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(signedIn);
		SecurityContextHolder.setContext(context);
		try {
			transactions.executeWithoutResult(tx -> {
				long id = jdbc.sql("""
						INSERT INTO api_token (token_hash, user_id, created_at, expires_at)
						VALUES (:hash, :user, :now, :expires) RETURNING id
						""")
					.param("hash", Hashing.sha256Hex(token))
					.param("user", user.principal().userId())
					.param("now", now)
					.param("expires", expiresAt)
					.query(Long.class)
					.single();
				audit.record("API_TOKEN_ISSUED", "user", user.getUsername(),
						Map.of("tokenId", id, "expiresAt", expiresAt.toString()));
			});
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
		return new Issued(token, expiresAt);
	}

	/**
	 * The authentication a valid token stands for: not revoked, not expired, its user enabled and not locked.
	 * One indexed look-up; no password hash.
	 */
	Optional<TokenAuthentication> authenticate(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		return jdbc.sql("""
				SELECT t.id AS token_id, t.expires_at, t.revoked_at,
				       u.id, u.username, u.display_name, u.enabled, u.locked_until,
				       un.id AS unit_id, un.code AS unit_code, un.name AS unit_name, un.path AS unit_path,
				       ARRAY(SELECT role FROM user_role r WHERE r.user_id = u.id) AS roles
				FROM api_token t JOIN app_user u ON u.id = t.user_id JOIN unit un ON un.id = u.unit_id
				WHERE t.token_hash = :hash
				""")
			.param("hash", Hashing.sha256Hex(token))
			.query((rs, n) -> {
				if (rs.getObject("revoked_at") != null
						|| !rs.getObject("expires_at", OffsetDateTime.class).isAfter(now)) {
					return null;
				}
				StaffUserDetails user = new StaffUserDetails(JdbcStaffDirectory.principal(rs), null,
						rs.getBoolean("enabled"), rs.getObject("locked_until", OffsetDateTime.class), clock);
				if (!user.isEnabled() || !user.isAccountNonLocked()) {
					return null;
				}
				return new TokenAuthentication(rs.getLong("token_id"),
						UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
			})
			.optional();
	}

	/** A valid token's id and the authentication it stands for. */
	record TokenAuthentication(long tokenId, Authentication authentication) {
	}

	/** Revokes the token the current request was authenticated with; 400 when it was not a bearer request. */
	public void revokeCurrent(jakarta.servlet.http.HttpServletRequest request) {
		if (!(request.getAttribute(TOKEN_ID) instanceof Long id)) {
			throw DomainException.invalid("no-bearer-token",
					"This request was not authenticated with a bearer token, so there is none to revoke.");
		}
		transactions.executeWithoutResult(tx -> {
			String username = jdbc.sql("""
					UPDATE api_token t SET revoked_at = :now FROM app_user u
					WHERE t.id = :id AND u.id = t.user_id AND t.revoked_at IS NULL
					RETURNING u.username
					""")
				.param("now", OffsetDateTime.now(clock))
				.param("id", id)
				.query(String.class)
				.optional()
				.orElse(null);
			if (username != null) {
				audit.record("API_TOKEN_REVOKED", "user", username, Map.of("tokenId", id));
			}
		});
	}
}
