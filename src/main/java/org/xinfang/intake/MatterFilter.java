package org.xinfang.intake;

import java.util.Set;

/**
 * Filters of the staff list of matters; {@code null} means "any". {@code unitCode} matches matters whose
 * receiving, concerned or handling unit lies in that unit's subtree. {@code deadlineState} is the state of
 * the matter's nearest open deadline of a staff obligation. {@code text} is searched in titles and contents:
 * every word typed must occur, a Chinese word of two or more characters wherever it stands in running text
 * (see V11__matter_search.sql); nothing searchable typed means no text filter. {@code statuses}, when not
 * empty, keeps matters in any of those states (work queues).
 */
public record MatterFilter(MatterStatus status, DeadlineState deadlineState, String unitCode, Kind kind,
		Channel channel, String text, Set<MatterStatus> statuses) {

	public static final MatterFilter NONE = new MatterFilter(null, null, null, null, null, null);

	/** A blank unit code (an empty field of a form or link) means "any unit", like a missing one. */
	public MatterFilter {
		unitCode = unitCode == null || unitCode.isBlank() ? null : unitCode.strip();
	}

	public MatterFilter(MatterStatus status, DeadlineState deadlineState, String unitCode, Kind kind,
			Channel channel, String text) {
		this(status, deadlineState, unitCode, kind, channel, text, null);
	}

	/** A work queue: matters in any of these states ({@code statuses}) touching the unit's subtree. */
	public static MatterFilter queue(String unitCode, Set<MatterStatus> statuses) {
		return new MatterFilter(null, null, unitCode, null, null, null, Set.copyOf(statuses));
	}

	public enum Sort {
		/** nearest open deadline first; matters without one last */
		DEADLINE,
		/** newest first */
		RECEIVED
	}
}
