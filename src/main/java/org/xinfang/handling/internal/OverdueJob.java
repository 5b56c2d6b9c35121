package org.xinfang.handling.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs {@link OverdueNotices} on one instance of the cluster at a time. */
@Component
class OverdueJob {

	private static final Logger log = LoggerFactory.getLogger(OverdueJob.class);

	private final OverdueNotices notices;

	OverdueJob(OverdueNotices notices) {
		this.notices = notices;
	}

	@Scheduled(fixedDelayString = "${xinfang.handling.overdue-interval:PT15M}", initialDelayString = "${xinfang.handling.overdue-initial-delay:PT3M}")
	@SchedulerLock(name = "handling.overdueNotices", lockAtMostFor = "PT10M")
	void run() {
		int n = notices.noticeOverdue().size();
		if (n > 0) {
			log.info("{} deadline(s) newly overdue", n);
		}
	}
}
