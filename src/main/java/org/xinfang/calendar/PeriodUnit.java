package org.xinfang.calendar;

public enum PeriodUnit {
	CALENDAR_DAYS, WORKING_DAYS
}
