package org.xinfang.supervision.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.calendar.CalendarDataMissingException;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units.Staff;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.Interviews;

/** Interviews in the tables of migration V21; the rules are documented on {@link Interviews}. */
@Service
@Transactional
class JdbcInterviews implements Interviews {

	/** Working days the interviewed unit has for its written rectification report (DOMAIN §6). */
	static final int RECTIFICATION_WORKING_DAYS = 15;

	static final int MAX_PEOPLE = 20;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CurrentUser currentUser;

	private final AuditLog audit;

	private final Targets targets;

	private final DueDates dueDates;

	private final SupervisionLetters letters;

	JdbcInterviews(JdbcClient jdbc, Clock clock, CurrentUser currentUser, AuditLog audit, Targets targets,
			DueDates dueDates, SupervisionLetters letters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.currentUser = currentUser;
		this.audit = audit;
		this.targets = targets;
		this.dueDates = dueDates;
		this.letters = letters;
	}

	@Override
	public Interview open(Opening opening) {
		StaffPrincipal user = currentUser.require();
		Targets.requireManager(user, "Interviews are opened");
		List<FieldProblem> errors = new ArrayList<>();
		Unit unit = targets.unitInScope(opening.unitCode(), user, "unitCode", errors);
		String reason = Targets.text(opening.reason(), "reason", 2000, true, errors);
		Prepared prepared = unit == null ? null : validate(opening.preparation(), unit, user, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		long id = insert(unit.id(), user.unitId(), reason, null, user.username());
		store(id, prepared);
		audit.record("INTERVIEW_OPENED", "interview", id, details(unit, prepared, reason));
		return find(id);
	}

	/**
	 * Opens an interview in preparation for a unit named by a confirmed bulletin proposal, in the confirming
	 * transaction and without a signed-in check (the confirmation was the supervisor's decision).
	 */
	long openFromProposal(long proposalId, long unitId, String reason, String confirmedBy) {
		Unit unit = targets.unit(unitId);
		long issuing = targets.staff(confirmedBy)
			.map(s -> s.unit().id())
			.orElse(unit.parentId() == null ? unit.id() : unit.parentId());
		long id = insert(unit.id(), issuing, reason, proposalId, confirmedBy);
		audit.record("INTERVIEW_OPENED", "interview", id, Map.of("unit", unit.code(), "reason", reason,
				"proposalId", proposalId, "confirmedBy", confirmedBy));
		return id;
	}

	Optional<Long> byProposal(long proposalId) {
		return jdbc.sql("SELECT id FROM interview WHERE proposal_id = :p").param("p", proposalId).query(Long.class).optional();
	}

	private long insert(long unitId, long issuingUnitId, String reason, Long proposalId, String by) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		return jdbc.sql("""
				INSERT INTO interview (unit_id, issuing_unit_id, reason, status, proposal_id, created_by, created_at,
				                       updated_at)
				VALUES (:unit, :issuing, :reason, 'PREPARING', :proposal, :by, :now, :now) RETURNING id""")
			.param("unit", unitId)
			.param("issuing", issuingUnitId)
			.param("reason", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
			.param("proposal", proposalId)
			.param("by", by)
			.param("now", now)
			.query(Long.class)
			.single();
	}

	@Override
	public Interview prepare(long id, Preparation preparation) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(id, user);
		Targets.requireManager(user, "Interviews are prepared");
		row.require(Status.PREPARING);
		List<FieldProblem> errors = new ArrayList<>();
		Unit unit = targets.unit(row.unitId());
		Prepared prepared = validate(preparation, unit, user, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		store(id, prepared);
		touch(id);
		audit.record("INTERVIEW_PREPARED", "interview", id, details(unit, prepared, null));
		return find(id);
	}

	private record Prepared(List<String> panel, Map<String, Post> interviewees, List<Long> matters) {
	}

	private Prepared validate(Preparation preparation, Unit unit, StaffPrincipal user, List<FieldProblem> errors) {
		if (preparation == null) {
			return new Prepared(List.of(), Map.of(), List.of());
		}
		Set<String> panel = new LinkedHashSet<>();
		List<String> requested = preparation.panel() == null ? List.of() : preparation.panel();
		if (requested.size() > MAX_PEOPLE) {
			errors.add(new FieldProblem("panel", "may name at most " + MAX_PEOPLE + " members"));
		}
		else {
			for (String name : requested) {
				Optional<Staff> member = targets.staff(name)
					.filter(s -> s.enabled() && Targets.MANAGERS.stream().anyMatch(s::has) && s.canSee(unit.path()));
				if (member.isEmpty()) {
					errors.add(new FieldProblem("panel",
							"must be an enabled supervisor or leader whose unit oversees the interviewed unit: " + name));
				}
				else {
					panel.add(member.get().username());
				}
			}
		}
		Map<String, Post> interviewees = new LinkedHashMap<>();
		List<IntervieweeInput> named = preparation.interviewees() == null ? List.of() : preparation.interviewees();
		if (named.size() > MAX_PEOPLE) {
			errors.add(new FieldProblem("interviewees", "may name at most " + MAX_PEOPLE + " officials"));
		}
		else {
			for (IntervieweeInput input : named) {
				String name = input == null ? null : input.username();
				Optional<Staff> official = targets.staff(name)
					.filter(s -> s.enabled() && s.unit().path().startsWith(unit.path()));
				Post post = input == null ? null : Targets.parse(Post.class, input.post(), "interviewees", errors);
				if (official.isEmpty()) {
					errors.add(new FieldProblem("interviewees", "must be an enabled official of the interviewed unit: " + name));
				}
				else if (panel.contains(official.get().username())) {
					errors.add(new FieldProblem("interviewees", "is on the panel: " + name));
				}
				else if (post != null) {
					interviewees.put(official.get().username(), post);
				}
			}
		}
		List<Long> matters = targets.matters(preparation.matters(), user, "matters", errors);
		return new Prepared(List.copyOf(panel), interviewees, matters);
	}

	private void store(long id, Prepared prepared) {
		jdbc.sql("DELETE FROM interview_panel_member WHERE interview_id = :id").param("id", id).update();
		jdbc.sql("DELETE FROM interview_interviewee WHERE interview_id = :id").param("id", id).update();
		jdbc.sql("DELETE FROM interview_matter WHERE interview_id = :id").param("id", id).update();
		for (String member : prepared.panel()) {
			jdbc.sql("INSERT INTO interview_panel_member (interview_id, username) VALUES (:id, :u)")
				.param("id", id).param("u", member).update();
		}
		prepared.interviewees().forEach((username, post) -> jdbc
			.sql("INSERT INTO interview_interviewee (interview_id, username, post) VALUES (:id, :u, :p)")
			.param("id", id).param("u", username).param("p", post.name()).update());
		for (long matter : prepared.matters()) {
			jdbc.sql("INSERT INTO interview_matter (interview_id, matter_id) VALUES (:id, :m)")
				.param("id", id).param("m", matter).update();
		}
	}

	private static Map<String, Object> details(Unit unit, Prepared prepared, String reason) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("unit", unit.code());
		if (reason != null) {
			details.put("reason", reason);
		}
		if (prepared != null) {
			details.put("panel", prepared.panel());
			Map<String, String> interviewees = new LinkedHashMap<>();
			prepared.interviewees().forEach((u, p) -> interviewees.put(u, p.name()));
			details.put("interviewees", interviewees);
			details.put("matters", prepared.matters());
		}
		return details;
	}

