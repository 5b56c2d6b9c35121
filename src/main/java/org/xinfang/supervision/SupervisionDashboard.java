package org.xinfang.supervision;

import java.time.LocalDate;
import java.util.List;

/**
 * The supervisor's dashboard (督查督办工作台, issue #6 item 7): where the units of a subtree stand today, for
 * supervisors and leaders of that subtree. Everything on it concerns units and officials, never petitioners
 * (DOMAIN §9): matters are only counted, per unit.
 *
 * <p>One section per kind of record, each computed on its own, so that further panels (flags open, interviews
 * and rectifications due, special assignment steps due) are added as further sections:
 * <ul>
 * <li>{@link Deadlines}: open matters overdue and due soon, for the subtree and for each sub-unit's subtree,
 * worst first. A matter counts for a unit when its receiving, concerned or handling unit lies in the unit's
 * subtree — the rule of the staff list of matters filtered by unit and deadline state, so each number is the
 * length of the list its link opens. Overdue: the nearest open deadline of a staff obligation lies before
 * today; due soon: it falls between today and today plus {@code xinfang.deadlines.due-soon-days} (the
 * "due soon" of DOMAIN §5 used everywhere else).
 * <li>{@link KeyMatterSection}: the key matters (包案) concerning the subtree, those with missing weekly
 * reports first.
 * <li>{@link MonthIndicators}: the indicators of DOMAIN §8 ({@link Indicators}) for the current month so
 * far.
 * <li>{@link FlagSection}: flags (挂牌督办, {@link Flags}) not yet unflagged, by the flagged unit.
 * <li>{@link AssignmentSection}: special assignments ({@link SpecialAssignments}) still open, the next step due
 * first, and the steps past their due date without a report.
 * <li>{@link InterviewSection}: interviews ({@link Interviews}) and problem lists ({@link ProblemLists}) this
 * month, with the rectification reports and items outstanding or overdue today.
 * </ul>
 */
public interface SupervisionDashboard {

	/**
	 * The dashboard of the unit's subtree ({@code null}: the user's own unit); "not found" for a unit outside
	 * the user's subtree, "forbidden" for users who neither supervise nor lead.
	 */
	Dashboard compute(String unitCode);

	/**
	 * @param trail the units from the user's own unit down to this one (for going back up)
	 * @param subUnits the direct sub-units, each of which can be opened in turn
	 */
	record Dashboard(UnitRef unit, LocalDate today, List<UnitRef> trail, List<UnitRef> subUnits, Deadlines deadlines,
			KeyMatterSection keyMatters, MonthIndicators indicators, FlagSection flags, AssignmentSection assignments,
			InterviewSection interviews) {
	}

	record UnitRef(String code, String name) {
	}

	/**
	 * @param dueSoonUntil the last day counted as due soon
	 * @param total the whole subtree
	 * @param byUnit one row per direct sub-unit's subtree, most overdue first, then most due soon (a matter
	 * touching two sub-units counts in both)
	 */
	record Deadlines(LocalDate dueSoonUntil, UnitCount total, List<UnitCount> byUnit) {
	}

	record UnitCount(String code, String name, long overdue, long dueSoon) {
	}

	/**
	 * @param open key matters not closed
	 * @param missingReports key matters with at least one full week without a report
	 * @param items the key matters (at most {@link #LIMIT}), most missing weeks first
	 */
	record KeyMatterSection(int total, int open, int missingReports, List<KeyMatters.Summary> items) {

		public static final int LIMIT = 50;
	}

	/**
	 * @param open flags of the subtree not unflagged
	 * @param byUnit per flagged unit, most first (at most {@link #LIMIT})
	 */
	record FlagSection(long open, List<MeasureRefs.UnitCount> byUnit) {

		public static final int LIMIT = 20;
	}

	/**
	 * @param open assignments of the subtree not closed
	 * @param stepsOverdue reporting steps past their due date without a report
	 * @param due the open assignments, the nearest next step first (at most {@link #LIMIT})
	 */
	record AssignmentSection(long open, long stepsOverdue, List<SpecialAssignments.Summary> due) {

		public static final int LIMIT = 20;
	}

	/** This month's interviews and problem lists; the outstanding and overdue counts are as of today. */
	record InterviewSection(LocalDate from, LocalDate to, Interviews.Tally interviews, ProblemLists.Tally problemLists) {
	}

	/** The indicators of the month from its first day up to today. */
	record MonthIndicators(LocalDate from, LocalDate to, IndicatorReport.Rates rates, IndicatorReport.Counts counts) {
	}
}
