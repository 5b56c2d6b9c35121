package org.xinfang.supervision.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.calendar.CalendarDataMissingException;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.Hashing;
import org.xinfang.supervision.MeasureRefs.MatterRef;
import org.xinfang.supervision.MeasureRefs.UnitCount;
import org.xinfang.supervision.SpecialAssignments;

/**
 * Special assignments in the tables {@code special_assignment*} of migration V20; the rules are documented on
 * {@link SpecialAssignments}.
 */
@Service
@Transactional
class JdbcSpecialAssignments implements SpecialAssignments {

	private final MeasureSupport support;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final DueDates dueDates;

	JdbcSpecialAssignments(MeasureSupport support, AuditLog audit, DueDates dueDates) {
		this.support = support;
		this.jdbc = support.jdbc;
		this.audit = audit;
		this.dueDates = dueDates;
	}

	@Override
	public Assignment assign(NewAssignment a) {
		StaffPrincipal user = support.supervisor("Assigning");
		List<FieldProblem> errors = new ArrayList<>();
		Unit unit = support.targetUnit(a.unitCode(), user, errors);
		String topic = MeasureSupport.requiredText(a.topic(), "topic", 500, errors);
		String requirements = MeasureSupport.optionalText(a.requirements(), "requirements", MeasureSupport.MAX_TEXT,
				errors);
		List<Long> matters = support.matters(a.matterIds(), user, errors);
		MeasureSupport.check(errors);
		Unit issuing = support.units.byId(user.unitId()).orElseThrow();
		LocalDate today = support.today();
		String number = support.nextNumber(issuing, "ASSIGNMENT", today);
		Map<Step, LocalDate> due = new LinkedHashMap<>();
		Map<String, PeriodRule> rules = dueDates.rules();
		for (Step step : Step.values()) {
			due.put(step, dueOrPending(rules.get(step.ruleCode()), today));
		}
		List<MatterRef> refs = matters.stream().map(support::matterRef).toList();
		byte[] pdf = notice(unit, issuing, number, topic, requirements, refs, due, rules, today);
		long id = jdbc.sql("""
				INSERT INTO special_assignment (number, unit_id, issuing_unit_id, topic, requirements, assigned_on,
				                                status, created_by, created_at, pdf, sha256)
				VALUES (:number, :unit, :issuing, :topic, :requirements, :today, 'OPEN', :user, :now, :pdf, :sha)
				RETURNING id""")
			.param("number", number)
			.param("unit", unit.id())
			.param("issuing", issuing.id())
			.param("topic", topic)
			.param("requirements", requirements)
			.param("today", today)
			.param("user", user.username())
			.param("now", support.now())
			.param("pdf", pdf)
			.param("sha", Hashing.sha256Hex(pdf))
			.query(Long.class)
			.single();
		for (Long matter : matters) {
			jdbc.sql("INSERT INTO special_assignment_matter (assignment_id, matter_id) VALUES (:a, :m)")
				.param("a", id)
				.param("m", matter)
				.update();
		}
		for (Step step : Step.values()) {
			PeriodRule rule = rules.get(step.ruleCode());
			jdbc.sql("""
					INSERT INTO special_assignment_step (assignment_id, step, rule_code, due_on, start_date, amount, unit)
					VALUES (:a, :step, :rule, :due, :start, :amount, :unit)""")
				.param("a", id)
				.param("step", step.name())
				.param("rule", rule.code())
				.param("due", due.get(step))
				.param("start", today)
				.param("amount", rule.amount())
				.param("unit", rule.unit().name())
				.update();
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("number", number);
		details.put("unit", unit.code());
		details.put("topic", topic);
		details.put("matters", matters);
		due.forEach((step, day) -> details.put(step.name() + "dueOn", day == null ? "pending" : day.toString()));
		audit.record("SPECIAL_ASSIGNMENT_ISSUED", "special_assignment", id, details);
		return load(id).orElseThrow();
	}

	/** The due date, or null (pending) while the period reaches a year without holiday data. */
	private LocalDate dueOrPending(PeriodRule rule, LocalDate start) {
		if (rule == null) {
			throw new IllegalStateException("Period rule missing; migration V20 adds ASSIGNMENT_*");
		}
		try {
			return dueDates.dueDate(start, rule.amount(), rule.unit());
		}
		catch (CalendarDataMissingException ex) {
			return null;
		}
	}

	private byte[] notice(Unit unit, Unit issuing, String number, String topic, String requirements,
			List<MatterRef> refs, Map<Step, LocalDate> due, Map<String, PeriodRule> rules, LocalDate today) {
		List<String> p = new ArrayList<>();
		p.add(support.text("measures.doc.assignment.intro", topic));
		for (MatterRef m : refs) {
			p.add(support.text("measures.doc.assignment.matter", m.trackingCode()));
		}
		if (requirements != null) {
			p.add(support.text("measures.doc.assignment.requirements", requirements));
		}
		for (Step step : Step.values()) {
			LocalDate day = due.get(step);
			p.add(support.text("measures.doc.assignment.step." + step.name(),
					day == null ? support.text("measures.doc.pending") : MeasureSupport.chineseDate(day),
					rules.get(step.ruleCode()).amount()));
		}
		p.add(support.text("measures.doc.assignment.closing"));
		return support.render(issuing, number, "measures.doc.assignment.title", unit.name(), p, today);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Assignment> find(long id) {
		Optional<Assignment> a = load(id);
		a.ifPresent(x -> support.requireVisible(x.unit().id(), "Special assignment"));
		return a;
	}

	@Override
	public Assignment report(long id, Step step, String report) {
		Assignment a = find(id).orElseThrow(() -> DomainException.notFound("Special assignment"));
		StaffPrincipal user = support.answerer(a.unit().id());
		if (step == null) {
			throw DomainException.notFound("Step");
		}
		List<FieldProblem> errors = new ArrayList<>();
		String text = MeasureSupport.requiredText(report, "report", MeasureSupport.MAX_TEXT, errors);
		if (a.status() != Status.OPEN) {
			throw MeasureSupport.illegal("Reporting", a.status());
		}
		StepReport current = a.steps().get(step.ordinal());
		if (current.reportedAt() != null) {
			throw DomainException.conflict("step-reported", "The step " + step + " is already reported.");
		}
		if (step.ordinal() > 0 && a.steps().get(step.ordinal() - 1).reportedAt() == null) {
			throw DomainException.conflict("step-out-of-order",
					"The step " + Step.values()[step.ordinal() - 1] + " must be reported first.");
		}
		MeasureSupport.check(errors);
		jdbc.sql("""
				UPDATE special_assignment_step SET report = :text, reported_by = :u, reported_at = :now, reported_on = :today
				WHERE assignment_id = :id AND step = :step AND report IS NULL""")
			.param("text", text)
			.param("u", user.username())
			.param("now", support.now())
			.param("today", support.today())
			.param("id", id)
			.param("step", step.name())
			.update();
		if (step == Step.RESULT) {
			jdbc.sql("UPDATE special_assignment SET status = 'RESULT_REPORTED', version = version + 1 WHERE id = :id")
				.param("id", id)
				.update();
		}
		boolean late = current.dueOn() != null && support.today().isAfter(current.dueOn());
		audit.record("SPECIAL_ASSIGNMENT_STEP_REPORTED", "special_assignment", id,
				Map.of("step", step.name(), "late", late));
		return load(id).orElseThrow();
	}

	@Override
	public Assignment close(long id, String note) {
		Assignment a = find(id).orElseThrow(() -> DomainException.notFound("Special assignment"));
		StaffPrincipal user = support.supervisor("Closing an assignment");
		List<FieldProblem> errors = new ArrayList<>();
		String text = MeasureSupport.optionalText(note, "note", MeasureSupport.MAX_TEXT, errors);
		MeasureSupport.check(errors);
		int n = jdbc.sql("""
				UPDATE special_assignment SET status = 'CLOSED', closed_by = :u, closed_at = :now, close_note = :note,
				       version = version + 1
				WHERE id = :id AND status = 'RESULT_REPORTED'""")
			.param("u", user.username())
			.param("now", support.now())
			.param("note", text)
			.param("id", id)
			.update();
		if (n == 0) {
			throw MeasureSupport.illegal("Closing", a.status());
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("note", text == null ? "" : text);
		audit.record("SPECIAL_ASSIGNMENT_CLOSED", "special_assignment", id, details);
		return load(id).orElseThrow();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Summary> list(String unitCode) {
		Unit unit = support.unitInScope(unitCode, support.currentUser.require());
		return summaries(unit.path(), null, null);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<byte[]> notice(long id) {
		find(id).orElseThrow(() -> DomainException.notFound("Special assignment"));
		return jdbc.sql("SELECT pdf FROM special_assignment WHERE id = :id").param("id", id).query(byte[].class).optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Summary> assignedIn(long rootUnitId, LocalDate from, LocalDate to) {
		return summaries(support.rootPath(rootUnitId), from, to);
	}

	@Override
	@Transactional(readOnly = true)
	public List<UnitCount> overdueStepsByUnit(long rootUnitId, LocalDate from, LocalDate to) {
		return support.unitCounts(jdbc.sql("""
				SELECT a.unit_id, count(*) FROM special_assignment_step s
				JOIN special_assignment a ON a.id = s.assignment_id
				JOIN unit u ON u.id = a.unit_id
				WHERE u.path LIKE :path || '%' AND s.due_on IS NOT NULL AND s.due_on < :today
				  AND (s.reported_on IS NULL OR s.reported_on > s.due_on)
				  AND (CAST(:from AS date) IS NULL OR s.due_on >= :from)
				  AND (CAST(:to AS date) IS NULL OR s.due_on <= :to)
				GROUP BY a.unit_id ORDER BY count(*) DESC, a.unit_id""")
			.param("path", support.rootPath(rootUnitId))
			.param("today", support.today())
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list());
	}

	private List<Summary> summaries(String path, LocalDate from, LocalDate to) {
		List<Long> ids = jdbc.sql("""
				SELECT a.id FROM special_assignment a JOIN unit u ON u.id = a.unit_id
				WHERE u.path LIKE :path || '%'
				  AND (CAST(:from AS date) IS NULL OR a.assigned_on >= :from)
				  AND (CAST(:to AS date) IS NULL OR a.assigned_on <= :to)
				ORDER BY a.assigned_on DESC, a.id DESC LIMIT 1000""")
			.param("path", path)
			.param("from", from)
			.param("to", to)
			.query(Long.class)
			.list();
		List<Summary> result = new ArrayList<>();
		for (long id : ids) {
			Assignment a = load(id).orElseThrow();
			StepReport next = a.steps().stream().filter(s -> s.reportedAt() == null).findFirst().orElse(null);
			boolean overdue = a.steps().stream().anyMatch(s -> s.state() == StepState.OVERDUE);
			result.add(new Summary(a.id(), a.number(), a.unit(), a.topic(), a.assignedOn(), a.status(),
					next == null ? null : next.step(), next == null ? null : next.dueOn(),
					a.status() != Status.CLOSED && overdue));
		}
		return result;
	}

	Optional<Assignment> load(long id) {
		LocalDate today = support.today();
		List<String> reminded = jdbc.sql("SELECT assignment_step FROM reminder WHERE assignment_id = :id AND assignment_step IS NOT NULL")
			.param("id", id)
			.query(String.class)
			.list();
		List<StepReport> steps = jdbc.sql("""
				SELECT step, due_on, report, reported_by, reported_at, reported_on FROM special_assignment_step
				WHERE assignment_id = :id""")
			.param("id", id)
			.query((rs, n) -> {
				Step step = Step.valueOf(rs.getString("step"));
				LocalDate due = rs.getObject("due_on", LocalDate.class);
				LocalDate reportedOn = rs.getObject("reported_on", LocalDate.class);
				StepState state;
				if (reportedOn != null) {
					state = due != null && reportedOn.isAfter(due) ? StepState.REPORTED_LATE : StepState.REPORTED;
				}
				else if (due == null) {
					state = StepState.PENDING;
				}
				else {
					state = today.isAfter(due) ? StepState.OVERDUE : StepState.DUE;
				}
				return new StepReport(step, due, state, rs.getString("report"), rs.getString("reported_by"),
						rs.getObject("reported_at", OffsetDateTime.class), reportedOn, reminded.contains(step.name()));
			})
			.list()
			.stream()
			.sorted((x, y) -> x.step().compareTo(y.step()))
			.toList();
		return jdbc.sql("""
				SELECT id, number, unit_id, issuing_unit_id, topic, requirements, assigned_on, status, created_by,
				       closed_by, closed_at, close_note
				FROM special_assignment WHERE id = :id""")
			.param("id", id)
			.query((rs, n) -> new Assignment(rs.getLong("id"), rs.getString("number"),
					support.unitRef(rs.getLong("unit_id")), support.unitRef(rs.getLong("issuing_unit_id")),
					rs.getString("topic"), rs.getString("requirements"), rs.getObject("assigned_on", LocalDate.class),
					Status.valueOf(rs.getString("status")), rs.getString("created_by"),
					support.matterRefs("special_assignment_matter", "assignment_id", id), steps,
					rs.getString("closed_by"), rs.getObject("closed_at", OffsetDateTime.class),
					rs.getString("close_note")))
			.optional();
	}
}
