package org.xinfang.intake.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.audit.AuditLog;
import org.xinfang.calendar.CalendarDataMissingException;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.intake.MatterDeadlines;

/**
 * {@link MatterDeadlines} on {@code matter_deadline}. A pending row keeps its start, amount and unit (the
 * rule as it stood when the period opened: a later edit of the rule table does not change a running
 * period) and, in {@code matter_deadline_addition}, what was added to it meanwhile.
 * <p>
 * Settling is exactly-once without relying on the scheduler lock: each row is settled in its own
 * transaction that first locks it ({@code FOR UPDATE}) and re-checks that it is still pending, so a second
 * instance (or a step that opened the rule again) simply finds nothing to do.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class JdbcMatterDeadlines implements MatterDeadlines {

	private static final Log log = LogFactory.getLog(JdbcMatterDeadlines.class);

	static final String SYSTEM = "system";

	private final JdbcClient jdbc;

	private final DueDates dueDates;

	private final AuditLog audit;

	private final MatterRows rows;

	private final TransactionTemplate tx;

	private final Clock clock;

	JdbcMatterDeadlines(JdbcClient jdbc, DueDates dueDates, AuditLog audit, MatterRows rows, TransactionTemplate tx,
			Clock clock) {
		this.jdbc = jdbc;
		this.dueDates = dueDates;
		this.audit = audit;
		this.rows = rows;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public Optional<LocalDate> open(long matterId, String rule, LocalDate start, boolean obligation) {
		PeriodRule r = dueDates.rule(rule);
		LocalDate due = null;
		CalendarDataMissingException missing = null;
		try {
			due = dueDates.dueDate(start, r.amount(), r.unit());
		}
		catch (CalendarDataMissingException ex) {
			missing = ex;
		}
		jdbc.sql("DELETE FROM matter_deadline_addition WHERE matter_id = :id AND rule_code = :rule")
			.param("id", matterId)
			.param("rule", rule)
			.update();
		jdbc.sql("""
				INSERT INTO matter_deadline (matter_id, rule_code, due_date, obligation, start_date, amount, unit)
				VALUES (:id, :rule, :due, :obligation, :start, :amount, :unit)
				ON CONFLICT (matter_id, rule_code) DO UPDATE
				SET due_date = EXCLUDED.due_date, met_on = NULL, overdue_noticed_at = NULL,
				    obligation = EXCLUDED.obligation, start_date = EXCLUDED.start_date, amount = EXCLUDED.amount,
				    unit = EXCLUDED.unit
				""")
			.param("id", matterId)
			.param("rule", rule)
			.param("due", due)
			.param("obligation", obligation)
			.param("start", start)
			.param("amount", r.amount())
			.param("unit", r.unit().name())
			.update();
		if (missing != null) {
			pendingNoted(matterId, rule, missing);
		}
		return Optional.ofNullable(due);
	}

	@Override
	public Optional<LocalDate> extend(long matterId, String rule, int amount, PeriodUnit unit, String cause) {
		LocalDate due = jdbc.sql("""
				SELECT due_date FROM matter_deadline WHERE matter_id = :id AND rule_code = :rule FOR UPDATE
				""")
			.param("id", matterId)
			.param("rule", rule)
			.query((rs, n) -> Optional.ofNullable(rs.getObject("due_date", LocalDate.class)))
			.optional()
			.orElseThrow(() -> new IllegalStateException("No deadline " + rule + " of matter " + matterId))
			.orElse(null);
		if (due == null) {
			addition(matterId, rule, amount, unit, cause);
			return Optional.empty();
		}
		try {
			LocalDate moved = dueDates.dueDate(due, amount, unit);
			jdbc.sql("""
					UPDATE matter_deadline SET due_date = :due, overdue_noticed_at = NULL
					WHERE matter_id = :id AND rule_code = :rule
					""")
				.param("due", moved)
				.param("id", matterId)
				.param("rule", rule)
				.update();
			return Optional.of(moved);
		}
		catch (CalendarDataMissingException ex) {
			// the computed date becomes the start of a pending period of the added amount
			jdbc.sql("""
					UPDATE matter_deadline SET due_date = NULL, overdue_noticed_at = NULL, start_date = :start,
					       amount = :amount, unit = :unit
					WHERE matter_id = :id AND rule_code = :rule
					""")
				.param("start", due)
				.param("amount", amount)
				.param("unit", unit.name())
				.param("id", matterId)
				.param("rule", rule)
				.update();
			pendingNoted(matterId, rule, ex);
			return Optional.empty();
		}
	}

	private void addition(long matterId, String rule, int amount, PeriodUnit unit, String cause) {
		jdbc.sql("""
				INSERT INTO matter_deadline_addition (matter_id, rule_code, amount, unit, cause)
				VALUES (:id, :rule, :amount, :unit, :cause)
				""")
			.param("id", matterId)
			.param("rule", rule)
			.param("amount", amount)
			.param("unit", unit.name())
			.param("cause", cause)
			.update();
	}

	private void pendingNoted(long matterId, String rule, CalendarDataMissingException ex) {
		rows.event(matterId, OffsetDateTime.now(clock), "DEADLINE_PENDING", SYSTEM,
				rule + " " + ex.properties().get("year"), false);
	}

	@Override
	@Transactional(propagation = Propagation.NEVER)
	public int settlePending() {
		List<Key> pending = jdbc.sql("""
				SELECT matter_id, rule_code FROM matter_deadline WHERE due_date IS NULL
				ORDER BY matter_id, rule_code LIMIT 1000
				""")
			.query((rs, n) -> new Key(rs.getLong("matter_id"), rs.getString("rule_code")))
			.list();
		int settled = 0;
		for (Key key : pending) {
			if (Boolean.TRUE.equals(tx.execute(status -> settle(key)))) {
				settled++;
			}
		}
		if (settled > 0) {
			log.info("Settled " + settled + " pending deadline(s) now that their holiday data is entered");
		}
		return settled;
	}

	/** One pending deadline, in the caller's transaction; false when it is not (or no longer) computable. */
	private boolean settle(Key key) {
		Optional<Pending> found = jdbc.sql("""
				SELECT start_date, amount, unit FROM matter_deadline
				WHERE matter_id = :id AND rule_code = :rule AND due_date IS NULL FOR UPDATE
				""")
			.param("id", key.matterId())
			.param("rule", key.rule())
			.query((rs, n) -> new Pending(rs.getObject("start_date", LocalDate.class), rs.getInt("amount"),
					PeriodUnit.valueOf(rs.getString("unit"))))
			.optional();
		if (found.isEmpty()) {
			return false; // settled meanwhile by another instance, or opened again with a date
		}
		Pending p = found.get();
		List<Pending> additions = jdbc.sql("""
				SELECT amount, unit FROM matter_deadline_addition
				WHERE matter_id = :id AND rule_code = :rule ORDER BY id
				""")
			.param("id", key.matterId())
			.param("rule", key.rule())
			.query((rs, n) -> new Pending(null, rs.getInt("amount"), PeriodUnit.valueOf(rs.getString("unit"))))
			.list();
		LocalDate due;
		try {
			due = dueDates.dueDate(p.start(), p.amount(), p.unit());
			for (Pending a : additions) {
				due = dueDates.dueDate(due, a.amount(), a.unit());
			}
		}
		catch (CalendarDataMissingException ex) {
			return false; // that year still has no data: keep waiting
		}
		jdbc.sql("""
				UPDATE matter_deadline SET due_date = :due, overdue_noticed_at = NULL
				WHERE matter_id = :id AND rule_code = :rule
				""")
			.param("due", due)
			.param("id", key.matterId())
			.param("rule", key.rule())
			.update();
		jdbc.sql("DELETE FROM matter_deadline_addition WHERE matter_id = :id AND rule_code = :rule")
			.param("id", key.matterId())
			.param("rule", key.rule())
			.update();
		rows.event(key.matterId(), OffsetDateTime.now(clock), "DEADLINE_SET", SYSTEM, key.rule() + " " + due, false);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("rule", key.rule());
		details.put("dueDate", due.toString());
		details.put("countedFrom", p.start().toString());
		details.put("amount", p.amount());
		details.put("unit", p.unit().name());
		details.put("additions", additions.size());
		audit.record("DEADLINE_SET", "matter", key.matterId(), details);
		return true;
	}

	private record Key(long matterId, String rule) {
	}

	private record Pending(LocalDate start, int amount, PeriodUnit unit) {
	}
}
