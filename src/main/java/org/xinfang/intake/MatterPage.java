package org.xinfang.intake;

import java.time.LocalDate;
import java.util.List;

/**
 * One page of matters, newest first. ID numbers are always masked here (PIPL: minimal display).
 *
 * @param total the number of matters in the list; when {@code totalExact} is false, a lower bound: a text search
 *     is counted only up to a limit, because counting every match of a common word means reading every matching
 *     row (the index cannot check where in the text a word stands), which at a million matters takes seconds
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
			String petitioner, String idNumber, int headcount, int repeatCount, Deadline nextDeadline) {
	}
}
