package org.xinfang.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * Maintenance of the holiday calendar and the period rules by an administrator. Every change is written to
 * the audit log in the same transaction, and is seen by every application instance on its next due-date
 * computation.
 */
public interface CalendarAdministration {

	CalendarYear year(int year);

	/** The years whose official data is marked complete, ascending. */
	List<Integer> completeYears();

	/** Adds or replaces the entry of one date. A make-up working day must be a Saturday or Sunday. */
	CalendarDay putDay(LocalDate day, DayKind kind, String nameZh);

	/** Removes the entry of one date, which becomes an ordinary day again; 404 when it has none. */
	void deleteDay(LocalDate day);

	/** Marks a year's official data as entered completely (or withdraws that mark). */
	CalendarYear markYear(int year, boolean complete, String note);

	List<PeriodRule> rules();

	PeriodRule updateRule(String code, int amount, PeriodUnit unit);
}
