package org.xinfang.supervision.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs {@link SpecialAssignmentReminders} on one instance of the cluster at a time, daily unless configured. */
@Component
class SpecialAssignmentReminderJob {

	private static final Logger log = LoggerFactory.getLogger(SpecialAssignmentReminderJob.class);

	private final SpecialAssignmentReminders reminders;

	SpecialAssignmentReminderJob(SpecialAssignmentReminders reminders) {
		this.reminders = reminders;
	}

	@Scheduled(fixedDelayString = "${xinfang.supervision.assignment-reminder-interval:PT24H}",
			initialDelayString = "${xinfang.supervision.assignment-reminder-initial-delay:PT5M}")
	@SchedulerLock(name = "supervision.assignmentReminders", lockAtMostFor = "PT10M")
	void run() {
		int n = reminders.remindOverdueSteps().size();
		if (n > 0) {
			log.info("{} overdue special-assignment step(s) reminded", n);
		}
	}
}
