package org.xinfang.portal.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets look-up failure counts a day after their window began; runs on one instance at a time. */
@Component
class ThrottleCleanup {

	private final JdbcClient jdbc;

	private final Clock clock;

	ThrottleCleanup(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${xinfang.portal.throttle-cleanup-interval:PT1H}", initialDelayString = "PT2M")
	@SchedulerLock(name = "portal.throttleCleanup", lockAtMostFor = "PT5M")
	void deleteOld() {
		jdbc.sql("DELETE FROM lookup_throttle WHERE window_start < :cutoff")
			.param("cutoff", OffsetDateTime.now(clock).minusDays(1))
			.update();
	}
}
