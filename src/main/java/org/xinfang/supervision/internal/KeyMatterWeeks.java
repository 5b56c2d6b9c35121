package org.xinfang.supervision.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The weekly reporting rule of a key matter (DOMAIN §6). Weeks run Monday to Sunday in Asia/Shanghai. A week
 * is due when it starts on or after the day the matter was marked key — a week already under way at marking
 * is not counted, the leader has not had it whole — and it is missing once it has ended (today is past its
 * Sunday) without a report.
 */
final class KeyMatterWeeks {

	private KeyMatterWeeks() {
	}

	static LocalDate weekOf(LocalDate day) {
		return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	/** The Monday of the first week due for a matter marked on that day. */
	static LocalDate firstDue(LocalDate markedOn) {
		return markedOn.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
	}

	/** The Monday of the last week that has ended by {@code today}. */
	static LocalDate lastEnded(LocalDate today) {
		return weekOf(today).minusWeeks(1);
	}

	/** The weeks ended by {@code today} since marking without a report, oldest first. */
	static List<LocalDate> missing(LocalDate markedOn, LocalDate today, Collection<LocalDate> reported) {
		List<LocalDate> missing = new ArrayList<>();
		LocalDate last = lastEnded(today);
		for (LocalDate w = firstDue(markedOn); !w.isAfter(last); w = w.plusWeeks(1)) {
			if (!reported.contains(w)) {
				missing.add(w);
			}
		}
		return missing;
	}
}
