package org.xinfang.supervision.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.xinfang.calendar.DueDates;
import org.xinfang.notification.Message;
import org.xinfang.notification.Notifications;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units.Staff;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.Hashing;
import org.xinfang.supervision.MeasureRefs.MatterRef;
import org.xinfang.supervision.MeasureRefs.UnitCount;
import org.xinfang.supervision.Reminders;

/** Reminders in the tables {@code reminder*} of migration V20; the rules are documented on {@link Reminders}. */
@Service
@Transactional
class JdbcReminders implements Reminders {

	static final String RESPONSE_RULE = "REMINDER_RESPONSE";

	private final MeasureSupport support;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Notifications notifications;

	private final DueDates dueDates;

	JdbcReminders(MeasureSupport support, AuditLog audit, Notifications notifications, DueDates dueDates) {
		this.support = support;
		this.jdbc = support.jdbc;
		this.audit = audit;
		this.notifications = notifications;
		this.dueDates = dueDates;
	}

	@Override
	public Reminder remind(NewReminder r) {
		StaffPrincipal user = support.supervisor("Reminding a unit");
		List<FieldProblem> errors = new ArrayList<>();
		Unit unit = support.targetUnit(r.unitCode(), user, errors);
		Kind kind = MeasureSupport.parse(Kind.class, r.kind(), "kind", errors);
		String reason = MeasureSupport.requiredText(r.reason(), "reason", 2000, errors);
		List<Long> matters = support.matters(r.matterIds(), user, errors);
		if (r.assignmentId() != null && unit != null) {
			boolean same = jdbc.sql("SELECT count(*) > 0 FROM special_assignment WHERE id = :id AND unit_id = :u")
				.param("id", r.assignmentId())
				.param("u", unit.id())
				.query(Boolean.class)
				.single();
			if (!same) {
				errors.add(new FieldProblem("assignmentId", "must be a special assignment of the unit"));
			}
		}
		if (kind == Kind.IMPORTANT && r.respondBy() != null && !r.respondBy().isAfter(support.today())) {
			errors.add(new FieldProblem("respondBy", "must be after today"));
		}
		MeasureSupport.check(errors);
		Unit issuing = support.units.byId(user.unitId()).orElseThrow();
		return create(unit, issuing, kind, reason, matters, r.assignmentId(), null, null, r.respondBy(),
				user.username(), true);
	}

