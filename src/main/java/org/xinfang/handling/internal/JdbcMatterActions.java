package org.xinfang.handling.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.handling.Action;
import org.xinfang.handling.ActionBody;
import org.xinfang.handling.ActionBody.ReviewOutcome;
import org.xinfang.handling.MatterActionTaken;
import org.xinfang.handling.MatterActions;
import org.xinfang.handling.MatterLifecycle;
import org.xinfang.handling.MatterLifecycle.Actor;
import org.xinfang.handling.MatterLifecycle.Facts;
import org.xinfang.handling.MatterLifecycle.Transition;
import org.xinfang.intake.AllowedActions;
import org.xinfang.intake.Kind;
import org.xinfang.intake.MatterDeadlines;
import org.xinfang.intake.MatterQueries;
import org.xinfang.intake.MatterStatus;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Dictionaries;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import tools.jackson.databind.json.JsonMapper;

@Service
@Transactional
class JdbcMatterActions implements MatterActions, AllowedActions {

	static final String PETITIONER = "public";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final DueDates dueDates;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final CurrentUser currentUser;

	private final Units units;

	private final Dictionaries dictionaries;

	private final MatterQueries matters;

	private final JsonMapper json;

	private final MatterDeadlines deadlines;

	private final MessageSource messages;

	JdbcMatterActions(JdbcClient jdbc, Clock clock, DueDates dueDates, AuditLog audit,
			ApplicationEventPublisher events, CurrentUser currentUser, Units units, Dictionaries dictionaries,
			MatterQueries matters, JsonMapper json, MatterDeadlines deadlines, MessageSource messages) {
		this.deadlines = deadlines;
		this.messages = messages;
		this.jdbc = jdbc;
		this.clock = clock;
		this.dueDates = dueDates;
		this.audit = audit;
		this.events = events;
		this.currentUser = currentUser;
		this.units = units;
		this.dictionaries = dictionaries;
		this.matters = matters;
		this.json = json;
	}

	// --- reading what is allowed