	@Override
	public Interview notify(long id, Notification notification) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(id, user);
		Targets.requireManager(user, "Interviews are notified");
		row.require(Status.PREPARING);
		List<FieldProblem> errors = new ArrayList<>();
		OffsetDateTime at = null;
		String when = notification.scheduledAt() == null ? "" : notification.scheduledAt().strip();
		if (when.isEmpty()) {
			errors.add(new FieldProblem("scheduledAt", "is required (YYYY-MM-DDTHH:MM, Beijing time)"));
		}
		else {
			try {
				at = LocalDateTime.parse(when).atZone(clock.getZone()).toOffsetDateTime();
				if (at.isBefore(OffsetDateTime.now(clock))) {
					errors.add(new FieldProblem("scheduledAt", "must not lie in the past"));
				}
			}
			catch (DateTimeParseException ex) {
				errors.add(new FieldProblem("scheduledAt", "must be a date and time YYYY-MM-DDTHH:MM"));
			}
		}
		String place = Targets.text(notification.place(), "place", 200, true, errors);
		if (count("interview_panel_member", id) == 0) {
			errors.add(new FieldProblem("panel", "the panel has no member yet"));
		}
		if (count("interview_interviewee", id) == 0) {
			errors.add(new FieldProblem("interviewees", "no interviewee is named yet"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		LocalDate today = LocalDate.now(clock);
		transition(id, Status.PREPARING, Status.NOTIFIED, "scheduled_at = :at, place = :place, notified_on = :today",
				Map.of("at", at, "place", place, "today", today));
		audit.record("INTERVIEW_NOTIFIED", "interview", id,
				Map.of("scheduledAt", at.toString(), "place", place, "notifiedOn", today.toString()));
		return find(id);
	}

	@Override
	public Interview hold(long id, Record record) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(id, user);
		Targets.requireManager(user, "Interviews are held");
		row.require(Status.NOTIFIED);
		List<FieldProblem> errors = new ArrayList<>();
		LocalDate today = LocalDate.now(clock);
		LocalDate heldOn = record.heldOn() == null || record.heldOn().isBlank() ? today
				: Targets.date(record.heldOn(), "heldOn", errors);
		if (heldOn != null && heldOn.isAfter(today)) {
			errors.add(new FieldProblem("heldOn", "must not lie in the future"));
		}
		String minutes = Targets.text(record.minutes(), "minutes", 8000, true, errors);
		String commitments = Targets.text(record.commitments(), "commitments", 4000, true, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		Due due = due(heldOn);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("held", heldOn);
		params.put("minutes", minutes);
		params.put("commitments", commitments);
		params.put("due", due.date());
		params.put("missing", due.missingYear());
		transition(id, Status.NOTIFIED, Status.HELD, """
				held_on = :held, minutes = :minutes, commitments = :commitments, rectification_due = :due,
				due_missing_year = :missing""", params);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("heldOn", heldOn.toString());
		details.put("rectificationDue", due.date() == null ? null : due.date().toString());
		details.put("dueMissingYear", due.missingYear());
		audit.record("INTERVIEW_HELD", "interview", id, details);
		return find(id);
	}

	/** The due date of the rectification report, or the year whose holiday data it waits for. */
	record Due(LocalDate date, Integer missingYear) {
	}

	Due due(LocalDate heldOn) {
		try {
			return new Due(dueDates.dueDate(heldOn, RECTIFICATION_WORKING_DAYS, PeriodUnit.WORKING_DAYS), null);
		}
		catch (CalendarDataMissingException ex) {
			Object year = ex.properties().get("year");
			return new Due(null, year instanceof Number n ? n.intValue() : heldOn.getYear() + 1);
		}
	}

	@Override
	public Interview sign(long id, String username) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(id, user);
		row.require(Status.HELD);
		String signer = username == null || username.isBlank() ? user.username() : username.strip();
		String side = side(id, signer);
		if (side == null) {
			if (signer.equals(user.username())) {
				throw new DomainException(HttpStatus.FORBIDDEN, "forbidden",
						"Only the panel members and the interviewees sign the interview record.");
			}
			throw new InvalidInput(List.of(new FieldProblem("username", "is neither on the panel nor interviewed: " + signer)));
		}
		if (!signer.equals(user.username())) {
			Targets.requireManager(user, "Signatures of others are registered");
			if (side(id, user.username()) == null && !user.canSee(targets.unit(row.issuingUnitId()).path())) {
				throw new DomainException(HttpStatus.FORBIDDEN, "forbidden",
						"Signatures of others are registered by the panel or the supervising unit.");
			}
		}
		int n = jdbc.sql("""
				INSERT INTO interview_signature (interview_id, username, side, signed_at, registered_by)
				VALUES (:id, :u, :side, :now, :by) ON CONFLICT DO NOTHING""")
			.param("id", id).param("u", signer).param("side", side).param("now", OffsetDateTime.now(clock))
			.param("by", user.username())
			.update();
		if (n == 0) {
			throw DomainException.conflict("interview-signed", signer + " has already signed this interview.");
		}
		audit.record("INTERVIEW_SIGNED", "interview", id, Map.of("signer", signer, "side", side,
				"registeredBy", user.username()));
		boolean complete = jdbc.sql("""
				SELECT NOT EXISTS (
				    SELECT username FROM interview_panel_member WHERE interview_id = :id
				    UNION SELECT username FROM interview_interviewee WHERE interview_id = :id
				    EXCEPT SELECT username FROM interview_signature WHERE interview_id = :id)""")
			.param("id", id).query(Boolean.class).single();
		if (complete) {
			transition(id, Status.HELD, Status.SIGNED, null, Map.of());
			audit.record("INTERVIEW_SIGNATURES_COMPLETE", "interview", id, Map.of());
		}
		return find(id);
	}

	private String side(long id, String username) {
		if (exists("SELECT 1 FROM interview_panel_member WHERE interview_id = :id AND username = :u", id, username)) {
			return "PANEL";
		}
		if (exists("SELECT 1 FROM interview_interviewee WHERE interview_id = :id AND username = :u", id, username)) {
			return "INTERVIEWEE";
		}
		return null;
	}

	@Override
	public Interview fileReport(long id, String report) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(id, user);
		if (user.unitId() != row.unitId() && !"INTERVIEWEE".equals(side(id, user.username()))) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden",
					"The rectification report is filed by the interviewed unit.");
		}
		row.require(Status.SIGNED);
		List<FieldProblem> errors = new ArrayList<>();
		String text = Targets.text(report, "report", 8000, true, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		transition(id, Status.SIGNED, Status.REPORTED, "report = :report, reported_by = :by, reported_at = :now",
				Map.of("report", text, "by", user.username(), "now", now));
		Interview interview = find(id);
		audit.record("INTERVIEW_REPORT_FILED", "interview", id, Map.of("late",
				interview.rectificationDue() != null && LocalDate.now(clock).isAfter(interview.rectificationDue())));
		return interview;
	}

	@Override
	public Interview accept(long id, String note) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(id, user);
		Targets.requireManager(user, "Rectification reports are accepted");
		if (user.unitId() == row.unitId()) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden",
					"The interviewed unit does not accept its own rectification report.");
		}
		row.require(Status.REPORTED);
		List<FieldProblem> errors = new ArrayList<>();
		String text = Targets.text(note, "note", 2000, false, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("by", user.username());
		params.put("now", OffsetDateTime.now(clock));
		params.put("note", text);
		transition(id, Status.REPORTED, Status.CLOSED, "closed_by = :by, closed_at = :now, acceptance_note = :note",
				params);
		audit.record("INTERVIEW_CLOSED", "interview", id, Map.of("acceptedBy", user.username()));
		return find(id);
	}

	@Override
	public Interview cancel(long id, String reason) {
		StaffPrincipal user = currentUser.require();
		Row row = visible(id, user);
		Targets.requireManager(user, "Interviews are cancelled");
		row.require(Status.PREPARING, Status.NOTIFIED);
		List<FieldProblem> errors = new ArrayList<>();
		String text = Targets.text(reason, "reason", 1000, true, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		transition(id, row.status(), Status.CANCELLED, "cancel_reason = :reason", Map.of("reason", text));
		audit.record("INTERVIEW_CANCELLED", "interview", id, Map.of("reason", text, "from", row.status().name()));
		return find(id);
	}

	private void transition(long id, Status from, Status to, String set, Map<String, ?> params) {
		var sql = jdbc.sql("UPDATE interview SET status = :to, updated_at = :updatedAt" + (set == null ? "" : ", " + set)
				+ " WHERE id = :id AND status = :from")
			.param("to", to.name())
			.param("from", from.name())
			.param("id", id)
			.param("updatedAt", OffsetDateTime.now(clock));
		for (Map.Entry<String, ?> e : params.entrySet()) {
			sql = sql.param(e.getKey(), e.getValue());
		}
		if (sql.update() == 0) {
			throw statusConflict(from);
		}
	}

	private void touch(long id) {
		jdbc.sql("UPDATE interview SET updated_at = :now WHERE id = :id")
			.param("now", OffsetDateTime.now(clock)).param("id", id).update();
	}

	static DomainException statusConflict(Status... expected) {
		return new DomainException(HttpStatus.CONFLICT, "interview-status",
				"Not possible in the interview's present status (needs " + List.of(expected) + ").",
				Map.of("expected", List.of(expected).stream().map(Enum::name).toList()));
	}

	/** The interview's unit and status, locked for the transition; "not found" outside the user's subtree. */
	record Row(long id, long unitId, long issuingUnitId, String unitPath, Status status) {

		void require(Status... allowed) {
			if (!List.of(allowed).contains(status)) {
				throw statusConflict(allowed);
			}
		}
	}

	private Row visible(long id, StaffPrincipal user) {
		return jdbc.sql("""
				SELECT i.id, i.unit_id, i.issuing_unit_id, u.path, i.status FROM interview i JOIN unit u ON u.id = i.unit_id
				WHERE i.id = :id FOR UPDATE OF i""")
			.param("id", id)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
					Status.valueOf(rs.getString(5))))
			.optional()
			.filter(r -> user.canSee(r.unitPath()))
			.orElseThrow(() -> DomainException.notFound("Interview"));
	}

	@Override
	@Transactional(readOnly = true)
	public Interview find(long id) {
		StaffPrincipal user = currentUser.require();
		Interview interview = load(id);
		if (interview == null || !user.canSee(targets.unit(unitIdOf(id)).path())) {
			throw DomainException.notFound("Interview");
		}
		return interview;
	}

	private long unitIdOf(long id) {
		return jdbc.sql("SELECT unit_id FROM interview WHERE id = :id").param("id", id).query(Long.class).single();
	}

	/** The interview without a scope check (for letters and the caller that checked it). */
	Interview load(long id) {
		LocalDate today = LocalDate.now(clock);
		return jdbc.sql("""
				SELECT i.*, u.code AS unit_code, u.name AS unit_name, iu.code AS issuing_code, iu.name AS issuing_name,
				       r.raised_at AS reminded_at
				FROM interview i JOIN unit u ON u.id = i.unit_id JOIN unit iu ON iu.id = i.issuing_unit_id
				LEFT JOIN interview_reminder r ON r.interview_id = i.id
				WHERE i.id = :id""")
			.param("id", id)
			.query((rs, n) -> interview(rs, today))
			.optional()
			.orElse(null);
	}

	private Interview interview(ResultSet rs, LocalDate today) throws SQLException {
		long id = rs.getLong("id");
		Long proposalId = (Long) rs.getObject("proposal_id");
		Status status = Status.valueOf(rs.getString("status"));
		LocalDate due = rs.getObject("rectification_due", LocalDate.class);
		List<Person> panel = jdbc.sql("SELECT username FROM interview_panel_member WHERE interview_id = :id ORDER BY username")
			.param("id", id).query(String.class).list().stream().map(this::person).toList();
		List<Interviewee> interviewees = jdbc.sql("""
				SELECT username, post FROM interview_interviewee WHERE interview_id = :id
				ORDER BY CASE post WHEN 'PRINCIPAL' THEN 0 WHEN 'DEPUTY' THEN 1 ELSE 2 END, username""")
			.param("id", id)
			.query((r, k) -> new Interviewee(r.getString(1), targets.displayName(r.getString(1)), Post.valueOf(r.getString(2))))
			.list();
		List<MatterRef> matters = jdbc.sql("""
				SELECT m.id, m.tracking_code FROM interview_matter x JOIN matter m ON m.id = x.matter_id
				WHERE x.interview_id = :id ORDER BY m.id""")
			.param("id", id).query((r, k) -> new MatterRef(r.getLong(1), r.getString(2))).list();
		List<Signature> signatures = jdbc.sql("""
				SELECT username, side, signed_at, registered_by FROM interview_signature WHERE interview_id = :id
				ORDER BY signed_at, username""")
			.param("id", id)
			.query((r, k) -> new Signature(r.getString(1), targets.displayName(r.getString(1)), r.getString(2),
					r.getObject(3, OffsetDateTime.class), r.getString(4)))
			.list();
		Set<String> signed = new LinkedHashSet<>(signatures.stream().map(Signature::username).toList());
		List<String> unsigned = new ArrayList<>();
		panel.stream().map(Person::username).filter(u -> !signed.contains(u)).forEach(unsigned::add);
		interviewees.stream().map(Interviewee::username).filter(u -> !signed.contains(u)).forEach(unsigned::add);
		Integer missingYear = (Integer) rs.getObject("due_missing_year");
		return new Interview(id, new UnitRef(rs.getString("unit_code"), rs.getString("unit_name")),
				new UnitRef(rs.getString("issuing_code"), rs.getString("issuing_name")), rs.getString("reason"), status,
				proposalId, panel, interviewees, matters,
				rs.getObject("scheduled_at", OffsetDateTime.class), rs.getString("place"),
				rs.getObject("notified_on", LocalDate.class), rs.getObject("held_on", LocalDate.class),
				rs.getString("minutes"), rs.getString("commitments"), signatures, unsigned, due, missingYear,
				overdue(status, due, today), rs.getString("report"), rs.getString("reported_by"),
				rs.getObject("reported_at", OffsetDateTime.class), rs.getString("closed_by"),
				rs.getObject("closed_at", OffsetDateTime.class), rs.getString("acceptance_note"),
				rs.getString("cancel_reason"), rs.getObject("reminded_at", OffsetDateTime.class),
				rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class));
	}

	static boolean overdue(Status status, LocalDate due, LocalDate today) {
		return (status == Status.HELD || status == Status.SIGNED) && due != null && today.isAfter(due);
	}

	private Person person(String username) {
		Optional<Staff> staff = targets.staff(username);
		return new Person(username, staff.map(Staff::displayName).orElse(username),
				staff.map(s -> s.unit().name()).orElse(null));
	}

	@Override
	@Transactional(readOnly = true)
	public List<Summary> list(String unitCode, LocalDate from, LocalDate to) {
		StaffPrincipal user = currentUser.require();
		String path = targets.listPath(unitCode, user);
		LocalDate today = LocalDate.now(clock);
		return jdbc.sql("""
				SELECT i.id, u.code, u.name, i.status, i.reason, i.scheduled_at, i.held_on, i.rectification_due,
				       i.due_missing_year, i.created_at
				FROM interview i JOIN unit u ON u.id = i.unit_id
				WHERE u.path LIKE :path || '%'
				  AND (CAST(:from AS date) IS NULL OR (i.created_at AT TIME ZONE 'Asia/Shanghai')::date >= :from)
				  AND (CAST(:to AS date) IS NULL OR (i.created_at AT TIME ZONE 'Asia/Shanghai')::date <= :to)
				ORDER BY i.created_at DESC, i.id DESC LIMIT 500""")
			.param("path", path)
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> {
				Status status = Status.valueOf(rs.getString("status"));
				LocalDate due = rs.getObject("rectification_due", LocalDate.class);
				return new Summary(rs.getLong("id"), new UnitRef(rs.getString("code"), rs.getString("name")), status,
						rs.getString("reason"), rs.getObject("scheduled_at", OffsetDateTime.class),
						rs.getObject("held_on", LocalDate.class), due, (Integer) rs.getObject("due_missing_year"),
						overdue(status, due, today), rs.getObject("created_at", OffsetDateTime.class));
			})
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public byte[] noticePdf(long id) {
		Interview interview = find(id);
		if (interview.notifiedOn() == null) {
			throw statusConflict(Status.NOTIFIED, Status.HELD, Status.SIGNED, Status.REPORTED, Status.CLOSED);
		}
		return letters.interviewNotice(interview);
	}

	@Override
	@Transactional(readOnly = true)
	public byte[] recordPdf(long id) {
		Interview interview = find(id);
		if (interview.heldOn() == null) {
			throw statusConflict(Status.HELD, Status.SIGNED, Status.REPORTED, Status.CLOSED);
		}
		return letters.interviewRecord(interview);
	}

	@Override
	@Transactional(readOnly = true)
	public Tally tally(long unitId, LocalDate from, LocalDate to, LocalDate today) {
		String path = targets.unit(unitId).path();
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE (i.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN :from AND :to),
				       count(*) FILTER (WHERE i.held_on BETWEEN :from AND :to),
				       count(*) FILTER (WHERE i.status IN ('HELD', 'SIGNED')),
				       count(*) FILTER (WHERE i.status IN ('HELD', 'SIGNED') AND i.rectification_due < :today)
				FROM interview i JOIN unit u ON u.id = i.unit_id WHERE u.path LIKE :path || '%'""")
			.param("from", from).param("to", to).param("today", today).param("path", path)
			.query((rs, n) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	private long count(String table, long id) {
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE interview_id = :id").param("id", id).query(Long.class).single();
	}

	private boolean exists(String sql, long id, String username) {
		return jdbc.sql("SELECT EXISTS (" + sql + ")").param("id", id).param("u", username).query(Boolean.class).single();
	}
}
