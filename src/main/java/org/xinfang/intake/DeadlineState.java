package org.xinfang.intake;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How a deadline stands today (DOMAIN §5): on track, due soon (a configurable number of days), overdue; or
 * met; or pending — its period reaches a year without holiday data, so there is no due date yet.
 */
public enum DeadlineState {
	ON_TRACK, DUE_SOON, OVERDUE, MET, PENDING;

	/** A period ends at 24:00 of its due date (Civil Code Art. 203), so the due date itself is not overdue. */
	public static DeadlineState of(LocalDate dueDate, LocalDate metOn, LocalDate today, int dueSoonDays) {
		if (metOn != null) {
			return MET;
		}
		if (dueDate == null) {
			return PENDING;
		}
		if (today.isAfter(dueDate)) {
			return OVERDUE;
		}
		return ChronoUnit.DAYS.between(today, dueDate) <= dueSoonDays ? DUE_SOON : ON_TRACK;
	}
}
