package org.xinfang.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units.Staff;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.Accountability;

/** Accountability recommendations in the tables of migration V21; the rules are on {@link Accountability}. */
@Service
@Transactional
class JdbcAccountability implements Accountability {

	static final int MAX_OFFICIALS = 20;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CurrentUser currentUser;

	private final AuditLog audit;

	private final Targets targets;

	private final SupervisionLetters letters;

	JdbcAccountability(JdbcClient jdbc, Clock clock, CurrentUser currentUser, AuditLog audit, Targets targets,
			SupervisionLetters letters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.currentUser = currentUser;
		this.audit = audit;
		this.targets = targets;
		this.letters = letters;
	}

	@Override
	public Recommendation record(Draft draft) {
		StaffPrincipal user = currentUser.require();
		Targets.requireManager(user, "Accountability recommendations are recorded");
		List<FieldProblem> errors = new ArrayList<>();
		Unit unit = targets.unitInScope(draft.unitCode(), user, "unitCode", errors);
		Type type = Targets.parse(Type.class, draft.type(), "type", errors);
		String grounds = Targets.text(draft.grounds(), "grounds", 8000, true, errors);
		String body = Targets.text(draft.competentBody(), "competentBody", 200, true, errors);
		String related = Targets.text(draft.relatedRecords(), "relatedRecords", 2000, false, errors);
		Map<String, String> officials = new LinkedHashMap<>();
		List<OfficialInput> named = draft.officials() == null ? List.of() : draft.officials();
		if (named.size() > MAX_OFFICIALS) {
			errors.add(new FieldProblem("officials", "at most " + MAX_OFFICIALS + " officials"));
		}
		else if (unit != null) {
			for (OfficialInput input : named) {
				String name = input == null ? null : input.username();
				// officials are staff accounts of the unit's subtree: never a petitioner (DOMAIN §9)
				Optional<Staff> official = targets.staff(name).filter(s -> s.unit().path().startsWith(unit.path()));
				String post = Targets.text(input == null ? null : input.post(), "officials", 100, true, errors);
				if (official.isEmpty()) {
					errors.add(new FieldProblem("officials", "must be a staff member of the unit: " + name));
				}
				else if (post != null) {
					officials.put(official.get().username(), post);
				}
			}
		}
		List<Long> matters = targets.matters(draft.matters(), user, "matters", errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		long id = jdbc.sql("""
				INSERT INTO accountability_recommendation (unit_id, issuing_unit_id, type, grounds, competent_body,
				    related_records, status, created_by, created_at, updated_at)
				VALUES (:unit, :issuing, :type, :grounds, :body, :related, 'DRAFT', :by, :now, :now) RETURNING id""")
			.param("unit", unit.id()).param("issuing", user.unitId()).param("type", type.name())
			.param("grounds", grounds).param("body", body).param("related", related)
			.param("by", user.username()).param("now", now)
			.query(Long.class).single();
		officials.forEach((username, post) -> jdbc.sql("""
				INSERT INTO accountability_official (recommendation_id, username, post) VALUES (:id, :u, :p)""")
			.param("id", id).param("u", username).param("p", post).update());
		for (long matter : matters) {
			jdbc.sql("INSERT INTO accountability_matter (recommendation_id, matter_id) VALUES (:id, :m)")
				.param("id", id).param("m", matter).update();
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("unit", unit.code());
		details.put("type", type.name());
		details.put("competentBody", body);
		details.put("officials", List.copyOf(officials.keySet()));
		details.put("matters", matters);
		audit.record("ACCOUNTABILITY_RECORDED", "accountability", id, details);
		return load(id);
	}

	@Override
	public Recommendation send(long id) {
		StaffPrincipal user = currentUser.require();
		Status status = visible(id, user);
		Targets.requireManager(user, "Accountability recommendations are sent");
		require(status, Status.DRAFT);
		LocalDate today = LocalDate.now(clock);
		jdbc.sql("UPDATE accountability_recommendation SET status = 'SENT', sent_on = :today, updated_at = :now WHERE id = :id")
			.param("today", today).param("now", OffsetDateTime.now(clock)).param("id", id).update();
		audit.record("ACCOUNTABILITY_SENT", "accountability", id, Map.of("sentOn", today.toString()));
		return load(id);
	}

	@Override
	public Recommendation conclude(long id, String outcome, String outcomeOn) {
		StaffPrincipal user = currentUser.require();
		Status status = visible(id, user);
		Targets.requireManager(user, "Outcomes are recorded");
		require(status, Status.SENT);
		List<FieldProblem> errors = new ArrayList<>();
		String text = Targets.text(outcome, "outcome", 4000, true, errors);
		LocalDate today = LocalDate.now(clock);
		LocalDate day = outcomeOn == null || outcomeOn.isBlank() ? today : Targets.date(outcomeOn, "outcomeOn", errors);
		LocalDate sentOn = jdbc.sql("SELECT sent_on FROM accountability_recommendation WHERE id = :id")
			.param("id", id).query(LocalDate.class).single();
		if (day != null && day.isAfter(today)) {
			errors.add(new FieldProblem("outcomeOn", "must not lie in the future"));
		}
		else if (day != null && day.isBefore(sentOn)) {
			errors.add(new FieldProblem("outcomeOn", "must not lie before the day the recommendation was sent"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		jdbc.sql("""
				UPDATE accountability_recommendation SET status = 'CONCLUDED', outcome = :outcome, outcome_on = :day,
				       updated_at = :now WHERE id = :id""")
			.param("outcome", text).param("day", day).param("now", OffsetDateTime.now(clock)).param("id", id).update();
		audit.record("ACCOUNTABILITY_CONCLUDED", "accountability", id, Map.of("outcomeOn", day.toString()));
		return load(id);
	}

	private static void require(Status status, Status expected) {
		if (status != expected) {
			throw new DomainException(HttpStatus.CONFLICT, "accountability-status",
					"Not possible in the recommendation's present status (needs " + expected + ").",
					Map.of("expected", expected.name()));
		}
	}

	private Status visible(long id, StaffPrincipal user) {
		record Row(String path, Status status) {
		}
		return jdbc.sql("""
				SELECT u.path, a.status FROM accountability_recommendation a JOIN unit u ON u.id = a.unit_id
				WHERE a.id = :id FOR UPDATE OF a""")
			.param("id", id)
			.query((rs, n) -> new Row(rs.getString(1), Status.valueOf(rs.getString(2))))
			.optional()
			.filter(r -> user.canSee(r.path()))
			.map(Row::status)
			.orElseThrow(() -> DomainException.notFound("Accountability recommendation"));
	}

	@Override
	@Transactional(readOnly = true)
	public Recommendation find(long id) {
		StaffPrincipal user = currentUser.require();
		jdbc.sql("SELECT u.path FROM accountability_recommendation a JOIN unit u ON u.id = a.unit_id WHERE a.id = :id")
			.param("id", id).query(String.class).optional()
			.filter(user::canSee)
			.orElseThrow(() -> DomainException.notFound("Accountability recommendation"));
		return load(id);
	}

	private Recommendation load(long id) {
		List<Official> officials = jdbc.sql("""
				SELECT username, post FROM accountability_official WHERE recommendation_id = :id ORDER BY username""")
			.param("id", id)
			.query((rs, n) -> new Official(rs.getString(1), targets.displayName(rs.getString(1)), rs.getString(2)))
			.list();
		List<MatterRef> matters = jdbc.sql("""
				SELECT m.id, m.tracking_code FROM accountability_matter x JOIN matter m ON m.id = x.matter_id
				WHERE x.recommendation_id = :id ORDER BY m.id""")
			.param("id", id).query((rs, n) -> new MatterRef(rs.getLong(1), rs.getString(2))).list();
		return jdbc.sql("""
				SELECT a.*, u.code AS unit_code, u.name AS unit_name, iu.code AS issuing_code, iu.name AS issuing_name
				FROM accountability_recommendation a JOIN unit u ON u.id = a.unit_id
				JOIN unit iu ON iu.id = a.issuing_unit_id WHERE a.id = :id""")
			.param("id", id)
			.query((rs, n) -> new Recommendation(id, new UnitRef(rs.getString("unit_code"), rs.getString("unit_name")),
					new UnitRef(rs.getString("issuing_code"), rs.getString("issuing_name")),
					Type.valueOf(rs.getString("type")), rs.getString("grounds"), rs.getString("competent_body"),
					officials, matters, rs.getString("related_records"), Status.valueOf(rs.getString("status")),
					rs.getObject("sent_on", LocalDate.class), rs.getString("outcome"),
					rs.getObject("outcome_on", LocalDate.class), rs.getString("created_by"),
					rs.getObject("created_at", OffsetDateTime.class)))
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Summary> list(String unitCode, LocalDate from, LocalDate to) {
		StaffPrincipal user = currentUser.require();
		String path = targets.listPath(unitCode, user);
		return jdbc.sql("""
				SELECT a.id, u.code, u.name, a.type, a.status, a.competent_body, a.sent_on, a.outcome_on, a.created_at
				FROM accountability_recommendation a JOIN unit u ON u.id = a.unit_id
				WHERE u.path LIKE :path || '%'
				  AND (CAST(:from AS date) IS NULL OR (a.created_at AT TIME ZONE 'Asia/Shanghai')::date >= :from)
				  AND (CAST(:to AS date) IS NULL OR (a.created_at AT TIME ZONE 'Asia/Shanghai')::date <= :to)
				ORDER BY a.created_at DESC, a.id DESC LIMIT 500""")
			.param("path", path).param("from", from).param("to", to)
			.query((rs, n) -> new Summary(rs.getLong("id"), new UnitRef(rs.getString("code"), rs.getString("name")),
					Type.valueOf(rs.getString("type")), Status.valueOf(rs.getString("status")),
					rs.getString("competent_body"), rs.getObject("sent_on", LocalDate.class),
					rs.getObject("outcome_on", LocalDate.class), rs.getObject("created_at", OffsetDateTime.class)))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public byte[] pdf(long id) {
		Recommendation r = find(id);
		if (r.status() == Status.DRAFT) {
			throw new DomainException(HttpStatus.CONFLICT, "accountability-status",
					"A draft has no document yet; send it first.", Map.of("expected", "SENT"));
		}
		return letters.accountability(r);
	}

	@Override
	@Transactional(readOnly = true)
	public Tally tally(long unitId, LocalDate from, LocalDate to) {
		String path = targets.unit(unitId).path();
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE a.type = 'IMPROVE_WORK'), count(*) FILTER (WHERE a.type = 'IMPROVE_POLICY'),
				       count(*) FILTER (WHERE a.type = 'DISCIPLINE')
				FROM accountability_recommendation a JOIN unit u ON u.id = a.unit_id
				WHERE u.path LIKE :path || '%' AND a.sent_on BETWEEN :from AND :to""")
			.param("path", path).param("from", from).param("to", to)
			.query((rs, n) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}
}
