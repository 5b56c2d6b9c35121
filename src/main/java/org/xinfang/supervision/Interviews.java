package org.xinfang.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Interviews (约谈, DOMAIN §6) of a unit's principal, deputy or owning leader. The steps, each a transition
 * that checks the current status (a wrong one is refused with 409 {@code interview-status}) and is audited:
 * <ol>
 * <li>{@code PREPARING}: a supervisor or leader opens it for a unit in their subtree with the reason (or a
 * confirmed bulletin proposal does, {@link MeasureProposalConfirmed}), and forms the panel (enabled supervisors
 * or leaders whose unit can see the interviewed unit), names the interviewees (enabled staff of the interviewed
 * unit, each with their post) and the matters concerned (matters the user can see, by id or tracking code);
 * <li>{@code NOTIFIED}: the notice (约谈通知书) with date, time and place;
 * <li>{@code HELD}: the record — minutes and the interviewees' commitments; the rectification report is due
 * 15 working days after the interview day (calendar module; while the holiday data of the year reached is
 * missing, the due date stays open and is shown as such, and is computed once the data is entered);
 * <li>{@code SIGNED}: every panel member and interviewee has signed (by themselves, or registered by a panel
 * member or supervisor with the time);
 * <li>{@code REPORTED}: the interviewed unit's staff file the written rectification report;
 * <li>{@code CLOSED}: a supervisor accepts the report. {@code CANCELLED} ends an interview not yet held.
 * </ol>
 * A report not filed by its due date raises one reminder. Staff see an interview when the interviewed unit
 * lies in their subtree; anything else is "not found".
 */
public interface Interviews {

	/** The posts an interviewee may hold. */
	enum Post {
		PRINCIPAL, DEPUTY, OWNING_LEADER
	}

	enum Status {
		PREPARING, NOTIFIED, HELD, SIGNED, REPORTED, CLOSED, CANCELLED
	}

	Interview open(Opening opening);

	/** Changes the panel, interviewees and matters while in preparation. */
	Interview prepare(long id, Preparation preparation);

	Interview notify(long id, Notification notification);

	Interview hold(long id, Record record);

	/** Signs for {@code username} (null: the signed-in user). */
	Interview sign(long id, String username);

	Interview fileReport(long id, String report);

	Interview accept(long id, String note);

	Interview cancel(long id, String reason);

	Interview find(long id);

	/** Interviews of the unit's subtree (the user's own unit when null) opened in the period (nulls: open). */
	List<Summary> list(String unitCode, LocalDate from, LocalDate to);

	/** The notice (约谈通知书), from NOTIFIED on. */
	byte[] noticePdf(long id);

	/** The interview record (约谈记录), from HELD on. */
	byte[] recordPdf(long id);

	/**
	 * Counts for the unit's subtree (no user check: for the dashboard and yearly assessment, which check scope
	 * themselves): interviews opened and held in the period, and, as of {@code today}, rectification reports
	 * outstanding and overdue.
	 */
	Tally tally(long unitId, LocalDate from, LocalDate to, LocalDate today);

	record Opening(String unitCode, String reason, Preparation preparation) {
	}

	record Preparation(List<String> panel, List<IntervieweeInput> interviewees, List<String> matters) {
	}

	record IntervieweeInput(String username, String post) {
	}

	record Notification(String scheduledAt, String place) {
	}

	record Record(String heldOn, String minutes, String commitments) {
	}

	record UnitRef(String code, String name) {
	}

	record Person(String username, String displayName, String unitName) {
	}

	record Interviewee(String username, String displayName, Post post) {
	}

	record MatterRef(long id, String trackingCode) {
	}

	record Signature(String username, String displayName, String side, OffsetDateTime signedAt,
			String registeredBy) {
	}

	/**
	 * @param rectificationDue null while not held, or while {@code dueMissingYear}'s holiday data is missing
	 * @param overdue the report is outstanding past its due date
	 */
	record Interview(long id, UnitRef unit, UnitRef issuingUnit, String reason, Status status, Long proposalId,
			List<Person> panel, List<Interviewee> interviewees, List<MatterRef> matters, OffsetDateTime scheduledAt,
			String place, LocalDate notifiedOn, LocalDate heldOn, String minutes, String commitments,
			List<Signature> signatures, List<String> unsigned, LocalDate rectificationDue, Integer dueMissingYear,
			boolean overdue, String report, String reportedBy, OffsetDateTime reportedAt, String closedBy,
			OffsetDateTime closedAt, String acceptanceNote, String cancelReason, OffsetDateTime remindedAt,
			String createdBy, OffsetDateTime createdAt) {
	}

	record Summary(long id, UnitRef unit, Status status, String reason, OffsetDateTime scheduledAt,
			LocalDate heldOn, LocalDate rectificationDue, Integer dueMissingYear, boolean overdue,
			OffsetDateTime createdAt) {
	}

	record Tally(long opened, long held, long reportsOutstanding, long reportsOverdue) {
	}
}
