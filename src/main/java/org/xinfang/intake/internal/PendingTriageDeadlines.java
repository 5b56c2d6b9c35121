package org.xinfang.intake.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.audit.AuditLog;
import org.xinfang.calendar.CalendarDataMissingException;
import org.xinfang.calendar.DueDates;

/**
 * Sets the triage deadline of matters registered while the holiday calendar lacked the year their period
 * reaches (registration never waits for calendar data, "应录尽录"). Once an administrator has entered the
 * year, the next run computes and stores the deadline; until then the matter keeps waiting, never a guess.
 * Runs on one instance at a time.
 */
@Component
class PendingTriageDeadlines {

	private static final Log log = LogFactory.getLog(PendingTriageDeadlines.class);

	private final JdbcClient jdbc;

	private final DueDates dueDates;

	private final AuditLog audit;

	private final MatterRows rows;

	private final TransactionTemplate tx;

	private final Clock clock;

	PendingTriageDeadlines(JdbcClient jdbc, DueDates dueDates, AuditLog audit, MatterRows rows, TransactionTemplate tx,
			Clock clock) {
		this.jdbc = jdbc;
		this.dueDates = dueDates;
		this.audit = audit;
		this.rows = rows;
		this.tx = tx;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${xinfang.intake.pending-deadlines-interval:PT15M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "intake.pendingTriageDeadlines", lockAtMostFor = "PT10M")
	void run() {
		settle();
	}

	/** @return how many matters received their deadline */
	int settle() {
		List<Map<String, Object>> waiting = jdbc.sql("""
				SELECT m.id, m.received_on FROM matter m
				WHERE m.status = 'REGISTERED'
				  AND NOT EXISTS (SELECT 1 FROM matter_deadline d WHERE d.matter_id = m.id AND d.rule_code = :rule)
				ORDER BY m.id
				LIMIT 1000
				""").param("rule", JdbcIntake.TRIAGE).query().listOfRows();
		int settled = 0;
		for (Map<String, Object> row : waiting) {
			long id = ((Number) row.get("id")).longValue();
			LocalDate receivedOn = ((java.sql.Date) row.get("received_on")).toLocalDate();
			LocalDate due;
			try {
				due = dueDates.dueDate(JdbcIntake.TRIAGE, receivedOn);
			}
			catch (CalendarDataMissingException ex) {
				continue; // still no data for that year: keep waiting
			}
			Boolean set = tx.execute(status -> {
				int inserted = jdbc.sql("""
						INSERT INTO matter_deadline (matter_id, rule_code, due_date)
						VALUES (:id, :rule, :due) ON CONFLICT DO NOTHING
						""").param("id", id).param("rule", JdbcIntake.TRIAGE).param("due", due).update();
				if (inserted == 0) {
					return false;
				}
				rows.event(id, OffsetDateTime.now(clock), "DEADLINE_SET", "system", due.toString(), false);
				audit.record("DEADLINE_SET", "matter", id, Map.of("rule", JdbcIntake.TRIAGE, "dueDate", due.toString()));
				return true;
			});
			if (Boolean.TRUE.equals(set)) {
				settled++;
			}
		}
		if (settled > 0) {
			log.info("Set the triage deadline of " + settled + " matter(s) registered before their calendar data");
		}
		return settled;
	}
}