	@Override
	@Transactional(readOnly = true)
	public List<Action> allowedFor(long matterId) {
		StaffPrincipal user = currentUser.require();
		MatterState m = load("m.id = :key", matterId).filter(s -> visible(s, user)).orElse(null);
		if (m == null) {
			return List.of();
		}
		List<Action> allowed = new ArrayList<>();
		for (Action a : Action.values()) {
			Optional<Transition> t = MatterLifecycle.transition(m.status(), a);
			if (t.isPresent() && mayAct(t.get().actor(), m, user) && MatterLifecycle.refusal(a, facts(m)).isEmpty()
					&& !(a == Action.APPROVE_REPLY && user.username().equals(m.replyDraftedBy()))) {
				allowed.add(a);
			}
		}
		return allowed;
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> forStaff(long matterId) {
		return allowedFor(matterId).stream().map(Action::name).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> forPetitioner(long matterId) {
		MatterState m = load("m.id = :key", matterId).orElse(null);
		if (m == null) {
			return List.of();
		}
		List<String> allowed = new ArrayList<>();
		for (Action a : Action.values()) {
			Optional<Transition> t = MatterLifecycle.transition(m.status(), a);
			if (t.isPresent() && t.get().actor() == Actor.PETITIONER
					&& MatterLifecycle.refusal(a, facts(m)).isEmpty()) {
				allowed.add(a.name());
			}
		}
		return allowed;
	}

	// --- performing

	@Override
	public Outcome perform(long matterId, ActionBody body, Integer expectedVersion) {
		StaffPrincipal user = currentUser.require();
		MatterState m = load("m.id = :key", matterId).filter(s -> visible(s, user))
			.orElseThrow(() -> DomainException.notFound("Matter"));
		Transition t = transitionOrConflict(m, body.action());
		if (!mayAct(t.actor(), m, user)) {
			throw forbidden("You may not take the action " + body.action() + " on this matter.");
		}
		if (body.action() == Action.APPROVE_REPLY && user.username().equals(m.replyDraftedBy())) {
			throw new DomainException(HttpStatus.FORBIDDEN, "maker-checker",
					"A reply is approved by someone other than its drafter.");
		}
		return apply(m, t, body, user.username(), user, expectedVersion);
	}

	@Override
	public Outcome performAsPetitioner(String trackingCode, String querySecret, ActionBody body) {
		if (!body.action().isCitizens()) {
			throw DomainException.invalid("unknown-action", "Not a petitioner's action: " + body.action());
		}
		if (matters.track(trackingCode, querySecret).isEmpty()) {
			throw DomainException.notFound("Petition");
		}
		String code = trackingCode.strip().toUpperCase(Locale.ROOT);
		MatterState m = load("m.tracking_code = :key", code).orElseThrow(() -> DomainException.notFound("Petition"));
		Transition t = transitionOrConflict(m, body.action());
		return apply(m, t, body, PETITIONER, null, null);
	}

	private Transition transitionOrConflict(MatterState m, Action action) {
		return MatterLifecycle.transition(m.status(), action)
			.orElseThrow(() -> new DomainException(HttpStatus.CONFLICT, "action-not-allowed",
					"The action " + action + " is not possible while the matter is " + m.status() + ".",
					Map.of("status", m.status().name(), "action", action.name())));
	}

	private Outcome apply(MatterState m, Transition t, ActionBody body, String actor, StaffPrincipal user,
			Integer expectedVersion) {
		LocalDate today = LocalDate.now(clock);
		OffsetDateTime now = OffsetDateTime.now(clock);
		Optional<String> refused = MatterLifecycle.refusal(t.action(), facts(m));
		if (refused.isPresent()) {
			throw DomainException.conflict(refused.get(), "The action " + t.action() + " is refused: " + refused.get());
		}
		if (expectedVersion != null && expectedVersion != m.version()) {
			throw stale();
		}
		ReviewOutcome reviewOutcome = null;
		if (body instanceof ActionBody.DecideReview d) {
			reviewOutcome = d.outcome();
		}
		else if (body instanceof ActionBody.DecideRereview d) {
			reviewOutcome = d.outcome();
		}
		Step step = validateAndStore(m, body, user, today, now);
		MatterStatus to = MatterLifecycle.next(t, reviewOutcome);
		int updated = jdbc.sql("""
				UPDATE matter SET status = :to, version = version + 1, updated_at = :now
				WHERE id = :id AND version = :version
				""")
			.param("to", to.name())
			.param("now", now)
			.param("id", m.id())
			.param("version", m.version())
			.update();
		if (updated == 0) {
			throw stale();
		}
		for (String rule : t.meets()) {
			jdbc.sql("UPDATE matter_deadline SET met_on = :today WHERE matter_id = :id AND rule_code = :rule AND met_on IS NULL")
				.param("today", today)
				.param("id", m.id())
				.param("rule", rule)
				.update();
		}
		LocalDate start = step.start() == null ? today : step.start();
		List<String> pending = new ArrayList<>();
		for (String rule : MatterLifecycle.opens(t, reviewOutcome)) {
			if (deadlines.open(m.id(), rule, start, !MatterLifecycle.PETITIONER_WINDOWS.contains(rule)).isEmpty()) {
				pending.add(rule);
			}
		}
		if (step.handlingExtendedBy() != null) {
			// Art. 34: the extension counts from the end of the handling period, in the unit of EXTENSION_MAX
			PeriodRule max = dueDates.rule("EXTENSION_MAX");
			if (deadlines.extend(m.id(), "HANDLING", step.handlingExtendedBy(), max.unit(), "EXTENSION").isEmpty()) {
				pending.add("HANDLING");
			}
		}
		jdbc.sql("""
				INSERT INTO matter_action (matter_id, action, from_status, to_status, actor, at, payload)
				VALUES (:id, :action, :from, :to, :actor, :at, CAST(:payload AS jsonb))
				""")
			.param("id", m.id())
			.param("action", t.action().name())
			.param("from", m.status().name())
			.param("to", to.name())
			.param("actor", actor)
			.param("at", now)
			.param("payload", json.writeValueAsString(body))
			.update();
		jdbc.sql("""
				INSERT INTO matter_event (matter_id, at, type, actor, note, public)
				VALUES (:id, :at, :type, :actor, :note, :public)
				""")
			.param("id", m.id())
			.param("at", now)
			.param("type", t.action().name())
			.param("actor", actor)
			.param("note", step.note())
			.param("public", step.isPublic())
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("from", m.status().name());
		details.put("to", to.name());
		details.putAll(step.audit());
		if (!pending.isEmpty()) {
			// due dates waiting for a year's holiday data; settled later by the pending-deadline job
			details.put("pendingDeadlines", pending);
		}
		audit.record("MATTER_" + t.action().name(), "matter", m.id(), details);
		events.publishEvent(new MatterActionTaken(m.id(), t.action(), m.status(), to, actor, now));
		return new Outcome(m.id(), to, m.version() + 1);
	}

	/**
	 * Checks what the action carries and stores it on the matter. {@code note} goes on the timeline;
	 * {@code isPublic} says the petitioner sees the event; {@code start} is the day opened periods count
	 * from (today unless the action names another, e.g. the delivery date).
	 */
	private record Step(String note, boolean isPublic, LocalDate start, Integer handlingExtendedBy,
			Map<String, Object> audit) {

		static Step of(String note, boolean isPublic) {
			return new Step(note, isPublic, null, null, Map.of());
		}
	}

	private Step validateAndStore(MatterState m, ActionBody body, StaffPrincipal user, LocalDate today,
			OffsetDateTime now) {
		long id = m.id();
		if (body instanceof ActionBody.Assign b) {
			Unit unit = units.byCode(required("unitCode", b.unitCode()))
				.filter(Unit::active)
				.filter(u -> u.isWithin(m.receivingPath()))
				.orElseThrow(() -> invalid("unitCode", "unit-not-found"));
			set(id, "handling_unit_id = :v, handler_username = NULL", unit.id());
			return new Step(unit.name(), true, null, null, Map.of("unit", unit.code()));
		}
		if (body instanceof ActionBody.Forward b) {
			String to = limited("body", required("body", b.body()), 200);
			String reason = limited("reason", required("reason", b.reason()), 2000);
			set(id, "forwarded_to = :v", to);
			set(id, "decision_reason = :v", reason);
			return new Step(to + "：" + reason, true, null, null, Map.of("body", to));
		}
		if (body instanceof ActionBody.RedirectLegalRoute b) {
			String route = required("routeCode", b.routeCode());
			if (!dictionaries.isActiveLegalRoute(route)) {
				throw invalid("routeCode", "route-not-active");
			}
			set(id, "legal_route_code = :v", route);
			String name = dictionaries.legalRoutes().stream().filter(e -> e.code().equals(route))
				.map(Dictionaries.Entry::name).findFirst().orElse(route);
			return new Step(name, true, null, null, Map.of("route", route));
		}
		if (body instanceof ActionBody.RouteToDiscipline b) {
			return Step.of(optional("note", b.note()), true);
		}
		if (body instanceof ActionBody.Return b) {
			String reason = limited("reason", required("reason", b.reason()), 2000);
			set(id, "decision_reason = :v", reason);
			jdbc.sql("UPDATE matter SET handling_unit_id = NULL, handler_username = NULL WHERE id = :id").param("id", id).update();
			return Step.of(reason, false);
		}
		if (body instanceof ActionBody.Accept b) {
			return Step.of(optional("note", b.note()), true);
		}
		if (body instanceof ActionBody.Reject b) {
			String reason = limited("reason", required("reason", b.reason()), 2000);
			set(id, "decision_reason = :v", reason);
			return Step.of(reason, true);
		}
		if (body instanceof ActionBody.RejectFinal b) {
			String reason = limited("reason", required("reason", b.reason()), 2000);
			long earlier = finalEarlierMatter(m, b.earlierTrackingCode());
			set(id, "decision_reason = :v", reason);
			return new Step(reason, true, null, null, Map.of("earlierMatter", earlier));
		}
		if (body instanceof ActionBody.AssignHandler b) {
			String username = required("username", b.username());
			boolean handler = units.members(m.handlingUnitId(), Role.HANDLER)
				.stream()
				.anyMatch(member -> member.username().equals(username));
			if (!handler) {
				throw invalid("username", "handler-not-found");
			}
			set(id, "handler_username = :v", username);
			return new Step(username, false, null, null, Map.of("handler", username));
		}
		if (body instanceof ActionBody.AddProgress b) {
			String note = limited("note", required("note", b.note()), 2000);
			if (b.checklist() != null) {
				for (ActionBody.ChecklistItem item : b.checklist()) {
					jdbc.sql("""
							INSERT INTO matter_checklist (matter_id, item, ticked_by, ticked_at)
							VALUES (:id, :item, :by, :at) ON CONFLICT DO NOTHING
							""")
						.param("id", id)
						.param("item", item.name())
						.param("by", user.username())
						.param("at", now)
						.update();
				}
			}
			return Step.of(note, false);
		}
		if (body instanceof ActionBody.RequestExtension b) {
			PeriodRule max = dueDates.rule("EXTENSION_MAX");
			if (b.days() == null || b.days() < 1 || b.days() > max.amount()) {
				throw invalid("days", "extension-days", String.valueOf(max.amount()));
			}
			String reason = limited("reason", required("reason", b.reason()), 2000);
			jdbc.sql("UPDATE matter SET extension_days = :d, extension_reason = :r, extension_state = 'REQUESTED' WHERE id = :id")
				.param("d", b.days())
				.param("r", reason)
				.param("id", id)
				.update();
			return new Step(reason, false, null, null, Map.of("days", b.days()));
		}
		if (body instanceof ActionBody.ApproveExtension) {
			int days = jdbc.sql("SELECT extension_days FROM matter WHERE id = :id").param("id", id).query(Integer.class).single();
			String reason = jdbc.sql("SELECT extension_reason FROM matter WHERE id = :id").param("id", id).query(String.class).single();
			set(id, "extension_state = :v", "APPROVED");
			// the reason is told to the petitioner (Art. 34)
			return new Step(reason, true, null, days, Map.of("days", days));
		}
		if (body instanceof ActionBody.DenyExtension b) {
			String reason = limited("reason", required("reason", b.reason()), 2000);
			set(id, "extension_state = :v", "DENIED");
			return Step.of(reason, false);
		}
		if (body instanceof ActionBody.DraftReply b) {
			if (b.outcome() == null) {
				throw invalid("outcome", "required");
			}
			String text = limited("text", required("text", b.text()), 20000);
			jdbc.sql("""
					UPDATE matter SET reply_outcome = :o, reply_text = :t, reply_drafted_by = :by,
					       reply_approved_by = NULL, reply_approved_at = NULL WHERE id = :id
					""")
				.param("o", b.outcome().name())
				.param("t", text)
				.param("by", user.username())
				.param("id", id)
				.update();
			return new Step(null, false, null, null, Map.of("outcome", b.outcome().name()));
		}
		if (body instanceof ActionBody.ApproveReply) {
			jdbc.sql("UPDATE matter SET reply_approved_by = :by, reply_approved_at = :at WHERE id = :id")
				.param("by", user.username())
				.param("at", now)
				.param("id", id)
				.update();
			return Step.of(null, false);
		}
		if (body instanceof ActionBody.SendBackReply b) {
			return Step.of(limited("reason", required("reason", b.reason()), 2000), false);
		}
		if (body instanceof ActionBody.Deliver b) {
			if (b.method() == null) {
				throw invalid("method", "required");
			}
			LocalDate on = b.deliveredOn() == null ? today : b.deliveredOn();
			if (on.isAfter(today)) {
				throw invalid("deliveredOn", "not-in-future");
			}
			jdbc.sql("UPDATE matter SET delivery_method = :m, delivered_on = :on WHERE id = :id")
				.param("m", b.method().name())
				.param("on", on)
				.param("id", id)
				.update();
			return new Step(null, true, on, null, Map.of("method", b.method().name(), "deliveredOn", on.toString()));
		}
		if (body instanceof ActionBody.Evaluate b) {
			if (b.rating() == null) {
				throw invalid("rating", "required");
			}
			String comment = limited("comment", optional("comment", b.comment()), 2000);
			jdbc.sql("UPDATE matter SET evaluation_rating = :r, evaluation_comment = :c, evaluated_at = :at WHERE id = :id")
				.param("r", b.rating().name())
				.param("c", comment)
				.param("at", now)
				.param("id", id)
				.update();
			return new Step(null, true, null, null, Map.of("rating", b.rating().name()));
		}
		if (body instanceof ActionBody.RequestReview b) {
			return requestReview(m, "REVIEW", b.reason(), now);
		}
		if (body instanceof ActionBody.RequestRereview b) {
			return requestReview(m, "REREVIEW", b.reason(), now);
		}
		if (body instanceof ActionBody.DecideReview b) {
			return decideReview(m, "REVIEW", b.outcome(), b.text(), null, user, now);
		}
		if (body instanceof ActionBody.RecordHearing b) {
			return recordHearing(m, b, user, today, now);
		}
		if (body instanceof ActionBody.DecideRereview b) {
			return decideReview(m, "REREVIEW", b.outcome(), b.text(), b.hearingNote(), user, now);
		}
		if (body instanceof ActionBody.Close b) {
			// every period still open ends with the matter
			jdbc.sql("UPDATE matter_deadline SET met_on = :today WHERE matter_id = :id AND met_on IS NULL")
				.param("today", today)
				.param("id", id)
				.update();
			return Step.of(optional("note", b.note()), true);
		}
		throw DomainException.invalid("unknown-action", "Unknown action");
	}

	/**
	 * Finality of an earlier matter (Regulation Art. 36): FINAL, or CLOSED after a re-review that upheld or
	 * changed the opinion (a re-review that sent the matter back to handling decided nothing final).
	 */
	private static final String FINAL_MATTER = """
			(f.status = 'FINAL' OR (f.status = 'CLOSED' AND EXISTS (SELECT 1 FROM matter_review r
			 WHERE r.matter_id = f.id AND r.level = 'REREVIEW' AND r.outcome IN ('UPHOLD', 'CHANGE'))))
			""";

	/**
	 * The earlier matter whose finality makes 不再受理 lawful: the one named by its tracking code, which must
	 * share a petitioner (ID number, or phone and name) with this matter, or else the nearest final one up
	 * intake's chain of repeat links. Refused (409 {@code no-final-earlier-matter}) when there is none.
	 */
	private long finalEarlierMatter(MatterState m, String earlierTrackingCode) {
		Optional<Long> found;
		if (earlierTrackingCode != null && !earlierTrackingCode.isBlank()) {
			String code = earlierTrackingCode.strip().toUpperCase(Locale.ROOT);
			Optional<Map<String, Object>> earlier = jdbc.sql("""
					SELECT f.id, %s AS final,
					       EXISTS (SELECT 1 FROM petitioner a JOIN petitioner b ON b.matter_id = :id
					               AND ((a.id_number IS NOT NULL AND a.id_number = b.id_number)
					                    OR (a.phone IS NOT NULL AND a.phone = b.phone AND a.name = b.name))
					               WHERE a.matter_id = f.id) AS same_petitioner
					FROM matter f WHERE f.tracking_code = :code AND f.id <> :id
					""".formatted(FINAL_MATTER))
				.param("code", code)
				.param("id", m.id())
				.query()
				.listOfRows()
				.stream()
				.findFirst();
			if (earlier.isEmpty() || !Boolean.TRUE.equals(earlier.get().get("same_petitioner"))) {
				throw invalid("earlierTrackingCode", "earlier-not-found");
			}
			found = Boolean.TRUE.equals(earlier.get().get("final"))
					? Optional.of(((Number) earlier.get().get("id")).longValue()) : Optional.empty();
		}
		else {
			found = jdbc.sql("""
					WITH RECURSIVE chain (id, depth) AS (
					    SELECT repeat_of_id, 1 FROM matter WHERE id = :id AND repeat_of_id IS NOT NULL
					    UNION ALL
					    SELECT x.repeat_of_id, c.depth + 1 FROM matter x JOIN chain c ON x.id = c.id
					    WHERE x.repeat_of_id IS NOT NULL AND c.depth < 100
					)
					SELECT f.id FROM chain c JOIN matter f ON f.id = c.id WHERE %s ORDER BY c.depth LIMIT 1
					""".formatted(FINAL_MATTER))
				.param("id", m.id())
				.query(Long.class)
				.optional();
		}
		return found.orElseThrow(() -> DomainException.conflict("no-final-earlier-matter",
				"不再受理 is lawful only when the same petitioner's earlier matter on the same facts reached finality"
						+ " (FINAL, or closed after a re-review; Regulation Art. 36); none was found for this matter."));
	}

	private Step requestReview(MatterState m, String level, String reason, OffsetDateTime now) {
		String r = limited("reason", required("reason", reason), 2000);
		jdbc.sql("""
				INSERT INTO matter_review (matter_id, level, reason, requested_at) VALUES (:id, :level, :reason, :at)
				""")
			.param("id", m.id())
			.param("level", level)
			.param("reason", r)
			.param("at", now)
			.update();
		return new Step(r, true, null, null, Map.of("level", level));
	}

	/**
	 * Regulation Art. 36: the time of a hearing is not counted in the re-review period. The hearing's days,
	 * inclusive and counted as the REREVIEW_DECISION rule counts (calendar or working days), are added to that
	 * deadline — kept for later if it is pending. Hearings never overlap, so no day is taken out twice.
	 */
	private Step recordHearing(MatterState m, ActionBody.RecordHearing b, StaffPrincipal user, LocalDate today,
			OffsetDateTime now) {
		List<FieldProblem> problems = new ArrayList<>();
		if (b.heldFrom() == null) {
			problems.add(problem("heldFrom", "required"));
		}
		if (b.heldTo() == null) {
			problems.add(problem("heldTo", "required"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		if (b.heldTo().isBefore(b.heldFrom())) {
			throw invalid("heldTo", "hearing-reversed");
		}
		if (b.heldTo().isAfter(today)) {
			throw invalid("heldTo", "hearing-in-future");
		}
		LocalDate requested = jdbc.sql("""
				SELECT requested_at FROM matter_review WHERE matter_id = :id AND level = 'REREVIEW'
				""")
			.param("id", m.id())
			.query(OffsetDateTime.class)
			.single()
			.atZoneSameInstant(clock.getZone())
			.toLocalDate();
		if (b.heldFrom().isBefore(requested)) {
			throw invalid("heldFrom", "hearing-before-request", requested.toString());
		}
		long overlapping = jdbc.sql("""
				SELECT count(*) FROM matter_hearing WHERE matter_id = :id AND held_from <= :to AND held_to >= :from
				""")
			.param("id", m.id())
			.param("from", b.heldFrom())
			.param("to", b.heldTo())
			.query(Long.class)
			.single();
		if (overlapping > 0) {
			throw invalid("heldFrom", "hearing-overlap");
		}
		String note = limited("note", optional("note", b.note()), 2000);
		PeriodRule rule = dueDates.rule("REREVIEW_DECISION");
		int days = (int) b.heldFrom().datesUntil(b.heldTo().plusDays(1))
			.filter(d -> rule.unit() == PeriodUnit.CALENDAR_DAYS || dueDates.isWorkingDay(d))
			.count();
		jdbc.sql("""
				INSERT INTO matter_hearing (matter_id, held_from, held_to, days, note, recorded_by, recorded_at)
				VALUES (:id, :from, :to, :days, :note, :by, :at)
				""")
			.param("id", m.id())
			.param("from", b.heldFrom())
			.param("to", b.heldTo())
			.param("days", days)
			.param("note", note)
			.param("by", user.username())
			.param("at", now)
			.update();
		Map<String, Object> audit = new LinkedHashMap<>();
		audit.put("heldFrom", b.heldFrom().toString());
		audit.put("heldTo", b.heldTo().toString());
		audit.put("daysNotCounted", days);
		if (days > 0) {
			Optional<LocalDate> due = deadlines.extend(m.id(), "REREVIEW_DECISION", days, rule.unit(), "HEARING");
			audit.put("rereviewDecisionDue", due.map(LocalDate::toString).orElse("PENDING"));
		}
		String timeline = b.heldFrom() + " – " + b.heldTo() + (note == null ? "" : "：" + note);
		return new Step(timeline, true, null, null, audit);
	}

	private Step decideReview(MatterState m, String level, ReviewOutcome outcome, String text, String hearingNote,
			StaffPrincipal user, OffsetDateTime now) {
		if (outcome == null) {
			throw invalid("outcome", "required");
		}
		String t = limited("text", required("text", text), 20000);
		String hearing = limited("hearingNote", optional("hearingNote", hearingNote), 2000);
		jdbc.sql("""
				UPDATE matter_review SET outcome = :o, decision_text = :t, decided_by = :by, decided_unit_id = :unit,
				       decided_at = :at WHERE matter_id = :id AND level = :level
				""")
			.param("o", outcome.name())
			.param("t", hearing == null ? t : t + "\n" + hearing)
			.param("by", user.username())
			.param("unit", user.unitId())
			.param("at", now)
			.param("id", m.id())
			.param("level", level)
			.update();
		if (outcome == ReviewOutcome.REDO) {
			// handled again: a fresh reply is drafted and approved
			jdbc.sql("""
					UPDATE matter SET reply_outcome = NULL, reply_text = NULL, reply_drafted_by = NULL,
					       reply_approved_by = NULL, reply_approved_at = NULL WHERE id = :id
					""").param("id", m.id()).update();
		}
		return new Step(t, true, null, null, Map.of("level", level, "outcome", outcome.name()));
	}

	private void set(long id, String assignment, Object value) {
		jdbc.sql("UPDATE matter SET " + assignment + " WHERE id = :id").param("v", value).param("id", id).update();
	}

	// --- who may act

	private static boolean visible(MatterState m, StaffPrincipal user) {
		return user.canSee(m.receivingPath()) || user.canSee(m.concernedPath()) || user.canSee(m.handlingPath());
	}

	static boolean mayAct(Actor actor, MatterState m, StaffPrincipal user) {
		boolean ofHandlingUnit = m.handlingUnitId() != null && m.handlingUnitId() == user.unitId();
		switch (actor) {
			case RECEIVING_OFFICE:
				return m.receivingUnitId() == user.unitId() && user.has(Role.REGISTRAR);
			case HANDLING_UNIT:
				return ofHandlingUnit && (user.has(Role.REGISTRAR) || user.has(Role.UNIT_HEAD));
			case UNIT_HEAD:
				return ofHandlingUnit && user.has(Role.UNIT_HEAD);
			case HANDLER:
				return user.username().equals(m.handler()) && user.has(Role.HANDLER);
			case HANDLER_OR_HEAD:
				return mayAct(Actor.HANDLER, m, user) || mayAct(Actor.UNIT_HEAD, m, user);
			case REVIEWER:
				return user.has(Role.REVIEWER) && strictlyAbove(user.unitPath(), m.handlingPath());
			case REREVIEWER:
				return user.has(Role.REVIEWER) && strictlyAbove(user.unitPath(), m.reviewUnitPath());
			case CLOSER:
				return mayAct(Actor.UNIT_HEAD, m, user) || mayAct(Actor.RECEIVING_OFFICE, m, user);
			default:
				return false;
		}
	}

	private static boolean strictlyAbove(String upper, String lower) {
		return lower != null && lower.startsWith(upper) && !lower.equals(upper);
	}

	// --- loading

	private Facts facts(MatterState m) {
		return new Facts(LocalDate.now(clock), m.evaluated(), m.extensionState() != null, m.reviewRequested(),
				m.reviewDecided(), m.rereviewRequested(), m.openDeadlines());
	}

	private Optional<MatterState> load(String where, Object key) {
		return jdbc.sql("""
				SELECT m.id, m.tracking_code, m.kind, m.status, m.version, m.receiving_unit_id, ru.path AS ru_path,
				       cu.path AS cu_path, m.handling_unit_id, hu.path AS hu_path, m.handler_username,
				       m.reply_drafted_by, m.extension_state, m.evaluated_at IS NOT NULL AS evaluated,
				       rv.id IS NOT NULL AS review_requested, rv.decided_at IS NOT NULL AS review_decided,
				        du.path AS review_unit_path, rr.id IS NOT NULL AS rereview_requested,
				       od.rules AS open_rules, od.dues AS open_dues
				FROM matter m
				JOIN unit ru ON ru.id = m.receiving_unit_id
				LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
				LEFT JOIN unit hu ON hu.id = m.handling_unit_id
				LEFT JOIN matter_review rv ON rv.matter_id = m.id AND rv.level = 'REVIEW'
				LEFT JOIN unit du ON du.id = rv.decided_unit_id
				LEFT JOIN matter_review rr ON rr.matter_id = m.id AND rr.level = 'REREVIEW'
				CROSS JOIN LATERAL (SELECT array_agg(d.rule_code) AS rules, array_agg(CAST(d.due_date AS text)) AS dues
				                    FROM matter_deadline d WHERE d.matter_id = m.id AND d.met_on IS NULL) od
				WHERE """ + " " + where)
			.param("key", key)
			.query((rs, n) -> {
				long id = rs.getLong("id");
				long hu = rs.getLong("handling_unit_id");
				Long handlingUnitId = rs.wasNull() ? null : hu;
				return new MatterState(id, rs.getString("tracking_code"), Kind.valueOf(rs.getString("kind")),
						MatterStatus.valueOf(rs.getString("status")), rs.getInt("version"),
						rs.getLong("receiving_unit_id"), rs.getString("ru_path"), rs.getString("cu_path"),
						handlingUnitId, rs.getString("hu_path"), rs.getString("handler_username"),
						rs.getString("reply_drafted_by"), rs.getString("extension_state"), rs.getBoolean("evaluated"),
						rs.getBoolean("review_requested"), rs.getBoolean("review_decided"),
						rs.getString("review_unit_path"), rs.getBoolean("rereview_requested"), openDeadlines(rs));
			})
			.optional();
	}

	/**
	 * The matter's open deadlines by rule (a pending one, waiting for holiday data, with no date), from the
	 * two arrays of {@link #load}'s statement (read with the matter: before, a statement of its own).
	 */
	private static Map<String, LocalDate> openDeadlines(ResultSet rs) throws SQLException {
		Map<String, LocalDate> open = new HashMap<>();
		Array rules = rs.getArray("open_rules");
		if (rules == null) {
			return open;
		}
		String[] rule = (String[]) rules.getArray();
		String[] due = (String[]) rs.getArray("open_dues").getArray();
		for (int i = 0; i < rule.length; i++) {
			open.put(rule[i], due[i] == null ? null : LocalDate.parse(due[i]));
		}
		return open;
	}

	// --- input checks

	private String required(String field, String value) {
		if (value == null || value.isBlank()) {
			throw invalid(field, "required");
		}
		return value.strip();
	}

	private String optional(String field, String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private String limited(String field, String value, int max) {
		if (value != null && value.length() > max) {
			throw invalid(field, "too-long", String.valueOf(max));
		}
		return value;
	}

	/**
	 * A field problem worded from the message bundles ({@code handling.invalid.<reason>}, zh-CN by default,
	 * English), in the request's locale, so pages and API answers speak the user's language.
	 */
	private InvalidInput invalid(String field, String reason, Object... args) {
		return new InvalidInput(List.of(problem(field, reason, args)));
	}

	private FieldProblem problem(String field, String reason, Object... args) {
		return new FieldProblem(field,
				messages.getMessage("handling.invalid." + reason, args, reason, LocaleContextHolder.getLocale()));
	}

	private static DomainException forbidden(String message) {
		return new DomainException(HttpStatus.FORBIDDEN, "forbidden", message);
	}

	private static DomainException stale() {
		return DomainException.conflict("stale-matter", "The matter was changed meanwhile; reload and try again.");
	}
}
