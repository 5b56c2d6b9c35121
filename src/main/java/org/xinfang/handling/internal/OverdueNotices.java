package org.xinfang.handling.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.handling.DeadlineMissed;

/**
 * Notices deadlines of staff obligations that passed unmet, once each. The claim is a conditional
 * {@code UPDATE … RETURNING}: when two instances run at once, the row lock makes the second re-check
 * {@code overdue_noticed_at IS NULL} and skip the rows the first claimed, so no notice is doubled even
 * without the scheduler lock.
 */
@Component
public class OverdueNotices {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	OverdueNotices(JdbcClient jdbc, Clock clock, AuditLog audit, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		this.events = events;
	}

	/** @return the deadlines noticed by this run */
	@Transactional
	public List<DeadlineMissed> noticeOverdue() {
		OffsetDateTime now = OffsetDateTime.now(clock);
		// a period ends at 24:00 of its due date (Civil Code Art. 203): overdue from the next day
		List<DeadlineMissed> missed = jdbc.sql("""
				UPDATE matter_deadline SET overdue_noticed_at = :now
				WHERE met_on IS NULL AND obligation AND overdue_noticed_at IS NULL AND due_date IS NOT NULL
				  AND due_date < :today
				RETURNING matter_id, rule_code, due_date
				""")
			.param("now", now)
			.param("today", LocalDate.now(clock))
			.query((rs, n) -> new DeadlineMissed(rs.getLong("matter_id"), rs.getString("rule_code"),
					rs.getObject("due_date", LocalDate.class)))
			.list();
		for (DeadlineMissed d : missed) {
			jdbc.sql("""
					INSERT INTO matter_event (matter_id, at, type, actor, note, public)
					VALUES (:id, :at, 'OVERDUE', 'system', :note, FALSE)
					""")
				.param("id", d.matterId())
				.param("at", now)
				.param("note", d.rule() + " " + d.dueDate())
				.update();
			audit.record("DEADLINE_OVERDUE", "matter", d.matterId(),
					Map.of("rule", d.rule(), "dueDate", d.dueDate().toString()));
			events.publishEvent(d);
		}
		return missed;
	}
}
