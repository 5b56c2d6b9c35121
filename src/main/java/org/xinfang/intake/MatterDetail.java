package org.xinfang.intake;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A matter as staff see it.
 *
 * <p>{@code identityProtected}: a report, or the concerned unit is the one complained about
 * ({@code concernedUnitComplainedAbout}). On such a matter {@code identityMasked} is true for every staff
 * member: the petitioners are shown as {@code ***} without contact details, the attachments are withheld, and
 * the petitioners' names, numbers and addresses are replaced by {@code ***} wherever they occur in the title,
 * the content and the timeline notes. {@code identityRevealable} says this user may reveal the identity
 * through {@link IdentityReveals} (an authorised role outside the complained-about unit), each reveal audited.
 */
public record MatterDetail(long id, String trackingCode, Channel channel, Kind kind, MatterStatus status,
		String statusLabel, String title, String content, String categoryCode, String categoryName,
		UnitRef concernedUnit, boolean concernedUnitComplainedAbout, UnitRef receivingUnit, LocalDate receivedOn,
		OffsetDateTime receivedAt, String registeredBy, int headcount, String sourceBody, String sourceReference,
		Long repeatOfId, int repeatCount, boolean identityProtected, boolean identityMasked,
		boolean identityRevealable, List<PetitionerView> petitioners, List<Deadline> deadlines,
		List<TimelineEntry> timeline, List<AttachmentInfo> attachments, List<String> allowedActions, int version) {

	public record UnitRef(String code, String name) {
	}

	public record PetitionerView(int ordinal, String name, String phone, String idNumber, String address,
			String email, boolean representative) {
	}
}
