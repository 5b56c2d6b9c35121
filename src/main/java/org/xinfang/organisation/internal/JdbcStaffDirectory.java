package org.xinfang.organisation.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;

/**
 * Loads staff accounts for sign-in and keeps the failed-attempt count that locks an account after
 * {@code xinfang.security.max-failed-logins} wrong passwords for {@code xinfang.security.lock-minutes}.
 */
@Component
class JdbcStaffDirectory implements UserDetailsService {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog audit;

	private final int maxFailures;

	private final Duration lockFor;

	JdbcStaffDirectory(JdbcClient jdbc, Clock clock, AuditLog audit,
			@Value("${xinfang.security.max-failed-logins:5}") int maxFailures,
			@Value("${xinfang.security.lock-minutes:15}") int lockMinutes) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		this.maxFailures = maxFailures;
		this.lockFor = Duration.ofMinutes(lockMinutes);
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return jdbc.sql("""
				SELECT u.id, u.username, u.display_name, u.password_hash, u.enabled, u.locked_until,
				       un.id AS unit_id, un.code AS unit_code, un.name AS unit_name, un.path AS unit_path,
				       ARRAY(SELECT role FROM user_role r WHERE r.user_id = u.id) AS roles
				FROM app_user u JOIN unit un ON un.id = u.unit_id
				WHERE u.username = :username
				""")
			.param("username", username == null ? "" : username.trim().toLowerCase())
			.query((rs, n) -> new StaffUserDetails(principal(rs), rs.getString("password_hash"),
					rs.getBoolean("enabled"), rs.getObject("locked_until", OffsetDateTime.class), clock))
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	static StaffPrincipal principal(ResultSet rs) throws SQLException {
		Array array = rs.getArray("roles");
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
		return new StaffPrincipal(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
				rs.getLong("unit_id"), rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("unit_path"),
				Set.copyOf(roles));
	}

	@Transactional
	void loginFailed(String username) {
		String name = username == null ? "" : username.trim().toLowerCase();
		Integer failures = jdbc.sql("""
				UPDATE app_user SET failed_attempts = failed_attempts + 1,
				       locked_until = CASE WHEN failed_attempts + 1 >= :max THEN :until ELSE locked_until END
				WHERE username = :username
				RETURNING failed_attempts
				""")
			.param("max", maxFailures)
			.param("until", OffsetDateTime.now(clock).plus(lockFor))
			.param("username", name)
			.query(Integer.class)
			.optional()
			.orElse(null);
		if (failures != null) {
			audit.record(failures >= maxFailures ? "ACCOUNT_LOCKED" : "LOGIN_FAILED", "user", name,
					java.util.Map.of("failedAttempts", failures));
		}
	}

	@Transactional
	void loginSucceeded(String username) {
		int changed = jdbc.sql("""
				UPDATE app_user SET failed_attempts = 0, locked_until = NULL
				WHERE username = :username AND (failed_attempts > 0 OR locked_until IS NOT NULL)
				""").param("username", username).update();
		if (changed > 0) {
			audit.record("LOGIN_COUNTER_RESET", "user", username);
		}
	}
}
