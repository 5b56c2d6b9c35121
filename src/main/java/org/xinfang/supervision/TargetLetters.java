package org.xinfang.supervision;

import java.util.List;

/**
 * Target responsibility letters (目标责任书) and the yearly assessment (绩效考核) of DOMAIN §6: a unit's targets for
 * a year on the indicators of DOMAIN §8, and a score per unit and year computed from them.
 *
 * <p><b>The score</b> (0–100) of a unit for a year is its indicator part plus its bulletin part:
 * <ul>
 * <li><b>indicator part</b>, up to {@value #INDICATOR_POINTS}: the mean attainment over the targets of the letter
 * on which the unit's subtree has data for the year, times {@value #INDICATOR_POINTS}. Attainment of a rate target
 * is {@code min(1, actual ÷ target)} (a target of 0 is always met); of the repeat-rate ceiling it is 1 when the
 * actual rate is at or under the ceiling, else {@code max(0, (1 − actual) ÷ (1 − ceiling))}. Targets on
 * indicators without data for the year are left out; with none left the part is the full
 * {@value #INDICATOR_POINTS} (nothing to hold against the unit) and the assessment says so.
 * <li><b>bulletin part</b>, {@value #BULLETIN_POINTS} less {@value #DEDUCTION} per published regular bulletin of
 * the year (period inside the year) that put the unit in the bottom three, and {@value #DEDUCTION} per
 * measure confirmed for it from a proposal of a bulletin published in the year, never below 0.
 * </ul>
 * The records of reminders, flags and interviews themselves (other parts of supervision) are not yet included:
 * only the bulletin record is.
 *
 * <p>An assessment covers the child units of a unit; letters are set by supervisors for units of their subtree;
 * both are read by those who read indicators. Setting a letter is audited.
 */
public interface TargetLetters {

	int INDICATOR_POINTS = 80;

	int BULLETIN_POINTS = 20;

	int DEDUCTION = 5;

	/** Sets (or replaces) the letter of the unit for the year. */
	Letter set(String unitCode, int year, Targets targets);

	/** The letters of the year for the unit's child units. */
	List<Letter> letters(String unitCode, int year);

	/** The assessment of each child unit that has a letter for the year, best first. */
	List<Assessment> assess(String unitCode, int year);

	/** The assessment as an Excel workbook. */
	byte[] excel(String unitCode, int year);

	/** Targets as rates from 0 to 1; null: no target on that indicator. */
	record Targets(Double timelyAcceptance, Double onTimeCompletion, Double satisfaction, Double resolvedAtUnitLevel,
			Double resolvedWithoutRepeat, Double maxRepeatRate, String note) {
	}

	record Letter(IndicatorReport.UnitRef unit, int year, Targets targets, String updatedBy, int version) {
	}

	/** One target against the actual rate, and how far it was attained (null: no data for the year). */
	record Line(String indicator, double target, Double actual, Double attainment) {
	}

	record Assessment(IndicatorReport.UnitRef unit, int year, double score, double indicatorPart,
			double bulletinPart, List<Line> lines, int timesInBottomThree, int supervisionMeasures,
			boolean noIndicatorData) {
	}
}
