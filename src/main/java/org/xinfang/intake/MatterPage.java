package org.xinfang.intake;

import java.time.LocalDate;
import java.util.List;

/**
 * One page of matters. ID numbers are always masked here (PIPL: minimal display); on a protected matter
 * ({@code identityMasked}) the petitioner is {@code ***}, without ID number, and the title is shown without
 * the petitioners' identity.
 */
public record MatterPage(List<Summary> items, int page, int size, long total) {

	public int pages() {
		return (int) ((total + size - 1) / size);
	}

	public record Summary(long id, String trackingCode, Channel channel, Kind kind, MatterStatus status,
			String statusLabel, String title, LocalDate receivedOn, String receivingUnit, String concernedUnit,
			String petitioner, String idNumber, int headcount, int repeatCount, Deadline nextDeadline,
			boolean identityMasked) {
	}
}
