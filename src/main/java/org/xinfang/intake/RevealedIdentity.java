package org.xinfang.intake;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A protected matter's petitioners and materials, revealed to one authorised user for one reason. It is
 * returned for this response only and never stored in a session; {@code revealId} lets the same user download
 * the listed attachments and the matter's documents until {@code validUntil} ({@code ?reveal=<revealId>}),
 * each download audited.
 */
public record RevealedIdentity(long revealId, long matterId, String trackingCode, String reason,
		OffsetDateTime revealedAt, OffsetDateTime validUntil, List<MatterDetail.PetitionerView> petitioners,
		List<AttachmentInfo> attachments) {
}
