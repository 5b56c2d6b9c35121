package org.xinfang.supervision.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.Hashing;
import org.xinfang.supervision.Flags;
import org.xinfang.supervision.MeasureRefs.MatterRef;
import org.xinfang.supervision.MeasureRefs.UnitCount;

/** Flagged supervision in the tables {@code flag*} of migration V20; the rules are documented on {@link Flags}. */
@Service
@Transactional
class JdbcFlags implements Flags {

	/** A flag is overdue in these states once its deadline has passed. */
	static final Set<Status> RUNNING = Set.of(Status.NOTICE_ISSUED, Status.RESOLUTION_REPORTED);

	private final MeasureSupport support;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	JdbcFlags(MeasureSupport support, AuditLog audit) {
		this.support = support;
		this.jdbc = support.jdbc;
		this.audit = audit;
	}

	@Override
	public Flag file(NewFlag f) {
		StaffPrincipal user = support.supervisor("Flagging a unit");
		List<FieldProblem> errors = new ArrayList<>();
		Unit unit = support.targetUnit(f.unitCode(), user, errors);
		Ground ground = MeasureSupport.parse(Ground.class, f.ground(), "ground", errors);
		String reason = MeasureSupport.requiredText(f.reason(), "reason", 2000, errors);
		boolean named = f.matterId() != null && !f.matterId().isBlank();
		List<Long> matter = named ? support.matters(List.of(f.matterId()), user, errors) : List.of();
		if (ground == Ground.SERIOUS_IMPACT && !named) {
			errors.add(new FieldProblem("matterId", "is required for a matter of serious impact"));
		}
		MeasureSupport.check(errors);
		if (ground == Ground.REMINDED_TWICE) {
			long reminded = jdbc.sql("SELECT count(*) FROM reminder WHERE unit_id = :u")
				.param("u", unit.id())
				.query(Long.class)
				.single();
			if (reminded < 2) {
				throw DomainException.unprocessable("not-reminded-twice",
						"The unit " + unit.name() + " has not been reminded twice; file a flag on another ground.");
			}
		}
		Unit issuing = support.units.byId(user.unitId()).orElseThrow();
		return create(unit, issuing, ground, matter.isEmpty() ? null : matter.get(0), reason, null, user.username());
	}

