package org.xinfang.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * Raises one reminder for each full week since a key matter was marked that ended without a progress report,
 * for every key matter not closed (DOMAIN §6: "a missing weekly report raises a reminder"; the weeks are those
 * of {@link KeyMatterWeeks}). The reminder goes to the owning leader by SMS when they have a phone (DOMAIN §6:
 * general reminders by SMS), and is audited.
 *
 * <p>Exactly once: the claim is an {@code INSERT … ON CONFLICT DO NOTHING RETURNING} on the key
 * (matter, week), so a second run — or a second instance running at the same moment without the scheduler
 * lock — inserts nothing and reminds nobody again; the SMS deduplication key names the same occasion.
 */
@Component
public class KeyMatterReminders {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog audit;

	private final Notifications notifications;

	private final Units units;

	KeyMatterReminders(JdbcClient jdbc, Clock clock, AuditLog audit, Notifications notifications, Units units) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		this.notifications = notifications;
		this.units = units;
	}

	public record Reminder(long matterId, String trackingCode, LocalDate weekStart, String leader) {
	}

	/** @return the reminders raised by this run */
	@Transactional
	public List<Reminder> remindMissingReports() {
		LocalDate today = LocalDate.now(clock);
		List<Reminder> raised = jdbc.sql("""
				WITH missing AS (
				    SELECT k.matter_id, w::date AS week_start, k.leader_username
				    FROM key_matter k
				    JOIN matter m ON m.id = k.matter_id AND m.status <> 'CLOSED' AND k.unmarked_at IS NULL
				    CROSS JOIN LATERAL generate_series(date_trunc('week', (k.marked_on + 6)::timestamp), CAST(:lastEnded AS timestamp), interval '7 days') w
				    WHERE NOT EXISTS (SELECT 1 FROM key_matter_report r
				                      WHERE r.matter_id = k.matter_id AND r.week_start = w::date)
				)
				INSERT INTO key_matter_reminder (matter_id, week_start, leader_username, raised_at)
				SELECT matter_id, week_start, leader_username, :now FROM missing
				-- one order for every run, so that two runs at once wait on each other instead of deadlocking
				ORDER BY matter_id, week_start
				ON CONFLICT (matter_id, week_start) DO NOTHING
				RETURNING matter_id, week_start, leader_username,
				          (SELECT tracking_code FROM matter WHERE id = matter_id) AS tracking_code
				""")
			.param("lastEnded", KeyMatterWeeks.lastEnded(today))
			.param("now", OffsetDateTime.now(clock))
			.query((rs, n) -> new Reminder(rs.getLong("matter_id"), rs.getString("tracking_code"),
					rs.getObject("week_start", LocalDate.class), rs.getString("leader_username")))
			.list();
		for (Reminder r : raised) {
			audit.record("KEY_MATTER_REPORT_MISSING", "matter", r.matterId(),
					Map.of("weekStart", r.weekStart().toString(), "leader", r.leader()));
			units.staff(r.leader())
				.filter(s -> s.enabled() && s.phone() != null && !s.phone().isBlank())
				.ifPresent(s -> notifications.enqueue(Message
					.sms("keymatter-" + r.matterId() + "-" + r.weekStart() + "-report-missing-sms", s.phone(),
							"keymatter.report-missing", r.trackingCode(), r.weekStart().toString(),
							r.weekStart().plusDays(6).toString())
					.aboutMatter(r.matterId())));
		}
		return raised;
	}
}
