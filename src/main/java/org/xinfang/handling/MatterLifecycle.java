package org.xinfang.handling;

import static org.xinfang.intake.MatterStatus.*;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xinfang.handling.ActionBody.ReviewOutcome;
import org.xinfang.intake.MatterStatus;

/**
 * The state machine of a matter (DOMAIN §5), plain Java: for each (status, action) the next status, who
 * may act, and which deadlines (period rules) the step meets and opens. Guards that depend on what happened
 * before (once only, within a period) are {@link #refusal(Action, Facts)}.
 */
public final class MatterLifecycle {

	/** Who may take an action, relative to the matter. */
	public enum Actor {
		/** a registrar of the receiving office (首接首办) */
		RECEIVING_OFFICE,
		/** a registrar or the head of the unit the matter was assigned to */
		HANDLING_UNIT,
		/** the head of the handling unit */
		UNIT_HEAD,
		/** the handler the matter was given to */
		HANDLER,
		/** the handler or the head of the handling unit */
		HANDLER_OR_HEAD,
		/** a reviewer of a unit above the handling unit (the next-higher body, Art. 35) */
		REVIEWER,
		/** a reviewer of a unit above the one that decided the review (Art. 36) */
		REREVIEWER,
		/** the petitioner, with tracking code and query secret */
		PETITIONER,
		/** the head of the handling unit or a registrar of the receiving office */
		CLOSER
	}

	/**
	 * @param meets period rules this step meets (their open deadline gets today's date)
	 * @param opens period rules this step opens, counted from the step's date
	 */
	public record Transition(MatterStatus from, Action action, MatterStatus to, Actor actor, List<String> meets,
			List<String> opens) {
	}

	/**
	 * What guards look at: earlier steps and the open deadlines by rule; a pending deadline is present with a
	 * {@code null} due date.
	 */
	public record Facts(LocalDate today, boolean evaluated, boolean extensionUsed, boolean reviewRequested,
			boolean reviewDecided, boolean rereviewRequested, Map<String, LocalDate> openDeadlines) {
	}

	/** Windows given to the petitioner: not staff obligations, never overdue. */
	public static final List<String> PETITIONER_WINDOWS = List.of("EVALUATION_WINDOW", "REVIEW_REQUEST",
			"REREVIEW_REQUEST");

	private static final Map<MatterStatus, Map<Action, Transition>> TABLE = new EnumMap<>(MatterStatus.class);

	static {
		List<String> none = List.of();
		List<String> triage = List.of("TRIAGE");
		// triage by the receiving office (Art. 22/23), 15 days
		add(REGISTERED, Action.ASSIGN, ASSIGNED, Actor.RECEIVING_OFFICE, triage, List.of("RETURN_BY_UNIT", "ACCEPTANCE"));
		add(REGISTERED, Action.FORWARD, TRANSFERRED_OUT, Actor.RECEIVING_OFFICE, triage, none);
		add(REGISTERED, Action.REDIRECT_LEGAL_ROUTE, REDIRECTED, Actor.RECEIVING_OFFICE, triage, none);
		add(REGISTERED, Action.ROUTE_TO_DISCIPLINE, ROUTED_TO_DISCIPLINE, Actor.RECEIVING_OFFICE, triage, none);
		// the assigned unit: return within 5 working days, or decide acceptance within 15 days
		List<String> acceptance = List.of("RETURN_BY_UNIT", "ACCEPTANCE");
		add(ASSIGNED, Action.RETURN, REGISTERED, Actor.HANDLING_UNIT, acceptance, triage);
		add(ASSIGNED, Action.ACCEPT, ACCEPTED, Actor.HANDLING_UNIT, acceptance, List.of("HANDLING"));
		add(ASSIGNED, Action.REJECT, NOT_ACCEPTED, Actor.HANDLING_UNIT, acceptance, none);
		add(ASSIGNED, Action.REJECT_FINAL, NOT_ACCEPTED_FINAL, Actor.HANDLING_UNIT, acceptance, none);
		// handling, 60 days from acceptance (Art. 34)
		add(ACCEPTED, Action.ASSIGN_HANDLER, IN_HANDLING, Actor.UNIT_HEAD, none, none);
		add(IN_HANDLING, Action.ASSIGN_HANDLER, IN_HANDLING, Actor.UNIT_HEAD, none, none);
		add(IN_HANDLING, Action.ADD_PROGRESS, IN_HANDLING, Actor.HANDLER_OR_HEAD, none, none);
		add(IN_HANDLING, Action.REQUEST_EXTENSION, EXTENSION_REQUESTED, Actor.HANDLER, none, none);
		add(IN_HANDLING, Action.DRAFT_REPLY, REPLY_DRAFTED, Actor.HANDLER, none, none);
		add(EXTENSION_REQUESTED, Action.ADD_PROGRESS, EXTENSION_REQUESTED, Actor.HANDLER_OR_HEAD, none, none);
		add(EXTENSION_REQUESTED, Action.APPROVE_EXTENSION, IN_HANDLING, Actor.UNIT_HEAD, none, none);
		add(EXTENSION_REQUESTED, Action.DENY_EXTENSION, IN_HANDLING, Actor.UNIT_HEAD, none, none);
		add(REPLY_DRAFTED, Action.APPROVE_REPLY, REPLY_APPROVED, Actor.UNIT_HEAD, none, none);
		add(REPLY_DRAFTED, Action.SEND_BACK_REPLY, IN_HANDLING, Actor.UNIT_HEAD, none, none);
		add(REPLY_APPROVED, Action.DELIVER, DELIVERED, Actor.HANDLER_OR_HEAD, List.of("HANDLING"),
				List.of("EVALUATION_WINDOW", "REVIEW_REQUEST"));
		// after delivery: evaluation, review (Art. 35), re-review (Art. 36), closure
		for (MatterStatus s : List.of(DELIVERED, UNDER_REVIEW, UNDER_REREVIEW, FINAL)) {
			add(s, Action.EVALUATE, s, Actor.PETITIONER, List.of("EVALUATION_WINDOW"), none);
		}
		add(DELIVERED, Action.REQUEST_REVIEW, UNDER_REVIEW, Actor.PETITIONER, List.of("REVIEW_REQUEST"),
				List.of("REVIEW_DECISION"));
		add(DELIVERED, Action.REQUEST_REREVIEW, UNDER_REREVIEW, Actor.PETITIONER, List.of("REREVIEW_REQUEST"),
				List.of("REREVIEW_DECISION"));
		add(UNDER_REVIEW, Action.DECIDE_REVIEW, DELIVERED, Actor.REVIEWER, List.of("REVIEW_DECISION"),
				List.of("REREVIEW_REQUEST"));
		// a hearing in the re-review is not counted in its period (Art. 36): it moves the decision deadline on
		add(UNDER_REREVIEW, Action.RECORD_HEARING, UNDER_REREVIEW, Actor.REREVIEWER, none, none);
		add(UNDER_REREVIEW, Action.DECIDE_REREVIEW, FINAL, Actor.REREVIEWER, List.of("REREVIEW_DECISION"), none);
		List<String> all = List.of("EVALUATION_WINDOW", "REVIEW_REQUEST", "REREVIEW_REQUEST");
		add(DELIVERED, Action.CLOSE, CLOSED, Actor.CLOSER, all, none);
		add(FINAL, Action.CLOSE, CLOSED, Actor.CLOSER, all, none);
	}

