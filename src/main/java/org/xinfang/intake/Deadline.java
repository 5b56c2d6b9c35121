package org.xinfang.intake;

import java.time.LocalDate;
import org.xinfang.calendar.PeriodUnit;

/**
 * A deadline of a matter: the period rule it comes from, its localised name, due date and state today.
 * A {@link DeadlineState#PENDING pending} deadline has no due date yet (its period reaches a year without
 * holiday data); {@code pending} then says what it counts and which year it waits for.
 */
public record Deadline(String rule, String name, LocalDate dueDate, LocalDate metOn, DeadlineState state,
		Pending pending) {

	public Deadline(String rule, String name, LocalDate dueDate, LocalDate metOn, DeadlineState state) {
		this(rule, name, dueDate, metOn, state, null);
	}

	/**
	 * @param countedFrom the day the period counts from (not itself counted)
	 * @param amount the period, in {@code unit}
	 * @param addedPeriods periods added while pending (an approved extension, hearing days), applied on top
	 * @param awaitingYear the first year whose holiday data is missing, or null when it was entered and the
	 *     deadline is about to be settled
	 * @param note the same, in words for the page
	 */
	public record Pending(LocalDate countedFrom, int amount, PeriodUnit unit, int addedPeriods, Integer awaitingYear,
			String note) {
	}
}