	/** Files a flag on a supervisor's behalf without a signed-in user (a confirmed bulletin proposal). */
	Flag create(Unit unit, Unit issuing, Ground ground, Long matterId, String reason, Long proposalId, String actor) {
		long id = jdbc.sql("""
				INSERT INTO flag (unit_id, issuing_unit_id, matter_id, ground, reason, proposal_id, status, filed_on, filed_by)
				VALUES (:unit, :issuing, :matter, :ground, :reason, :proposal, 'FILED', :today, :actor)
				RETURNING id""")
			.param("unit", unit.id())
			.param("issuing", issuing.id())
			.param("matter", matterId)
			.param("ground", ground.name())
			.param("reason", reason)
			.param("proposal", proposalId)
			.param("today", support.today())
			.param("actor", actor)
			.query(Long.class)
			.single();
		step(id, StepKind.FILED, actor, reason);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("unit", unit.code());
		details.put("ground", ground.name());
		details.put("reason", reason);
		if (matterId != null) {
			details.put("matterId", matterId);
		}
		if (proposalId != null) {
			details.put("proposalId", proposalId);
		}
		audit.record("FLAG_FILED", "flag", id, details);
		return load(id).orElseThrow();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Flag> find(long id) {
		Optional<Flag> flag = load(id);
		flag.ifPresent(f -> support.requireVisible(f.unit().id(), "Flag"));
		return flag;
	}

	@Override
	public Flag issueNotice(long id, LocalDate deadline, String note) {
		Flag flag = find(id).orElseThrow(() -> DomainException.notFound("Flag"));
		StaffPrincipal user = support.supervisor("Issuing a flag notice");
		List<FieldProblem> errors = new ArrayList<>();
		if (deadline == null || !deadline.isAfter(support.today())) {
			errors.add(new FieldProblem("deadline", "is required, after today"));
		}
		String text = MeasureSupport.requiredText(note, "note", MeasureSupport.MAX_TEXT, errors);
		if (flag.status() != Status.FILED) {
			throw MeasureSupport.illegal("Issuing the notice", flag.status());
		}
		MeasureSupport.check(errors);
		Unit unit = support.units.byId(flag.unit().id()).orElseThrow();
		Unit issuing = support.units.byId(flag.issuingUnit().id()).orElseThrow();
		LocalDate today = support.today();
		String number = support.nextNumber(issuing, "FLAG", today);
		List<String> p = new ArrayList<>();
		p.add(support.text("measures.doc.flag.intro", flag.reason()));
		if (flag.matter() != null) {
			p.add(support.text("measures.doc.flag.matter", flag.matter().trackingCode()));
		}
		p.add(support.text("measures.doc.flag.requirements", text));
		p.add(support.text("measures.doc.flag.deadline", MeasureSupport.chineseDate(deadline)));
		p.add(support.text("measures.doc.flag.closing"));
		byte[] pdf = support.render(issuing, number, "measures.doc.flag.title", unit.name(), p, today);
		transition(id, Status.FILED, Status.NOTICE_ISSUED, """
				number = :number, deadline = :deadline, pdf = :pdf, sha256 = :sha,""", Map.of("number", number,
				"deadline", deadline, "pdf", pdf, "sha", Hashing.sha256Hex(pdf)));
		step(id, StepKind.NOTICE_ISSUED, user.username(), text);
		audit.record("FLAG_NOTICE_ISSUED", "flag", id,
				Map.of("number", number, "deadline", deadline.toString(), "note", text));
		return load(id).orElseThrow();
	}

	@Override
	public Flag reportResolution(long id, String report) {
		Flag flag = find(id).orElseThrow(() -> DomainException.notFound("Flag"));
		StaffPrincipal user = support.answerer(flag.unit().id());
		List<FieldProblem> errors = new ArrayList<>();
		String text = MeasureSupport.requiredText(report, "report", MeasureSupport.MAX_TEXT, errors);
		if (flag.status() != Status.NOTICE_ISSUED) {
			throw MeasureSupport.illegal("Reporting the resolution", flag.status());
		}
		MeasureSupport.check(errors);
		transition(id, Status.NOTICE_ISSUED, Status.RESOLUTION_REPORTED, "", Map.of());
		step(id, StepKind.RESOLUTION_REPORTED, user.username(), text);
		audit.record("FLAG_RESOLUTION_REPORTED", "flag", id, Map.of("report", text));
		return load(id).orElseThrow();
	}

	@Override
	public Flag checkAcceptance(long id, Boolean passed, String note) {
		Flag flag = find(id).orElseThrow(() -> DomainException.notFound("Flag"));
		StaffPrincipal user = support.supervisor("The acceptance check");
		List<FieldProblem> errors = new ArrayList<>();
		String text = MeasureSupport.requiredText(note, "note", MeasureSupport.MAX_TEXT, errors);
		if (passed == null) {
			errors.add(new FieldProblem("passed", "is required: true or false"));
		}
		if (flag.status() != Status.RESOLUTION_REPORTED) {
			throw MeasureSupport.illegal("The acceptance check", flag.status());
		}
		MeasureSupport.check(errors);
		// failed: back to the resolution, under the same notice and deadline
		transition(id, Status.RESOLUTION_REPORTED, passed ? Status.ACCEPTED : Status.NOTICE_ISSUED, "", Map.of());
		step(id, passed ? StepKind.ACCEPTANCE_PASSED : StepKind.ACCEPTANCE_FAILED, user.username(), text);
		audit.record(passed ? "FLAG_ACCEPTANCE_PASSED" : "FLAG_ACCEPTANCE_FAILED", "flag", id, Map.of("note", text));
		return load(id).orElseThrow();
	}

	@Override
	public Flag unflag(long id, String note) {
		Flag flag = find(id).orElseThrow(() -> DomainException.notFound("Flag"));
		StaffPrincipal user = support.supervisor("Unflagging");
		List<FieldProblem> errors = new ArrayList<>();
		String text = MeasureSupport.requiredText(note, "note", MeasureSupport.MAX_TEXT, errors);
		if (flag.status() != Status.ACCEPTED) {
			throw MeasureSupport.illegal("Unflagging", flag.status());
		}
		MeasureSupport.check(errors);
		transition(id, Status.ACCEPTED, Status.UNFLAGGED, "unflagged_on = :today,", Map.of("today", support.today()));
		step(id, StepKind.UNFLAGGED, user.username(), text);
		audit.record("FLAG_UNFLAGGED", "flag", id, Map.of("note", text));
		return load(id).orElseThrow();
	}

	/** Moves the flag from one state to the next; 409 when another request moved it first. */
	private void transition(long id, Status from, Status to, String set, Map<String, Object> params) {
		var spec = jdbc.sql("UPDATE flag SET " + set + " status = :to, version = version + 1 WHERE id = :id AND status = :from")
			.param("to", to.name())
			.param("id", id)
			.param("from", from.name());
		for (var e : params.entrySet()) {
			spec = spec.param(e.getKey(), e.getValue());
		}
		if (spec.update() == 0) {
			throw MeasureSupport.illegal("This step", "other than " + from);
		}
	}

	private void step(long id, StepKind kind, String actor, String note) {
		jdbc.sql("INSERT INTO flag_step (flag_id, step, actor, at, note) VALUES (:f, :s, :a, :now, :n)")
			.param("f", id)
			.param("s", kind.name())
			.param("a", actor)
			.param("now", support.now())
			.param("n", note)
			.update();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Flag> list(String unitCode) {
		Unit unit = support.unitInScope(unitCode, support.currentUser.require());
		return query(unit.path(), null, null);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<byte[]> notice(long id) {
		find(id).orElseThrow(() -> DomainException.notFound("Flag"));
		return jdbc.sql("SELECT pdf FROM flag WHERE id = :id AND pdf IS NOT NULL").param("id", id).query(byte[].class).optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Flag> filedIn(long rootUnitId, LocalDate from, LocalDate to) {
		return query(support.rootPath(rootUnitId), from, to);
	}

	@Override
	@Transactional(readOnly = true)
	public List<UnitCount> openByUnit(long rootUnitId) {
		return support.unitCounts(jdbc.sql("""
				SELECT f.unit_id, count(*) FROM flag f JOIN unit u ON u.id = f.unit_id
				WHERE u.path LIKE :path || '%' AND f.status <> 'UNFLAGGED'
				GROUP BY f.unit_id ORDER BY count(*) DESC, f.unit_id""")
			.param("path", support.rootPath(rootUnitId))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list());
	}

	private List<Flag> query(String path, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT f.id FROM flag f JOIN unit u ON u.id = f.unit_id
				WHERE u.path LIKE :path || '%'
				  AND (CAST(:from AS date) IS NULL OR f.filed_on >= :from)
				  AND (CAST(:to AS date) IS NULL OR f.filed_on <= :to)
				ORDER BY f.filed_on DESC, f.id DESC LIMIT 1000""")
			.param("path", path)
			.param("from", from)
			.param("to", to)
			.query(Long.class)
			.list()
			.stream()
			.map(id -> load(id).orElseThrow())
			.toList();
	}

	Optional<Flag> load(long id) {
		LocalDate today = support.today();
		List<Step> steps = jdbc.sql("SELECT step, actor, at, note FROM flag_step WHERE flag_id = :id ORDER BY id")
			.param("id", id)
			.query((rs, n) -> new Step(StepKind.valueOf(rs.getString(1)), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class), rs.getString(4)))
			.list();
		return jdbc.sql("""
				SELECT id, number, unit_id, issuing_unit_id, ground, matter_id, reason, proposal_id, status, filed_on,
				       filed_by, deadline, unflagged_on
				FROM flag WHERE id = :id""")
			.param("id", id)
			.query((rs, n) -> {
				Status status = Status.valueOf(rs.getString("status"));
				LocalDate deadline = rs.getObject("deadline", LocalDate.class);
				MatterRef matter = support.matterRef((Long) rs.getObject("matter_id"));
				return new Flag(rs.getLong("id"), rs.getString("number"), support.unitRef(rs.getLong("unit_id")),
						support.unitRef(rs.getLong("issuing_unit_id")), Ground.valueOf(rs.getString("ground")), matter,
						rs.getString("reason"), (Long) rs.getObject("proposal_id"), status,
						rs.getObject("filed_on", LocalDate.class), rs.getString("filed_by"), deadline,
						deadline != null && RUNNING.contains(status) && today.isAfter(deadline),
						rs.getObject("unflagged_on", LocalDate.class), steps);
			})
			.optional();
	}
}
