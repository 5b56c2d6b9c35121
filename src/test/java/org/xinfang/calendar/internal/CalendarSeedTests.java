package org.xinfang.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.support.XinfangTest;

/**
 * The calendar shipped by migration V4 agrees, day by day, with the official arrangements typed in
 * independently in {@link HolidayCalendarTests}, and the database-backed {@link DueDates} gives the same
 * answers as the pure arithmetic.
 */
@XinfangTest
class CalendarSeedTests {

	@Autowired
	DueDates dueDates;

	@Test
	void seededCalendarMatchesTheOfficialArrangementsEveryDayOf2024To2026() {
		LocalDate.of(2024, 1, 1).datesUntil(LocalDate.of(2027, 1, 1)).forEach(day -> assertThat(
				dueDates.isWorkingDay(day)).as(day.toString()).isEqualTo(HolidayCalendarTests.CALENDAR.isWorkingDay(day)));
	}

	@Test
	void ruleDueDateUsesTheRuleAmountAndUnit() {
		// RETURN_BY_UNIT is 5 working days: from Thu 2026-02-12: Fri 13, Sat 14 (make-up), Tue 24, Wed 25, Thu 26
		assertThat(dueDates.rule("RETURN_BY_UNIT").unit()).isEqualTo(PeriodUnit.WORKING_DAYS);
		assertThat(dueDates.dueDate("RETURN_BY_UNIT", LocalDate.of(2026, 2, 12))).isEqualTo(LocalDate.of(2026, 2, 26));
		// TRIAGE is 15 calendar days: 2026-02-01 + 15 = 02-16 (holiday) -> Tue 02-24
		assertThat(dueDates.dueDate("TRIAGE", LocalDate.of(2026, 2, 1))).isEqualTo(LocalDate.of(2026, 2, 24));
	}
}
