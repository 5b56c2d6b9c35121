package org.xinfang.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Key matters and leader ownership (包案, DOMAIN §6): "one matter, one leader, one task team, one plan, owned
 * to the end". A supervisor or leader marks a matter key with its supervising level and names the owning
 * leader (an enabled {@code LEADER} whose unit can see the matter; rank suggested by
 * {@link LeaderRank#suggestedFor}), the task team and the plan. The owning leader or a team member files a
 * progress report for every week (Monday to Sunday, Asia/Shanghai) from the marking until the matter is
 * {@code CLOSED} (销号); a second report in the same week replaces the first, so each week has one report. A
 * full week that ended without a report raises one reminder ({@code KeyMatterReminders}).
 *
 * <p>Every change is audited. Staff see a key matter when they can see the matter itself (its receiving,
 * concerned or handling unit lies in their subtree); anything else is "not found".
 */
public interface KeyMatters {

	/** Marks the matter key, or updates the marking; the weeks due still count from the first marking. */
	KeyMatter mark(long matterId, Marking marking);

	/**
	 * The key matter; empty when the matter is visible to the user but not marked key; "not found" when the
	 * user cannot see the matter.
	 */
	Optional<KeyMatter> find(long matterId);

	/**
	 * Unmarks a key matter marked by mistake, with a reason (supervisors and leaders); its reports are kept,
	 * no more are due, and marking it again starts a new period of weekly reports.
	 */
	void unmark(long matterId, String reason);

	/** Files the report of the current week (replacing one already filed this week). */
	KeyMatter report(long matterId, String report);

	/** The key matters concerning the unit's subtree (the user's own unit when {@code unitCode} is null). */
	List<Summary> list(String unitCode);

	/** @param leaderRank null: the rank suggested for the level */
	record Marking(String supervisingLevel, String leaderUsername, String leaderRank, List<String> team,
			String plan) {
	}

	record Person(String username, String displayName) {
	}

	record Report(LocalDate weekStart, String report, String filedBy, OffsetDateTime filedAt) {
	}

	/**
	 * @param missingWeeks the Mondays of the full weeks since marking without a report (until the matter was
	 * closed)
	 * @param reportDue whether the current week still lacks a report and the matter is not closed
	 */
	record KeyMatter(long matterId, String trackingCode, String status, SupervisingLevel supervisingLevel,
			LeaderRank suggestedLeaderRank, LeaderRank leaderRank, Person leader, List<Person> team, String plan,
			LocalDate markedOn, String markedBy, OffsetDateTime updatedAt, LocalDate currentWeek, boolean reportDue,
			List<Report> reports, List<LocalDate> missingWeeks, List<LocalDate> remindedWeeks) {
	}

	record Summary(long matterId, String trackingCode, String status, SupervisingLevel supervisingLevel,
			LeaderRank leaderRank, Person leader, LocalDate markedOn, LocalDate lastReportOn, int missingWeeks) {
	}
}
