package org.xinfang.supervision.internal;

import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.xinfang.supervision.Accountability;
import org.xinfang.supervision.Flags;
import org.xinfang.supervision.Interviews;
import org.xinfang.supervision.MeasureRefs.UnitCount;
import org.xinfang.supervision.Reminders;

/**
 * A unit's supervision record for the yearly assessment (DOMAIN §6: "all of the above feed the yearly target
 * assessment"): the measures its subtree received in a period, read through each part's own API. Scope is the
 * caller's to check.
 */
@Component
class SupervisionRecord {

	private final Reminders reminders;

	private final Flags flags;

	private final Interviews interviews;

	private final Accountability accountability;

	SupervisionRecord(Reminders reminders, Flags flags, Interviews interviews, Accountability accountability) {
		this.reminders = reminders;
		this.flags = flags;
		this.interviews = interviews;
		this.accountability = accountability;
	}

	/** Reminders, flags filed, interviews opened and accountability recommendations sent in the period. */
	int measuresReceived(long unitId, LocalDate from, LocalDate to) {
		long reminded = reminders.countByUnit(unitId, from, to).stream().mapToLong(UnitCount::count).sum();
		long flagged = flags.filedIn(unitId, from, to).size();
		long interviewed = interviews.tally(unitId, from, to, to).opened();
		Accountability.Tally recommended = accountability.tally(unitId, from, to);
		return Math.toIntExact(reminded + flagged + interviewed + recommended.improveWork()
				+ recommended.improvePolicy() + recommended.discipline());
	}
}
