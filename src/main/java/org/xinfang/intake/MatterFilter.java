package org.xinfang.intake;

/**
 * Filters of the staff list of matters; {@code null} means "any". {@code unitCode} matches matters whose
 * receiving, concerned or handling unit lies in that unit's subtree. {@code deadlineState} is the state of
 * the matter's nearest open deadline of a staff obligation. {@code text} is searched in titles and contents:
 * every word typed must occur, a Chinese word of two or more characters wherever it stands in running text
 * (see V11__matter_search.sql); nothing searchable typed means no text filter.
 */
public record MatterFilter(MatterStatus status, DeadlineState deadlineState, String unitCode, Kind kind,
		Channel channel, String text) {

	public static final MatterFilter NONE = new MatterFilter(null, null, null, null, null, null);

	public enum Sort {
		/** nearest open deadline first; matters without one last */
		DEADLINE,
		/** newest first */
		RECEIVED
	}
}
