package org.xinfang.intake;

/**
 * Filters of the staff list of matters; {@code null} means "any". {@code unitCode} matches matters whose
 * receiving, concerned or handling unit lies in that unit's subtree. {@code deadlineState} is the state of
 * the matter's nearest open deadline of a staff obligation.
 */
public record MatterFilter(MatterStatus status, DeadlineState deadlineState, String unitCode, Kind kind,
		Channel channel) {

	public static final MatterFilter NONE = new MatterFilter(null, null, null, null, null);

	public enum Sort {
		/** nearest open deadline first; matters without one last */
		DEADLINE,
		/** newest first */
		RECEIVED
	}
}
