package org.xinfang.intake;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the petitioner sees of their own matter (DOMAIN §9): status, handling unit, deadlines, public
 * timeline events and delivered documents. Staff names are not shown.
 */
public record PublicStatus(String trackingCode, MatterStatus status, String statusLabel, String handlingUnit,
		OffsetDateTime receivedAt, List<Deadline> deadlines, List<PublicEvent> timeline, List<Document> documents,
		List<String> allowedActions) {

	public record PublicEvent(OffsetDateTime at, String type, String label, String note) {
	}

	/** A delivered document (reply, notice); none exist before the handling module delivers them. */
	public record Document(String title, String url) {
	}
}
