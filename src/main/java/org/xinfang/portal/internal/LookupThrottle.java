package org.xinfang.portal.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.platform.Hashing;

/**
 * Slows down guessing of query secrets: after {@code xinfang.portal.lookup.max-failures} failed look-ups
 * (default 10) from one client within {@code xinfang.portal.lookup.window-minutes} (default 10), further
 * look-ups from that client are refused until the window ends. Successful look-ups do not reset the count,
 * or one's own valid code would unlock unlimited guessing.
 *
 * <p>The count lives in the database (one row per client, a fixed window) so that every instance behind a
 * load balancer shares it; the client's address is stored only as a SHA-256 hash.
 */
@Component
public class LookupThrottle {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int maxFailures;

	private final Duration window;

	LookupThrottle(JdbcClient jdbc, Clock clock, @Value("${xinfang.portal.lookup.max-failures:10}") int maxFailures,
			@Value("${xinfang.portal.lookup.window-minutes:10}") int windowMinutes) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxFailures = maxFailures;
		this.window = Duration.ofMinutes(windowMinutes);
	}

	/** How long the client must wait, or empty when it may look up now. */
	@Transactional(readOnly = true)
	public Optional<Duration> blockedFor(String client) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		return jdbc.sql("SELECT window_start, failures FROM lookup_throttle WHERE client_hash = :c")
			.param("c", hash(client))
			.query((rs, n) -> {
				OffsetDateTime end = rs.getObject("window_start", OffsetDateTime.class).plus(window);
				return rs.getInt("failures") >= maxFailures && end.isAfter(now) ? Duration.between(now, end) : null;
			})
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst();
	}

	/** Counts one failure atomically: a new window starts when the last one has ended. */
	@Transactional
	public void failed(String client) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("""
				INSERT INTO lookup_throttle (client_hash, window_start, failures) VALUES (:c, :now, 1)
				ON CONFLICT (client_hash) DO UPDATE SET
				    failures = CASE WHEN lookup_throttle.window_start <= :expired THEN 1
				                    ELSE lookup_throttle.failures + 1 END,
				    window_start = CASE WHEN lookup_throttle.window_start <= :expired THEN :now
				                        ELSE lookup_throttle.window_start END
				""")
			.param("c", hash(client))
			.param("now", now)
			.param("expired", now.minus(window))
			.update();
	}

	private static String hash(String client) {
		return Hashing.sha256Hex("lookup:" + client);
	}
}