	/**
	 * A reminder raised on the system's or a confirmed proposal's behalf (no signed-in supervisor needed).
	 *
	 * @param requireRecipients whether a general reminder is refused when nobody of the unit can be texted
	 * @return null when a reminder for this step of the assignment exists already
	 */
	Reminder create(Unit unit, Unit issuing, Kind kind, String reason, List<Long> matters, Long assignmentId,
			String assignmentStep, Long proposalId, LocalDate respondBy, String actor, boolean requireRecipients) {
		LocalDate today = support.today();
		List<Staff> recipients = kind == Kind.GENERAL ? support.officials(unit.id())
			.stream()
			.filter(s -> s.phone() != null && !s.phone().isBlank())
			.toList() : List.of();
		if (kind == Kind.GENERAL && recipients.isEmpty() && requireRecipients) {
			throw DomainException.unprocessable("no-sms-recipient",
					"No unit head or leader of " + unit.name() + " has a phone number for the text message.");
		}
		String number = null;
		LocalDate due = null;
		byte[] pdf = null;
		List<MatterRef> refs = matters.stream().map(support::matterRef).toList();
		if (kind == Kind.IMPORTANT) {
			// refused (422 calendar-data-missing) rather than guessed when the year has no holiday data
			due = respondBy != null ? respondBy : dueDates.dueDate(RESPONSE_RULE, today);
			number = support.nextNumber(issuing, "REMINDER", today);
			pdf = letter(unit, issuing, number, reason, refs, assignmentId, due, today);
		}
		long id = jdbc.sql("""
				INSERT INTO reminder (unit_id, issuing_unit_id, kind, number, reason, respond_by, assignment_id,
				                      assignment_step, proposal_id, status, issued_on, created_by, created_at, pdf, sha256)
				VALUES (:unit, :issuing, :kind, :number, :reason, :due, :assignment, :step, :proposal, 'SENT', :today,
				        :actor, :now, :pdf, :sha)
				ON CONFLICT (assignment_id, assignment_step) WHERE assignment_step IS NOT NULL DO NOTHING
				RETURNING id""")
			.param("unit", unit.id())
			.param("issuing", issuing.id())
			.param("kind", kind.name())
			.param("number", number)
			.param("reason", reason)
			.param("due", due)
			.param("assignment", assignmentId)
			.param("step", assignmentStep)
			.param("proposal", proposalId)
			.param("today", today)
			.param("actor", actor)
			.param("now", support.now())
			.param("pdf", pdf)
			.param("sha", pdf == null ? null : Hashing.sha256Hex(pdf))
			.query(Long.class)
			.optional()
			.orElse(-1L);
		if (id < 0) {
			return null; // this step of the assignment was reminded already (by another run)
		}
		for (Long matter : matters) {
			jdbc.sql("INSERT INTO reminder_matter (reminder_id, matter_id) VALUES (:r, :m)")
				.param("r", id)
				.param("m", matter)
				.update();
		}
		String about = about(refs, assignmentId);
		for (Staff s : recipients) {
			jdbc.sql("INSERT INTO reminder_recipient (reminder_id, username, phone) VALUES (:r, :u, :p)")
				.param("r", id)
				.param("u", s.username())
				.param("p", s.phone())
				.update();
			notifications.enqueue(Message.text("reminder-" + id + "-" + s.username() + "-sms", Message.Channel.SMS,
					s.phone(), null, support.text("measures.sms.reminder", issuing.name(), unit.name(), about, reason)));
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("unit", unit.code());
		details.put("kind", kind.name());
		details.put("reason", reason);
		details.put("matters", matters);
		if (number != null) {
			details.put("number", number);
			details.put("respondBy", due.toString());
		}
		if (assignmentId != null) {
			details.put("assignmentId", assignmentId);
		}
		if (assignmentStep != null) {
			details.put("assignmentStep", assignmentStep);
		}
		if (proposalId != null) {
			details.put("proposalId", proposalId);
		}
		details.put("recipients", recipients.stream().map(Staff::username).toList());
		audit.record("REMINDER_ISSUED", "reminder", id, details);
		return load(id).orElseThrow();
	}

	private String about(List<MatterRef> refs, Long assignmentId) {
		List<String> parts = new ArrayList<>();
		if (!refs.isEmpty()) {
			parts.add(support.text("measures.doc.matters",
					String.join("、", refs.stream().map(MatterRef::trackingCode).toList())));
		}
		if (assignmentId != null) {
			String number = jdbc.sql("SELECT number FROM special_assignment WHERE id = :id")
				.param("id", assignmentId)
				.query(String.class)
				.single();
			parts.add(support.text("measures.doc.assignment", number));
		}
		return parts.isEmpty() ? support.text("measures.doc.work") : String.join("、", parts);
	}

	private byte[] letter(Unit unit, Unit issuing, String number, String reason, List<MatterRef> refs,
			Long assignmentId, LocalDate due, LocalDate today) {
		List<String> paragraphs = new ArrayList<>();
		paragraphs.add(support.text("measures.doc.reminder.intro", about(refs, assignmentId), reason));
		for (MatterRef m : refs) {
			paragraphs.add(support.text("measures.doc.reminder.matter", m.trackingCode()));
		}
		paragraphs.add(support.text("measures.doc.reminder.demand", MeasureSupport.chineseDate(due)));
		paragraphs.add(support.text("measures.doc.closing"));
		return support.render(issuing, number, "measures.doc.reminder.title", unit.name(), paragraphs, today);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Reminder> find(long id) {
		Optional<Reminder> reminder = load(id);
		reminder.ifPresent(r -> support.requireVisible(r.unit().id(), "Reminder"));
		return reminder;
	}

	@Override
	public Reminder acknowledge(long id) {
		Reminder r = find(id).orElseThrow(() -> DomainException.notFound("Reminder"));
		StaffPrincipal user = support.answerer(r.unit().id());
		int n = jdbc.sql("""
				UPDATE reminder SET status = 'ACKNOWLEDGED', acknowledged_by = :u, acknowledged_at = :now,
				       version = version + 1
				WHERE id = :id AND status = 'SENT'""")
			.param("u", user.username())
			.param("now", support.now())
			.param("id", id)
			.update();
		if (n == 0) {
			throw MeasureSupport.illegal("Acknowledging", r.status());
		}
		audit.record("REMINDER_ACKNOWLEDGED", "reminder", id, Map.of("unit", r.unit().code()));
		return load(id).orElseThrow();
	}

	@Override
	public Reminder respond(long id, String response) {
		Reminder r = find(id).orElseThrow(() -> DomainException.notFound("Reminder"));
		StaffPrincipal user = support.answerer(r.unit().id());
		if (r.status() == Status.RESPONDED) {
			throw MeasureSupport.illegal("Responding", r.status());
		}
		List<FieldProblem> errors = new ArrayList<>();
		String text = MeasureSupport.requiredText(response, "response", MeasureSupport.MAX_TEXT, errors);
		MeasureSupport.check(errors);
		int n = jdbc.sql("""
				UPDATE reminder SET status = 'RESPONDED', response = :text, responded_by = :u, responded_at = :now,
				       acknowledged_by = coalesce(acknowledged_by, :u), acknowledged_at = coalesce(acknowledged_at, :now),
				       version = version + 1
				WHERE id = :id AND status IN ('SENT', 'ACKNOWLEDGED')""")
			.param("text", text)
			.param("u", user.username())
			.param("now", support.now())
			.param("id", id)
			.update();
		if (n == 0) {
			throw MeasureSupport.illegal("Responding", Status.RESPONDED);
		}
		audit.record("REMINDER_RESPONDED", "reminder", id, Map.of("unit", r.unit().code()));
		return load(id).orElseThrow();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Reminder> list(String unitCode, LocalDate from, LocalDate to) {
		Unit unit = support.unitInScope(unitCode, support.currentUser.require());
		return query(unit.path(), from, to);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<byte[]> letter(long id) {
		find(id).orElseThrow(() -> DomainException.notFound("Reminder"));
		return jdbc.sql("SELECT pdf FROM reminder WHERE id = :id AND pdf IS NOT NULL")
			.param("id", id)
			.query(byte[].class)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Reminder> issuedIn(long rootUnitId, LocalDate from, LocalDate to) {
		return query(support.rootPath(rootUnitId), from, to);
	}

	@Override
	@Transactional(readOnly = true)
	public List<UnitCount> countByUnit(long rootUnitId, LocalDate from, LocalDate to) {
		return support.unitCounts(jdbc.sql("""
				SELECT r.unit_id, count(*) FROM reminder r JOIN unit u ON u.id = r.unit_id
				WHERE u.path LIKE :path || '%'
				  AND (CAST(:from AS date) IS NULL OR r.issued_on >= :from)
				  AND (CAST(:to AS date) IS NULL OR r.issued_on <= :to)
				GROUP BY r.unit_id ORDER BY count(*) DESC, r.unit_id""")
			.param("path", support.rootPath(rootUnitId))
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list());
	}

	private List<Reminder> query(String path, LocalDate from, LocalDate to) {
		List<Long> ids = jdbc.sql("""
				SELECT r.id FROM reminder r JOIN unit u ON u.id = r.unit_id
				WHERE u.path LIKE :path || '%'
				  AND (CAST(:from AS date) IS NULL OR r.issued_on >= :from)
				  AND (CAST(:to AS date) IS NULL OR r.issued_on <= :to)
				ORDER BY r.issued_on DESC, r.id DESC LIMIT 1000""")
			.param("path", path)
			.param("from", from)
			.param("to", to)
			.query(Long.class)
			.list();
		return ids.stream().map(id -> load(id).orElseThrow()).toList();
	}

	Optional<Reminder> load(long id) {
		LocalDate today = support.today();
		return jdbc.sql("""
				SELECT id, number, kind, unit_id, issuing_unit_id, reason, respond_by, assignment_id, assignment_step,
				       proposal_id, status, issued_on, created_by, acknowledged_by, acknowledged_at, response,
				       responded_by, responded_at
				FROM reminder WHERE id = :id""")
			.param("id", id)
			.query((rs, n) -> row(rs, today))
			.optional();
	}

	private Reminder row(ResultSet rs, LocalDate today) throws SQLException {
		long id = rs.getLong("id");
		Status status = Status.valueOf(rs.getString("status"));
		LocalDate due = rs.getObject("respond_by", LocalDate.class);
		List<String> recipients = jdbc.sql("SELECT username FROM reminder_recipient WHERE reminder_id = :id ORDER BY username")
			.param("id", id)
			.query(String.class)
			.list();
		return new Reminder(id, rs.getString("number"), Kind.valueOf(rs.getString("kind")),
				support.unitRef(rs.getLong("unit_id")), support.unitRef(rs.getLong("issuing_unit_id")),
				rs.getString("reason"), due, (Long) rs.getObject("assignment_id"), rs.getString("assignment_step"),
				(Long) rs.getObject("proposal_id"), status, rs.getObject("issued_on", LocalDate.class),
				rs.getString("created_by"), support.matterRefs("reminder_matter", "reminder_id", id), recipients,
				rs.getString("acknowledged_by"), rs.getObject("acknowledged_at", OffsetDateTime.class),
				rs.getString("response"), rs.getString("responded_by"),
				rs.getObject("responded_at", OffsetDateTime.class),
				due != null && status != Status.RESPONDED && today.isAfter(due));
	}
}
