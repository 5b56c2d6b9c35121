package org.xinfang.notification.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher every {@code xinfang.notification.dispatcher.interval} (default 5 seconds) on one
 * instance at a time; batches are drained until none is due. Switched off with
 * {@code xinfang.notification.dispatcher.enabled=false} (the shared test context, whose tests would
 * otherwise race the notification tests for rows in the shared database).
 */
@Component
@ConditionalOnBooleanProperty(name = "xinfang.notification.dispatcher.enabled", matchIfMissing = true)
class DispatchSchedule {

	/** Upper bound of batches per run, so one run cannot hold the lock for ever while rows keep arriving. */
	private static final int MAX_BATCHES_PER_RUN = 50;

	private final OutboxDispatcher dispatcher;

	DispatchSchedule(OutboxDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Scheduled(fixedDelayString = "${xinfang.notification.dispatcher.interval:PT5S}",
			initialDelayString = "${xinfang.notification.dispatcher.initial-delay:PT10S}")
	@SchedulerLock(name = "notification.dispatch", lockAtMostFor = "PT10M")
	void dispatch() {
		for (int batch = 0; batch < MAX_BATCHES_PER_RUN && dispatcher.dispatchDue() > 0; batch++) {
			// a full batch may leave more due rows behind
		}
	}
}
