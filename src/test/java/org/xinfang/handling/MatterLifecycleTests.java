package org.xinfang.handling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xinfang.handling.ActionBody.ReviewOutcome;
import org.xinfang.handling.MatterLifecycle.Facts;
import org.xinfang.intake.MatterStatus;

class MatterLifecycleTests {

	/** The expected table, written out independently of the implementation: "STATUS ACTION" → next status. */
	static final Map<String, String> ALLOWED = new HashMap<>();

	static {
		allow("REGISTERED", "ASSIGN", "ASSIGNED");
		allow("REGISTERED", "FORWARD", "TRANSFERRED_OUT");
		allow("REGISTERED", "REDIRECT_LEGAL_ROUTE", "REDIRECTED");
		allow("REGISTERED", "ROUTE_TO_DISCIPLINE", "ROUTED_TO_DISCIPLINE");
		allow("ASSIGNED", "RETURN", "REGISTERED");
		allow("ASSIGNED", "ACCEPT", "ACCEPTED");
		allow("ASSIGNED", "REJECT", "NOT_ACCEPTED");
		allow("ASSIGNED", "REJECT_FINAL", "NOT_ACCEPTED_FINAL");
		allow("ACCEPTED", "ASSIGN_HANDLER", "IN_HANDLING");
		allow("IN_HANDLING", "ASSIGN_HANDLER", "IN_HANDLING");
		allow("IN_HANDLING", "ADD_PROGRESS", "IN_HANDLING");
		allow("IN_HANDLING", "REQUEST_EXTENSION", "EXTENSION_REQUESTED");
		allow("IN_HANDLING", "DRAFT_REPLY", "REPLY_DRAFTED");
		allow("EXTENSION_REQUESTED", "ADD_PROGRESS", "EXTENSION_REQUESTED");
		allow("EXTENSION_REQUESTED", "APPROVE_EXTENSION", "IN_HANDLING");
		allow("EXTENSION_REQUESTED", "DENY_EXTENSION", "IN_HANDLING");
		allow("REPLY_DRAFTED", "APPROVE_REPLY", "REPLY_APPROVED");
		allow("REPLY_DRAFTED", "SEND_BACK_REPLY", "IN_HANDLING");
		allow("REPLY_APPROVED", "DELIVER", "DELIVERED");
		allow("DELIVERED", "EVALUATE", "DELIVERED");
		allow("UNDER_REVIEW", "EVALUATE", "UNDER_REVIEW");
		allow("UNDER_REREVIEW", "EVALUATE", "UNDER_REREVIEW");
		allow("FINAL", "EVALUATE", "FINAL");
		allow("DELIVERED", "REQUEST_REVIEW", "UNDER_REVIEW");
		allow("DELIVERED", "REQUEST_REREVIEW", "UNDER_REREVIEW");
		allow("UNDER_REVIEW", "DECIDE_REVIEW", "DELIVERED");
		allow("UNDER_REREVIEW", "RECORD_HEARING", "UNDER_REREVIEW");
		allow("UNDER_REREVIEW", "DECIDE_REREVIEW", "FINAL");
		allow("DELIVERED", "CLOSE", "CLOSED");
		allow("FINAL", "CLOSE", "CLOSED");
	}

	static void allow(String from, String action, String to) {
		ALLOWED.put(from + " " + action, to);
	}

	static Stream<Arguments> everyPair() {
		return Stream.of(MatterStatus.values())
			.flatMap(s -> Stream.of(Action.values()).map(a -> Arguments.of(s, a)));
	}

	@ParameterizedTest(name = "{0} + {1}")
	@MethodSource("everyPair")
	void everyStatusAndActionPairIsEitherAStepOrRefused(MatterStatus status, Action action) {
		String expected = ALLOWED.get(status + " " + action);
		var transition = MatterLifecycle.transition(status, action);
		if (expected == null) {
			assertThat(transition).as("%s must be refused in %s", action, status).isEmpty();
		}
		else {
			assertThat(transition).as("%s must be possible in %s", action, status).isPresent();
			assertThat(MatterLifecycle.next(transition.get(), ReviewOutcome.UPHOLD).name()).isEqualTo(expected);
		}
	}

	@Test
	void theTableHasExactlyTheExpectedStepsAmongEveryPair() {
		// 18 statuses × 24 actions = 432 pairs, of which 30 are steps (RECORD_HEARING added the 30th)
		assertThat(everyPair().count()).isEqualTo(432);
		long steps = Stream.of(MatterStatus.values())
			.flatMap(s -> Stream.of(Action.values()).filter(a -> MatterLifecycle.transition(s, a).isPresent()))
			.count();
		assertThat(steps).isEqualTo(ALLOWED.size()).isEqualTo(30);
	}

	@Test
	void aRedoSendsTheMatterBackToHandlingWithANewHandlingPeriod() {
		var review = MatterLifecycle.transition(MatterStatus.UNDER_REVIEW, Action.DECIDE_REVIEW).orElseThrow();
		assertThat(MatterLifecycle.next(review, ReviewOutcome.REDO)).isEqualTo(MatterStatus.IN_HANDLING);
		assertThat(MatterLifecycle.opens(review, ReviewOutcome.REDO)).containsExactly("HANDLING");
		assertThat(MatterLifecycle.opens(review, ReviewOutcome.CHANGE)).containsExactly("REREVIEW_REQUEST");
		var rereview = MatterLifecycle.transition(MatterStatus.UNDER_REREVIEW, Action.DECIDE_REREVIEW).orElseThrow();
		assertThat(MatterLifecycle.next(rereview, ReviewOutcome.UPHOLD)).isEqualTo(MatterStatus.FINAL);
		assertThat(MatterLifecycle.next(rereview, ReviewOutcome.REDO)).isEqualTo(MatterStatus.IN_HANDLING);
	}

