package org.xinfang.supervision.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs {@link InterviewReminders} on one instance of the cluster at a time, daily unless configured. */
@Component
class InterviewReminderJob {

	private static final Logger log = LoggerFactory.getLogger(InterviewReminderJob.class);

	private final InterviewReminders reminders;

	InterviewReminderJob(InterviewReminders reminders) {
		this.reminders = reminders;
	}

	@Scheduled(fixedDelayString = "${xinfang.supervision.interview-reminder-interval:PT24H}",
			initialDelayString = "${xinfang.supervision.interview-reminder-initial-delay:PT6M}")
	@SchedulerLock(name = "supervision.interviewReminders", lockAtMostFor = "PT10M")
	void run() {
		int n = reminders.remindOverdueReports().size();
		if (n > 0) {
			log.info("{} overdue interview rectification report(s) reminded", n);
		}
	}
}
