package org.xinfang.supervision;

/**
 * The small references the supervision measures (special assignments, reminders, flags) carry: the unit they
 * target and the matters they name. A matter is shown by its tracking code and status only — never its
 * petitioner or reporter (DOMAIN §9).
 */
public final class MeasureRefs {

	private MeasureRefs() {
	}

	/** A unit of the organisation tree, as a measure names it. */
	public record UnitRef(long id, String code, String name) {
	}

	/** A matter named by a measure. */
	public record MatterRef(long id, String trackingCode, String status) {
	}

	/** How many measures a unit received in a period, for lists and rankings of units (never of persons). */
	public record UnitCount(UnitRef unit, long count) {
	}
}
