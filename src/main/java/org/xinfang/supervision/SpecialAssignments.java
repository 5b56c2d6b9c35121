package org.xinfang.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.xinfang.supervision.MeasureRefs.MatterRef;
import org.xinfang.supervision.MeasureRefs.UnitCount;
import org.xinfang.supervision.MeasureRefs.UnitRef;

/**
 * Special assignments (专项交办, DOMAIN §6): a supervisor assigns one or more matters, or a topic, to a unit
 * in their subtree, with a numbered assignment notice (交办单, PDF). The unit reports in three steps, counted in
 * working days from the day of assignment by the period rules {@code ASSIGNMENT_MEASURES} (5),
 * {@code ASSIGNMENT_PROGRESS} (15) and {@code ASSIGNMENT_RESULT} (30). A due date reaching a year without
 * holiday data stays pending (null) until an administrator enters the year; it is never guessed.
 *
 * <p>Steps are reported in order, once each; a report after the due date is accepted and shown late. A step
 * past its due date without a report raises one general reminder to the unit ({@link Reminders}). Once the
 * result is in, the supervisor closes the assignment. Every change is audited ({@code special_assignment}).
 *
 * <p>Who: supervisors ({@code SUPERVISOR}) assign and close; the unit's own unit heads, leaders and handlers
 * report. Staff see an assignment when its unit lies in their subtree; anything else is "not found".
 */
public interface SpecialAssignments {

	Assignment assign(NewAssignment assignment);

	Optional<Assignment> find(long id);

	/** Files the step's report; 409 when the step is already reported or the previous one is not. */
	Assignment report(long id, Step step, String report);

	/** Closes an assignment whose result is reported (409 otherwise). */
	Assignment close(long id, String note);

	/** The assignments of the unit's subtree (the user's own unit when {@code unitCode} is null), newest first. */
	List<Summary> list(String unitCode);

	/** The 交办单 as issued. */
	Optional<byte[]> notice(long id);

	/**
	 * For dashboards and the yearly assessment (no signed-in user needed): the assignments of the subtree of
	 * {@code rootUnitId} assigned in the period (inclusive), newest first.
	 */
	List<Summary> assignedIn(long rootUnitId, LocalDate from, LocalDate to);

	/**
	 * Per unit of the subtree: how many steps due in the period passed their due date without a report (still
	 * missing, or reported late), most first.
	 */
	List<UnitCount> overdueStepsByUnit(long rootUnitId, LocalDate from, LocalDate to);

	enum Status {
		OPEN, RESULT_REPORTED, CLOSED
	}

	/** The three reporting steps, in order, with the period rule that sets each one's due date. */
	enum Step {
		MEASURES("ASSIGNMENT_MEASURES"), PROGRESS("ASSIGNMENT_PROGRESS"), RESULT("ASSIGNMENT_RESULT");

		private final String ruleCode;

		Step(String ruleCode) {
			this.ruleCode = ruleCode;
		}

		public String ruleCode() {
			return ruleCode;
		}
	}

	/** Where a step stands on a given day. */
	enum StepState {
		/** the due date waits for holiday data */
		PENDING, DUE, OVERDUE, REPORTED, REPORTED_LATE
	}

	/**
	 * @param matterIds matters to assign, by tracking code or id (each visible to the supervisor); may be empty when a
	 * topic is given
	 */
	record NewAssignment(String unitCode, String topic, String requirements, List<String> matterIds) {
	}

	record StepReport(Step step, LocalDate dueOn, StepState state, String report, String reportedBy,
			OffsetDateTime reportedAt, LocalDate reportedOn, boolean reminded) {
	}

	record Assignment(long id, String number, UnitRef unit, UnitRef issuingUnit, String topic, String requirements,
			LocalDate assignedOn, Status status, String createdBy, List<MatterRef> matters, List<StepReport> steps,
			String closedBy, OffsetDateTime closedAt, String closeNote) {
	}

	/** @param nextStep the first step not reported, null when all are */
	record Summary(long id, String number, UnitRef unit, String topic, LocalDate assignedOn, Status status,
			Step nextStep, LocalDate nextDueOn, boolean overdue) {
	}
}
