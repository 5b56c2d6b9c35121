package org.xinfang.intake.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the query secrets kept for idempotent replays once their window has passed: the secret is only
 * held in clear so that a retried online submission gets the same answer, and must not stay longer. Runs
 * on one instance at a time.
 */
@Component
class ExpiredReplayCleanup {

	private final JdbcClient jdbc;

	private final Clock clock;

	ExpiredReplayCleanup(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${xinfang.intake.replay-cleanup-interval:PT10M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "intake.expiredReplayCleanup", lockAtMostFor = "PT5M")
	void deleteExpired() {
		jdbc.sql("DELETE FROM submission_replay WHERE expires_at < :now")
			.param("now", OffsetDateTime.now(clock))
			.update();
	}
}
