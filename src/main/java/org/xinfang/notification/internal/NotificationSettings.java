package org.xinfang.notification.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox ({@code xinfang.notification.*}). The dispatch interval and whether the job runs
 * at all are read by {@link DispatchSchedule} ({@code dispatcher.interval}, {@code dispatcher.enabled}).
 *
 * @param mailFrom the sender address of e-mails
 * @param batchSize how many due messages one dispatcher run claims
 * @param maxAttempts after this many failed attempts a message is FAILED
 * @param initialBackoff the wait after the first failure; doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 */
@ConfigurationProperties("xinfang.notification")
record NotificationSettings(@DefaultValue("xinfang@localhost") String mailFrom, @DefaultValue("20") int batchSize,
		@DefaultValue("6") int maxAttempts, @DefaultValue("PT1M") Duration initialBackoff,
		@DefaultValue("PT2H") Duration maxBackoff) {

	NotificationSettings {
		if (batchSize < 1 || maxAttempts < 1) {
			throw new IllegalArgumentException("xinfang.notification.batch-size and max-attempts must be positive");
		}
	}

	/** The wait before the next attempt after {@code failures} failed ones: initial × 2^(failures−1), capped. */
	Duration backoffAfter(int failures) {
		Duration wait = initialBackoff;
		for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
	}
}
