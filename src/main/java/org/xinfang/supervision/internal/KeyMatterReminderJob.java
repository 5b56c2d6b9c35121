package org.xinfang.supervision.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs {@link KeyMatterReminders} on one instance of the cluster at a time, daily unless configured. */
@Component
class KeyMatterReminderJob {

	private static final Logger log = LoggerFactory.getLogger(KeyMatterReminderJob.class);

	private final KeyMatterReminders reminders;

	KeyMatterReminderJob(KeyMatterReminders reminders) {
		this.reminders = reminders;
	}

	@Scheduled(fixedDelayString = "${xinfang.supervision.key-matter-reminder-interval:PT24H}",
			initialDelayString = "${xinfang.supervision.key-matter-reminder-initial-delay:PT5M}")
	@SchedulerLock(name = "supervision.keyMatterReminders", lockAtMostFor = "PT10M")
	void run() {
		int n = reminders.remindMissingReports().size();
		if (n > 0) {
			log.info("{} missing weekly key-matter report(s) reminded", n);
		}
	}
}
