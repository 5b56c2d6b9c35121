package org.xinfang.intake;

import java.time.LocalDate;
import java.util.List;

/**
 * One page of matters. ID numbers are always masked here (PIPL: minimal display); on a protected matter
 * ({@code identityMasked}) the petitioner is {@code ***}, without ID number, and the title is shown without
 * the petitioners' identity.
 *
 * @param total the number of matters in the list; when {@code totalExact} is false, a lower bound: a list is
 *     counted only up to a limit (1,000), because counting further means reading every matching row — at a million
 *     matters, seconds for a county's list or for every matter that contains a common word
 */
public record MatterPage(List<Summary> items, int page, int size, long total, boolean totalExact) {

	public MatterPage(List<Summary> items, int page, int size, long total) {
		this(items, page, size, total, true);
	}

	public int pages() {
		return (int) ((total + size - 1) / size);
	}

	public record Summary(long id, String trackingCode, Channel channel, Kind kind, MatterStatus status,
			String statusLabel, String title, LocalDate receivedOn, String receivingUnit, String concernedUnit,
			String petitioner, String idNumber, int headcount, int repeatCount, Deadline nextDeadline,
			boolean identityMasked) {
	}
}
