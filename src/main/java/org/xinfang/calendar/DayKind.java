package org.xinfang.calendar;

/**
 * What makes a date exceptional in the holiday calendar. Any date without a row is an ordinary day: a
 * working day Monday to Friday, a rest day on Saturday and Sunday.
 */
public enum DayKind {
	/** A public holiday (法定节假日), including the weekend days inside an official holiday block. */
	HOLIDAY,
	/** A make-up working day (调休上班日): a Saturday or Sunday declared a working day by the State Council. */
	MAKEUP_WORKDAY
}
