package org.xinfang.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xinfang.calendar.PeriodUnit.CALENDAR_DAYS;
import static org.xinfang.calendar.PeriodUnit.WORKING_DAYS;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xinfang.calendar.CalendarDataMissingException;
import org.xinfang.calendar.DayKind;
import org.xinfang.calendar.PeriodUnit;

/**
 * Due-date arithmetic over the official 2024–2026 arrangements, typed in again here (not read from the
 * migration) so that a wrong seed row and a wrong rule cannot hide each other. Each expected date was
 * worked out by hand; the comment after it gives the count.
 */
class HolidayCalendarTests {

	static final HolidayCalendar CALENDAR = official();

	@ParameterizedTest(name = "{0} + {1} {2} = {3}: {4}")
	@CsvSource(textBlock = """
			# --- ordinary weeks (2026-03-09 is a Monday)
			2026-03-09 | 1 | CALENDAR_DAYS | 2026-03-10 | Tue, working
			2026-03-01 | 6 | CALENDAR_DAYS | 2026-03-09 | Sat 03-07 is a rest day -> Mon 03-09
			2026-03-06 | 1 | WORKING_DAYS | 2026-03-09 | Fri start; Sat/Sun skipped -> Mon
			2026-03-09 | 5 | WORKING_DAYS | 2026-03-16 | Tue..Fri = 4, Mon 03-16 = 5
			# --- 2026 Spring Festival: off Sun 02-15 .. Mon 02-23, make-up work Sat 02-14 and Sat 02-28
			2026-02-01 | 15 | CALENDAR_DAYS | 2026-02-24 | 02-16 is a holiday; 02-17..23 too -> Tue 02-24
			2026-02-13 | 15 | CALENDAR_DAYS | 2026-02-28 | lands on Sat 02-28, a make-up working day: stays
			2026-02-09 | 5 | WORKING_DAYS | 2026-02-14 | Tue10 Wed11 Thu12 Fri13, Sat14 (make-up) = 5
			2026-02-12 | 5 | WORKING_DAYS | 2026-02-26 | Fri13, Sat14, [15..23 off], Tue24, Wed25, Thu26
			2026-02-24 | 5 | WORKING_DAYS | 2026-03-02 | Wed25 Thu26 Fri27 Sat28 (make-up), Sun off, Mon 03-02
			2026-02-15 | 1 | WORKING_DAYS | 2026-02-24 | start inside the holiday: first working day after it
			2026-02-07 | 15 | CALENDAR_DAYS | 2026-02-24 | 02-22 Sun inside the holiday -> Tue 02-24
			# --- 2026 Mid-Autumn Fri 09-25..Sun 09-27; National Day Thu 10-01..Wed 10-07; make-up Sun 09-20, Sat 10-10
			2026-09-16 | 15 | CALENDAR_DAYS | 2026-10-08 | 10-01 holiday -> Thu 10-08
			2026-08-02 | 60 | CALENDAR_DAYS | 2026-10-08 | Aug has 31 days: 08-02 + 60 = 10-01 -> 10-08
			2026-10-01 | 15 | CALENDAR_DAYS | 2026-10-16 | start on a holiday is not counted anyway: Fri 10-16
			2026-09-22 | 5 | CALENDAR_DAYS | 2026-09-28 | Sun 09-27 Mid-Autumn -> Mon 09-28
			2026-09-05 | 15 | CALENDAR_DAYS | 2026-09-20 | lands on Sun 09-20, a make-up working day: stays
			2026-09-17 | 3 | WORKING_DAYS | 2026-09-21 | Fri18, Sat19 off, Sun20 (make-up), Mon21
			2026-09-28 | 5 | WORKING_DAYS | 2026-10-10 | Tue29 Wed30, [10-01..07 off], Thu8 Fri9 Sat10 (make-up)
			2026-09-24 | 2 | WORKING_DAYS | 2026-09-29 | Fri25..Sun27 holiday, Mon28, Tue29
			# --- 2026 New Year: off Thu 01-01..Sat 01-03, make-up Sun 01-04
			2025-12-29 | 5 | WORKING_DAYS | 2026-01-06 | Tue30 Wed31, [01-01..03 off], Sun04 (make-up), Mon05, Tue06
			2025-12-20 | 15 | CALENDAR_DAYS | 2026-01-04 | lands on Sun 01-04, a make-up working day
			# --- 2026 Labour Day Fri 05-01..Tue 05-05, make-up Sat 05-09
			2026-04-16 | 15 | CALENDAR_DAYS | 2026-05-06 | 05-01 holiday -> Wed 05-06
			2026-05-06 | 3 | WORKING_DAYS | 2026-05-09 | Thu7 Fri8 Sat9 (make-up)
			# --- 2025 Spring Festival: off Tue 01-28..Tue 02-04, make-up Sun 01-26 and Sat 02-08
			2025-01-15 | 15 | CALENDAR_DAYS | 2025-02-05 | 01-30 holiday -> Wed 02-05
			2025-01-23 | 5 | WORKING_DAYS | 2025-02-06 | Fri24, Sat25 off, Sun26 (make-up), Mon27, [28..02-04], Wed5, Thu6
			2025-02-04 | 5 | WORKING_DAYS | 2025-02-10 | Wed5 Thu6 Fri7 Sat8 (make-up), Sun9 off, Mon10
			2025-01-11 | 15 | CALENDAR_DAYS | 2025-01-26 | lands on Sun 01-26, a make-up working day
			# --- 2025 National Day + Mid-Autumn: off Wed 10-01..Wed 10-08, make-up Sun 09-28 and Sat 10-11
			2025-09-01 | 30 | CALENDAR_DAYS | 2025-10-09 | 10-01 holiday -> Thu 10-09
			2025-09-25 | 3 | WORKING_DAYS | 2025-09-29 | Fri26, Sat27 off, Sun28 (make-up), Mon29
			2025-09-29 | 4 | WORKING_DAYS | 2025-10-11 | Tue30, [10-01..08], Thu9, Fri10, Sat11 (make-up)
			# --- 2025 Labour Day Thu 05-01..Mon 05-05 (make-up Sun 04-27); Dragon Boat Sat 05-31..Mon 06-02
			2025-04-16 | 15 | CALENDAR_DAYS | 2025-05-06 | 05-01 holiday -> Tue 05-06
			2025-04-25 | 1 | WORKING_DAYS | 2025-04-27 | Fri25 start, Sat26 off, Sun27 (make-up)
			2025-05-16 | 15 | CALENDAR_DAYS | 2025-06-03 | Sat 05-31 holiday..Mon 06-02 -> Tue 06-03
			# --- 2024 Spring Festival: off Sat 02-10..Sat 02-17, make-up Sun 02-04 and Sun 02-18
			2024-02-01 | 15 | CALENDAR_DAYS | 2024-02-18 | 02-16 holiday; the next day is Sun 02-18, a make-up working day
			2024-02-01 | 3 | WORKING_DAYS | 2024-02-05 | Fri2, Sat3 off, Sun4 (make-up), Mon5
			2024-02-08 | 2 | WORKING_DAYS | 2024-02-18 | Fri9, [10..17 off], Sun18 (make-up)
			# --- 2024 Mid-Autumn Sun 09-15..Tue 09-17 (make-up Sat 09-14); National Day Tue 10-01..Mon 10-07
			# --- (make-up Sun 09-29 and Sat 10-12)
			2024-08-02 | 60 | CALENDAR_DAYS | 2024-10-08 | 08-02 + 60 = 10-01 -> Tue 10-08
			2024-10-08 | 5 | WORKING_DAYS | 2024-10-14 | Wed9 Thu10 Fri11 Sat12 (make-up), Sun13 off, Mon14
			2024-09-13 | 1 | WORKING_DAYS | 2024-09-14 | Sat 09-14 make-up
			2024-09-01 | 15 | CALENDAR_DAYS | 2024-09-18 | Mon 09-16 Mid-Autumn, Tue 17 too -> Wed 09-18
			2024-04-01 | 3 | CALENDAR_DAYS | 2024-04-07 | Thu 04-04 Qingming..Sat 04-06 -> Sun 04-07 (make-up)
			# --- year ends with data on both sides
			2024-12-20 | 15 | CALENDAR_DAYS | 2025-01-06 | Sat 2025-01-04, Sun 01-05 -> Mon 01-06
			2024-12-25 | 7 | CALENDAR_DAYS | 2025-01-02 | Wed 01-01 New Year -> Thu 01-02
			2023-12-25 | 7 | CALENDAR_DAYS | 2024-01-02 | only 2024 days are looked at: Mon 01-01 holiday -> Tue 01-02
			2026-12-10 | 15 | CALENDAR_DAYS | 2026-12-25 | Fri, working; 2027 never looked at
			2026-12-16 | 15 | CALENDAR_DAYS | 2026-12-31 | Thu 12-31, working
			""", delimiter = '|')
	void dueDateFollowsCivilCodeCounting(LocalDate start, int amount, PeriodUnit unit, LocalDate expected,
			String reasoning) {
		assertThat(CALENDAR.dueDate(start, amount, unit)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} + {1} {2} needs {3}: {4}")
	@CsvSource(textBlock = """
			2026-12-20 | 15 | CALENDAR_DAYS | 2027 | 12-20 + 15 = 2027-01-04
			2026-12-30 | 2 | WORKING_DAYS | 2027 | Thu 12-31 = 1, then 2027-01-01 is unknown
			2023-12-01 | 10 | CALENDAR_DAYS | 2023 | 2023-12-11 is in a year without data
			2023-12-28 | 3 | WORKING_DAYS | 2023 | Fri 2023-12-29 must be looked at
			""", delimiter = '|')
	void periodReachingAYearWithoutDataIsRefused(LocalDate start, int amount, PeriodUnit unit, int missingYear,
			String reasoning) {
		assertThatThrownBy(() -> CALENDAR.dueDate(start, amount, unit))
			.isInstanceOfSatisfying(CalendarDataMissingException.class,
					e -> assertThat(e.properties()).containsEntry("year", missingYear));
	}

	@ParameterizedTest(name = "{0} working: {1} {2}")
	@CsvSource(textBlock = """
			2026-02-13 | true | Fri before the Spring Festival
			2026-02-14 | true | Sat make-up working day
			2026-02-15 | false | Sun, holiday
			2026-02-16 | false | Mon, holiday
			2026-02-23 | false | Mon, last holiday
			2026-02-24 | true | 
			2026-02-28 | true | Sat make-up
			2026-03-07 | false | ordinary Saturday
			2026-03-08 | false | ordinary Sunday
			2026-09-20 | true | Sun make-up
			2026-10-07 | false | 
			2026-10-10 | true | Sat make-up
			2026-10-11 | false | 
			2025-10-08 | false | eighth day of the 2025 National Day + Mid-Autumn break (Wed)
			2024-06-10 | false | Dragon Boat Festival (Mon)
			""", delimiter = '|')
	void workingDayIsAWeekdayOrAMakeUpDayAndNeverAHoliday(LocalDate day, boolean working, String why) {
		assertThat(CALENDAR.isWorkingDay(day)).isEqualTo(working);
	}

	@Test
	void isWorkingDayOfAYearWithoutDataIsRefused() {
		assertThatThrownBy(() -> CALENDAR.isWorkingDay(LocalDate.of(2027, 3, 1)))
			.isInstanceOf(CalendarDataMissingException.class);
	}

	@Test
	void aMarkedYearWithoutExceptionsCountsPlainWeekends() {
		HolidayCalendar bare = new HolidayCalendar(Map.of(), Set.of(2030));
		// 2030-01-04 is a Friday; 2 working days: Mon 01-07, Tue 01-08
		assertThat(bare.dueDate(LocalDate.of(2030, 1, 4), 2, WORKING_DAYS)).isEqualTo(LocalDate.of(2030, 1, 8));
	}

	@Test
	void amountOutsideOneToTenYearsIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CALENDAR.dueDate(LocalDate.of(2026, 3, 2), 0, CALENDAR_DAYS));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CALENDAR.dueDate(LocalDate.of(2026, 3, 2), HolidayCalendar.MAX_AMOUNT + 1, CALENDAR_DAYS));
	}

	/** The State Council arrangements for 2024, 2025 and 2026, as published. */
	static HolidayCalendar official() {
		Map<LocalDate, DayKind> days = new HashMap<>();
		holidays(days, "2024-01-01", "2024-01-01");
		holidays(days, "2024-02-10", "2024-02-17");
		holidays(days, "2024-04-04", "2024-04-06");
		holidays(days, "2024-05-01", "2024-05-05");
		holidays(days, "2024-06-10", "2024-06-10");
		holidays(days, "2024-09-15", "2024-09-17");
		holidays(days, "2024-10-01", "2024-10-07");
		makeUp(days, "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
				"2024-10-12");
		holidays(days, "2025-01-01", "2025-01-01");
		holidays(days, "2025-01-28", "2025-02-04");
		holidays(days, "2025-04-04", "2025-04-06");
		holidays(days, "2025-05-01", "2025-05-05");
		holidays(days, "2025-05-31", "2025-06-02");
		holidays(days, "2025-10-01", "2025-10-08");
		makeUp(days, "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11");
		holidays(days, "2026-01-01", "2026-01-03");
		holidays(days, "2026-02-15", "2026-02-23");
		holidays(days, "2026-04-04", "2026-04-06");
		holidays(days, "2026-05-01", "2026-05-05");
		holidays(days, "2026-06-19", "2026-06-21");
		holidays(days, "2026-09-25", "2026-09-27");
		holidays(days, "2026-10-01", "2026-10-07");
		makeUp(days, "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
		return new HolidayCalendar(days, Set.of(2024, 2025, 2026));
	}

	private static void holidays(Map<LocalDate, DayKind> days, String first, String last) {
		LocalDate.parse(first).datesUntil(LocalDate.parse(last).plusDays(1)).forEach(d -> days.put(d, DayKind.HOLIDAY));
	}

	private static void makeUp(Map<LocalDate, DayKind> days, String... dates) {
		for (String d : dates) {
			days.put(LocalDate.parse(d), DayKind.MAKEUP_WORKDAY);
		}
	}
}
