package org.xinfang.intake;

import java.time.LocalDate;
import java.util.Optional;
import org.xinfang.calendar.PeriodUnit;

/**
 * The deadlines of a matter (table {@code matter_deadline}, owned by intake), for every module that opens or
 * moves one. A period that reaches a year without holiday data never fails the step that opens it: the
 * deadline is recorded as <em>pending</em> (no due date, but its start, amount and unit), and
 * {@link #settlePending()} computes it once an administrator has entered the year (DOMAIN §5: refused,
 * never guessed — here "refused" means "not yet computed", the step itself goes on).
 */
public interface MatterDeadlines {

	/**
	 * Opens, or opens again, the deadline of the period rule counted from {@code start}: not met, not noticed
	 * overdue, without earlier additions.
	 *
	 * @param obligation false for a window given to the petitioner, which is never overdue
	 * @return the due date, or empty when it is pending
	 */
	Optional<LocalDate> open(long matterId, String rule, LocalDate start, boolean obligation);

	/**
	 * Moves an open deadline on by {@code amount} units counted from its due date, e.g. an approved extension
	 * (Regulation Art. 34) or the days of a hearing (Art. 36). While the deadline is pending, the addition is
	 * kept and applied when it settles.
	 *
	 * @param cause {@code EXTENSION} or {@code HEARING}
	 * @return the new due date, or empty when it is pending
	 */
	Optional<LocalDate> extend(long matterId, String rule, int amount, PeriodUnit unit, String cause);

	/**
	 * Computes every pending deadline whose years now have holiday data, each exactly once (also when two
	 * instances run at once), with a timeline entry and an audit entry.
	 *
	 * @return how many deadlines were settled
	 */
	int settlePending();
}
