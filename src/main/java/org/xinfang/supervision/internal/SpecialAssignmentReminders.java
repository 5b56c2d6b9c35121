package org.xinfang.supervision.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.calendar.CalendarDataMissingException;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.organisation.Unit;
import org.xinfang.supervision.Reminders.Kind;
import org.xinfang.supervision.Reminders.Reminder;

/**
 * Raises one general reminder (SMS to the unit's officials, {@link JdbcReminders}) for each step of an open
 * special assignment whose due date has passed without a report (DOMAIN §6: measures within 5 working days,
 * progress within 15, result within 30). First it settles due dates that were pending for want of holiday
 * data, once the year has been entered.
 *
 * <p>Exactly once: the reminder's key (assignment, step) is unique, and the insert does nothing on conflict,
 * so a second run — or a second instance at the same moment without the scheduler lock — reminds nobody again.
 */
@Component
public class SpecialAssignmentReminders {

	private final JdbcClient jdbc;

	private final MeasureSupport support;

	private final JdbcReminders reminders;

	private final DueDates dueDates;

	private final AuditLog audit;

	SpecialAssignmentReminders(MeasureSupport support, JdbcReminders reminders, DueDates dueDates, AuditLog audit) {
		this.jdbc = support.jdbc;
		this.support = support;
		this.reminders = reminders;
		this.dueDates = dueDates;
		this.audit = audit;
	}

	/** @return the reminders raised by this run */
	@Transactional
	public List<Reminder> remindOverdueSteps() {
		settlePending();
		record Overdue(long assignmentId, String number, long unitId, long issuingUnitId, String step, LocalDate dueOn) {
		}
		List<Overdue> overdue = jdbc.sql("""
				SELECT a.id, a.number, a.unit_id, a.issuing_unit_id, s.step, s.due_on
				FROM special_assignment_step s JOIN special_assignment a ON a.id = s.assignment_id
				WHERE a.status = 'OPEN' AND s.report IS NULL AND s.due_on < :today
				  AND NOT EXISTS (SELECT 1 FROM reminder r WHERE r.assignment_id = a.id AND r.assignment_step = s.step)
				ORDER BY a.id, s.step""")
			.param("today", support.today())
			.query((rs, n) -> new Overdue(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
					rs.getString(5), rs.getObject(6, LocalDate.class)))
			.list();
		List<Reminder> raised = new ArrayList<>();
		for (Overdue o : overdue) {
			Unit unit = support.units.byId(o.unitId()).orElseThrow();
			Unit issuing = support.units.byId(o.issuingUnitId()).orElseThrow();
			String reason = support.text("measures.reason.stepOverdue", o.number(),
					support.text("measures.step." + o.step()), MeasureSupport.chineseDate(o.dueOn()));
			Reminder r = reminders.create(unit, issuing, Kind.GENERAL, reason, List.of(), o.assignmentId(), o.step(),
					null, null, "system", false);
			if (r != null) {
				raised.add(r);
			}
		}
		return raised;
	}

	/** Computes the due dates that waited for holiday data, now that the year may have been entered. */
	private void settlePending() {
		record Pending(long assignmentId, String step, LocalDate start, int amount, PeriodUnit unit) {
		}
		List<Pending> pending = jdbc.sql("""
				SELECT assignment_id, step, start_date, amount, unit FROM special_assignment_step
				WHERE due_on IS NULL ORDER BY assignment_id, step""")
			.query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
					rs.getInt(4), PeriodUnit.valueOf(rs.getString(5))))
			.list();
		for (Pending p : pending) {
			LocalDate due;
			try {
				due = dueDates.dueDate(p.start(), p.amount(), p.unit());
			}
			catch (CalendarDataMissingException ex) {
				continue;
			}
			int n = jdbc.sql("""
					UPDATE special_assignment_step SET due_on = :due
					WHERE assignment_id = :a AND step = :step AND due_on IS NULL""")
				.param("due", due)
				.param("a", p.assignmentId())
				.param("step", p.step())
				.update();
			if (n > 0) {
				audit.record("SPECIAL_ASSIGNMENT_DUE_SETTLED", "special_assignment", p.assignmentId(),
						Map.of("step", p.step(), "dueOn", due.toString()));
			}
		}
	}
}
