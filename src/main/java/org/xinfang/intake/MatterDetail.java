package org.xinfang.intake;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A matter as staff see it. {@code identityMasked} says the petitioners and attachments are withheld from
 * this user (a report about their own unit).
 */
public record MatterDetail(long id, String trackingCode, Channel channel, Kind kind, MatterStatus status,
		String statusLabel, String title, String content, String categoryCode, String categoryName,
		UnitRef concernedUnit, UnitRef receivingUnit, LocalDate receivedOn, OffsetDateTime receivedAt,
		String registeredBy, int headcount, String sourceBody, String sourceReference, Long repeatOfId,
		int repeatCount, boolean identityMasked, List<PetitionerView> petitioners, List<Deadline> deadlines,
		List<TimelineEntry> timeline, List<AttachmentInfo> attachments, List<String> allowedActions, int version) {

	public record UnitRef(String code, String name) {
	}

	public record PetitionerView(int ordinal, String name, String phone, String idNumber, String address,
			String email, boolean representative) {
	}
}
