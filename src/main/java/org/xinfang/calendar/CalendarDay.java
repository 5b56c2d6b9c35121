package org.xinfang.calendar;

import java.time.LocalDate;

/** One exceptional date of the holiday calendar, e.g. 2026-02-14 MAKEUP_WORKDAY 春节调休上班. */
public record CalendarDay(LocalDate day, DayKind kind, String nameZh) {
}
