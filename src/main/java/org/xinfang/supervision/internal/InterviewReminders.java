package org.xinfang.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.notification.Message;
import org.xinfang.notification.Notifications;
import org.xinfang.organisation.Units;

/**
 * Raises one reminder for each interview whose written rectification report (due 15 working days after the
 * interview, DOMAIN §6) is past its due date and not filed. The reminder is audited and goes by SMS to every
 * interviewee with a phone (DOMAIN §6: general reminders by SMS).
 *
 * <p>First, a due date that waited for holiday data is computed now if that data has been entered. Exactly
 * once: the claim is an {@code INSERT … ON CONFLICT DO NOTHING RETURNING} on the interview, so a second run —
 * or a second instance — reminds nobody again; the SMS deduplication key names the same occasion.
 */
@Component
public class InterviewReminders {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog audit;

	private final Notifications notifications;

	private final Units units;

	private final JdbcInterviews interviews;

	InterviewReminders(JdbcClient jdbc, Clock clock, AuditLog audit, Notifications notifications, Units units,
			JdbcInterviews interviews) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		this.notifications = notifications;
		this.units = units;
		this.interviews = interviews;
	}

	public record Reminder(long interviewId, LocalDate dueOn) {
	}

	/** @return the reminders raised by this run */
	@Transactional
	public List<Reminder> remindOverdueReports() {
		completeDueDates();
		LocalDate today = LocalDate.now(clock);
		List<Reminder> raised = jdbc.sql("""
				INSERT INTO interview_reminder (interview_id, due_on, raised_at)
				SELECT id, rectification_due, :now FROM interview
				WHERE status IN ('HELD', 'SIGNED') AND rectification_due < :today
				ORDER BY id
				ON CONFLICT (interview_id) DO NOTHING
				RETURNING interview_id, due_on""")
			.param("today", today)
			.param("now", OffsetDateTime.now(clock))
			.query((rs, n) -> new Reminder(rs.getLong(1), rs.getObject(2, LocalDate.class)))
			.list();
		for (Reminder r : raised) {
			List<String> interviewees = jdbc.sql("SELECT username FROM interview_interviewee WHERE interview_id = :id ORDER BY username")
				.param("id", r.interviewId())
				.query(String.class)
				.list();
			audit.record("INTERVIEW_REPORT_OVERDUE", "interview", r.interviewId(),
					Map.of("dueOn", r.dueOn().toString(), "interviewees", interviewees));
			String unit = jdbc.sql("SELECT u.name FROM interview i JOIN unit u ON u.id = i.unit_id WHERE i.id = :id")
				.param("id", r.interviewId())
				.query(String.class)
				.single();
			for (String username : interviewees) {
				units.staff(username)
					.filter(s -> s.enabled() && s.phone() != null && !s.phone().isBlank())
					.ifPresent(s -> notifications.enqueue(Message.sms(
							"interview-" + r.interviewId() + "-report-overdue-" + username + "-sms", s.phone(),
							"interview.report-overdue", unit, r.dueOn().toString())));
			}
		}
		return raised;
	}

	/** Due dates that waited for the holiday data of a year, computed once that data is there. */
	private void completeDueDates() {
		record Waiting(long id, LocalDate heldOn) {
		}
		List<Waiting> waiting = jdbc.sql("""
				SELECT id, held_on FROM interview
				WHERE status IN ('HELD', 'SIGNED', 'REPORTED') AND rectification_due IS NULL AND held_on IS NOT NULL
				ORDER BY id FOR UPDATE""")
			.query((rs, n) -> new Waiting(rs.getLong(1), rs.getObject(2, LocalDate.class)))
			.list();
		for (Waiting w : waiting) {
			JdbcInterviews.Due due = interviews.due(w.heldOn());
			if (due.date() != null) {
				jdbc.sql("UPDATE interview SET rectification_due = :due, due_missing_year = NULL WHERE id = :id")
					.param("due", due.date())
					.param("id", w.id())
					.update();
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("rectificationDue", due.date().toString());
				audit.record("INTERVIEW_DUE_COMPUTED", "interview", w.id(), details);
			}
		}
	}
}
