package org.xinfang.intake.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.xinfang.intake.MatterDeadlines;

/**
 * Settles pending deadlines — of any step, from triage to a re-review decision — once an administrator has
 * entered the holiday data of the year their period reaches. Runs on one instance of the cluster at a time;
 * {@link MatterDeadlines#settlePending()} is exactly-once on its own as well.
 */
@Component
class PendingDeadlinesJob {

	private final MatterDeadlines deadlines;

	PendingDeadlinesJob(MatterDeadlines deadlines) {
		this.deadlines = deadlines;
	}

	@Scheduled(fixedDelayString = "${xinfang.intake.pending-deadlines-interval:PT15M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "deadlines.settlePending", lockAtMostFor = "PT10M")
	void run() {
		deadlines.settlePending();
	}
}