	@Test
	void stepsMeetAndOpenTheirDeadlines() {
		assertThat(MatterLifecycle.transition(MatterStatus.REGISTERED, Action.ASSIGN).orElseThrow().opens())
			.containsExactly("RETURN_BY_UNIT", "ACCEPTANCE");
		assertThat(MatterLifecycle.transition(MatterStatus.ASSIGNED, Action.ACCEPT).orElseThrow().opens())
			.containsExactly("HANDLING");
		var deliver = MatterLifecycle.transition(MatterStatus.REPLY_APPROVED, Action.DELIVER).orElseThrow();
		assertThat(deliver.meets()).containsExactly("HANDLING");
		assertThat(deliver.opens()).containsExactly("EVALUATION_WINDOW", "REVIEW_REQUEST");
	}

	static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

	static Facts facts(boolean evaluated, boolean extensionUsed, boolean reviewRequested, boolean reviewDecided,
			boolean rereviewRequested, Map<String, LocalDate> open) {
		return new Facts(TODAY, evaluated, extensionUsed, reviewRequested, reviewDecided, rereviewRequested, open);
	}

	@Test
	void aUnitReturnsOnlyWithinItsPeriodAndTheDueDateItselfCounts() {
		assertThat(MatterLifecycle.refusal(Action.RETURN, facts(false, false, false, false, false,
				Map.of("RETURN_BY_UNIT", TODAY)))).isEmpty();
		assertThat(MatterLifecycle.refusal(Action.RETURN, facts(false, false, false, false, false,
				Map.of("RETURN_BY_UNIT", TODAY.minusDays(1))))).contains("return-period-passed");
	}

	@Test
	void anExtensionIsRequestedOnce() {
		assertThat(MatterLifecycle.refusal(Action.REQUEST_EXTENSION, facts(false, false, false, false, false, Map.of())))
			.isEmpty();
		assertThat(MatterLifecycle.refusal(Action.REQUEST_EXTENSION, facts(false, true, false, false, false, Map.of())))
			.contains("extension-already-used");
	}

	@Test
	void thePetitionerEvaluatesOnceWithinTheWindow() {
		Map<String, LocalDate> open = Map.of("EVALUATION_WINDOW", TODAY.plusDays(1));
		assertThat(MatterLifecycle.refusal(Action.EVALUATE, facts(false, false, false, false, false, open))).isEmpty();
		assertThat(MatterLifecycle.refusal(Action.EVALUATE, facts(true, false, false, false, false, open)))
			.contains("already-evaluated");
		assertThat(MatterLifecycle.refusal(Action.EVALUATE, facts(false, false, false, false, false,
				Map.of("EVALUATION_WINDOW", TODAY.minusDays(1))))).contains("evaluation-window-closed");
	}

	@Test
	void reviewThenRereviewEachOnceAndWithinTheirWindows() {
		Map<String, LocalDate> review = Map.of("REVIEW_REQUEST", TODAY);
		assertThat(MatterLifecycle.refusal(Action.REQUEST_REVIEW, facts(false, false, false, false, false, review)))
			.isEmpty();
		assertThat(MatterLifecycle.refusal(Action.REQUEST_REREVIEW, facts(false, false, false, false, false, review)))
			.contains("rereview-not-possible");
		assertThat(MatterLifecycle.refusal(Action.REQUEST_REVIEW, facts(false, false, false, false, false,
				Map.of("REVIEW_REQUEST", TODAY.minusDays(1))))).contains("review-window-closed");
		Map<String, LocalDate> rereview = Map.of("REREVIEW_REQUEST", TODAY.plusDays(3));
		assertThat(MatterLifecycle.refusal(Action.REQUEST_REVIEW, facts(false, false, true, true, false, rereview)))
			.contains("review-already-requested");
		assertThat(MatterLifecycle.refusal(Action.REQUEST_REREVIEW, facts(false, false, true, true, false, rereview)))
			.isEmpty();
		assertThat(MatterLifecycle.refusal(Action.REQUEST_REREVIEW, facts(false, false, true, true, true, rereview)))
			.contains("rereview-not-possible");
	}

	@Test
	void closingWaitsUntilTheReviewWindowPassedUnused() {
		assertThat(MatterLifecycle.refusal(Action.CLOSE, facts(false, false, false, false, false,
				Map.of("REVIEW_REQUEST", TODAY)))).contains("review-window-open");
		assertThat(MatterLifecycle.refusal(Action.CLOSE, facts(false, false, false, false, false,
				Map.of("REVIEW_REQUEST", TODAY.minusDays(1))))).isEmpty();
		assertThat(MatterLifecycle.refusal(Action.CLOSE, facts(false, false, true, true, true, Map.of()))).isEmpty();
	}

	@Test
	void aPendingWindowHasNotPassedSoThePetitionerMayStillActAndTheMatterStaysOpen() {
		Map<String, LocalDate> pending = new HashMap<>();
		pending.put("REVIEW_REQUEST", null);
		pending.put("EVALUATION_WINDOW", null);
		assertThat(MatterLifecycle.refusal(Action.REQUEST_REVIEW, facts(false, false, false, false, false, pending)))
			.isEmpty();
		assertThat(MatterLifecycle.refusal(Action.EVALUATE, facts(false, false, false, false, false, pending))).isEmpty();
		assertThat(MatterLifecycle.refusal(Action.CLOSE, facts(false, false, false, false, false, pending)))
			.contains("review-window-open");
		// absent is not pending: no window was ever opened
		assertThat(MatterLifecycle.refusal(Action.REQUEST_REVIEW, facts(false, false, false, false, false, Map.of())))
			.contains("review-window-closed");
	}
}
