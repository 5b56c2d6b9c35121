package org.xinfang.calendar.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.xinfang.calendar.CalendarDataMissingException;
import org.xinfang.calendar.DayKind;
import org.xinfang.calendar.PeriodUnit;

/**
 * The due-date arithmetic of DOMAIN §5 over an immutable snapshot of the holiday calendar, without Spring
 * or a database so it can be tested exhaustively.
 * <p>
 * Civil Code Art. 201: the start day is not counted, the period begins the next day. Art. 203: when the last
 * day of a period is a public holiday or rest day, the day after the holiday becomes the last day. Working-day
 * periods (工作日) count only working days: Monday to Friday unless a public holiday, plus the make-up working
 * days (调休上班日) declared by the State Council.
 * <p>
 * Every day the computation looks at must belong to a year whose data is complete; otherwise it fails with
 * {@link CalendarDataMissingException} rather than guessing that the unknown year has no holidays.
 */
public final class HolidayCalendar {

	/** Longest period accepted: ten years. Protects the loops against absurd input. */
	public static final int MAX_AMOUNT = 3650;

	private final Map<LocalDate, DayKind> exceptionalDays;

	private final Set<Integer> yearsWithData;

	public HolidayCalendar(Map<LocalDate, DayKind> exceptionalDays, Set<Integer> yearsWithData) {
		this.exceptionalDays = Map.copyOf(exceptionalDays);
		this.yearsWithData = Set.copyOf(yearsWithData);
	}

	public boolean isWorkingDay(LocalDate day) {
		if (!yearsWithData.contains(day.getYear())) {
			throw new CalendarDataMissingException(day.getYear());
		}
		DayKind kind = exceptionalDays.get(day);
		if (kind == DayKind.HOLIDAY) {
			return false;
		}
		if (kind == DayKind.MAKEUP_WORKDAY) {
			return true;
		}
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	public LocalDate dueDate(LocalDate start, int amount, PeriodUnit unit) {
		if (start == null || unit == null) {
			throw new IllegalArgumentException("start and unit are required");
		}
		if (amount < 1 || amount > MAX_AMOUNT) {
			throw new IllegalArgumentException("amount must be between 1 and " + MAX_AMOUNT + ": " + amount);
		}
		return switch (unit) {
			case CALENDAR_DAYS -> calendarDays(start, amount);
			case WORKING_DAYS -> workingDays(start, amount);
		};
	}

	/** Count every day; if the last one is not a working day, move to the next working day (Art. 203). */
	private LocalDate calendarDays(LocalDate start, int amount) {
		LocalDate due = start.plusDays(amount);
		while (!isWorkingDay(due)) {
			due = due.plusDays(1);
		}
		return due;
	}

	/** Count only working days after the start day; the last one counted is the due date. */
	private LocalDate workingDays(LocalDate start, int amount) {
		LocalDate day = start;
		int counted = 0;
		while (counted < amount) {
			day = day.plusDays(1);
			if (isWorkingDay(day)) {
				counted++;
			}
		}
		return day;
	}
}
