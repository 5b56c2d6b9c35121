package org.xinfang.calendar;

import java.time.LocalDate;
import java.util.Map;

/**
 * Due-date arithmetic of DOMAIN §5 (Civil Code Arts. 201–204): the start day is not counted; a
 * calendar-day period whose last day is a rest day or public holiday ends on the next working day; a
 * working-day period skips weekends and holidays and counts make-up working days. A period that reaches a
 * year without calendar data fails with {@link CalendarDataMissingException}, never a guess.
 */
public interface DueDates {

	LocalDate dueDate(LocalDate start, int amount, PeriodUnit unit);

	/** The due date of the named period rule (an administrator-edited row of the rule table). */
	LocalDate dueDate(String ruleCode, LocalDate start);

	PeriodRule rule(String ruleCode);

	/** Every rule by code, from one consistent snapshot (for naming many deadlines at once). */
	Map<String, PeriodRule> rules();

	boolean isWorkingDay(LocalDate day);
}
