package org.xinfang.supervision;

/**
 * A supervisor confirmed a measure that the bulletin trigger rules of DOMAIN §6 proposed for a unit (ranked in
 * the bottom three of two consecutive regular bulletins, or named in two consecutive special ones → reminder or
 * interview; reminded twice in a row → flag). Published inside the confirming transaction; the part of the
 * module that owns the measure listens synchronously and opens it (a reminder letter, an interview in
 * preparation, a flag on the unit), so confirmation and measure commit or fail together.
 *
 * @param proposalId the bulletin proposal confirmed
 * @param unitId the unit the measure targets (never a petitioner, DOMAIN §9)
 * @param reason the rule that fired, in words, carried into the measure's record
 * @param confirmedBy the supervisor's username
 */
public record MeasureProposalConfirmed(long proposalId, long unitId, String unitCode, Measure measure, String reason,
		String confirmedBy) {

	public enum Measure {
		REMINDER, INTERVIEW, FLAG
	}
}