	private MatterLifecycle() {
	}

	private static void add(MatterStatus from, Action action, MatterStatus to, Actor actor, List<String> meets,
			List<String> opens) {
		TABLE.computeIfAbsent(from, s -> new EnumMap<>(Action.class))
			.put(action, new Transition(from, action, to, actor, meets, opens));
	}

	/** The step, if the action is possible in this status at all. */
	public static Optional<Transition> transition(MatterStatus from, Action action) {
		return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(action));
	}

	/**
	 * The status after the step. A review or re-review decided {@link ReviewOutcome#REDO} sends the matter
	 * back to handling; otherwise the table decides.
	 */
	public static MatterStatus next(Transition t, ReviewOutcome outcome) {
		if ((t.action() == Action.DECIDE_REVIEW || t.action() == Action.DECIDE_REREVIEW)
				&& outcome == ReviewOutcome.REDO) {
			return IN_HANDLING;
		}
		return t.to();
	}

	/** Deadlines a step opens: a redo opens a new handling period instead of the re-review window. */
	public static List<String> opens(Transition t, ReviewOutcome outcome) {
		if ((t.action() == Action.DECIDE_REVIEW || t.action() == Action.DECIDE_REREVIEW)
				&& outcome == ReviewOutcome.REDO) {
			return List.of("HANDLING");
		}
		return t.opens();
	}

	/**
	 * Why a guard refuses the action, as a problem code, or empty when it holds. A period ends at 24:00 of
	 * its due date (Civil Code Art. 203), so the due date itself is still within it.
	 */
	public static Optional<String> refusal(Action action, Facts f) {
		switch (action) {
			case RETURN:
				return within(f, "RETURN_BY_UNIT") ? Optional.empty() : Optional.of("return-period-passed");
			case REQUEST_EXTENSION:
				return f.extensionUsed() ? Optional.of("extension-already-used") : Optional.empty();
			case EVALUATE:
				if (f.evaluated()) {
					return Optional.of("already-evaluated");
				}
				return within(f, "EVALUATION_WINDOW") ? Optional.empty() : Optional.of("evaluation-window-closed");
			case REQUEST_REVIEW:
				if (f.reviewRequested()) {
					return Optional.of("review-already-requested");
				}
				return within(f, "REVIEW_REQUEST") ? Optional.empty() : Optional.of("review-window-closed");
			case REQUEST_REREVIEW:
				if (!f.reviewDecided() || f.rereviewRequested()) {
					return Optional.of("rereview-not-possible");
				}
				return within(f, "REREVIEW_REQUEST") ? Optional.empty() : Optional.of("review-window-closed");
			case CLOSE:
				// after delivery, only once the petitioner's window to ask for a (re-)review has passed unused
				for (String rule : List.of("REVIEW_REQUEST", "REREVIEW_REQUEST")) {
					if (within(f, rule)) {
						return Optional.of("review-window-open");
					}
				}
				return Optional.empty();
			default:
				return Optional.empty();
		}
	}

	/**
	 * A pending deadline (open, no due date yet: its period reaches a year without holiday data) counts as
	 * still running: its end cannot have been determined to have passed, and refusing a petitioner's
	 * lawful request, or closing a matter, on a guess is what DOMAIN §5 forbids.
	 */
	private static boolean within(Facts f, String rule) {
		if (!f.openDeadlines().containsKey(rule)) {
			return false;
		}
		LocalDate due = f.openDeadlines().get(rule);
		return due == null || !f.today().isAfter(due);
	}
}
