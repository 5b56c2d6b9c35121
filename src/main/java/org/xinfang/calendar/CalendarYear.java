package org.xinfang.calendar;

import java.util.List;

/**
 * A year of the holiday calendar: its exceptional days and whether an administrator has marked its official
 * data as complete. Due dates are only computed across years whose data is complete.
 */
public record CalendarYear(int year, boolean complete, String note, List<CalendarDay> days) {
}
