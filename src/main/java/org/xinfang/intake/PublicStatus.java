package org.xinfang.intake;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the petitioner sees of their own matter (DOMAIN §9): status, handling unit, deadlines, public
 * timeline events and delivered documents. Staff names are not shown.
 */
public record PublicStatus(String trackingCode, MatterStatus status, String statusLabel, String handlingUnit,
		OffsetDateTime receivedAt, List<Deadline> deadlines, List<PublicEvent> timeline, List<Document> documents,
		List<String> allowedActions) {

	public PublicStatus {
		documents = documents == null ? List.of() : List.copyOf(documents);
	}

	/**
	 * The same status with the delivered documents; {@code intake} does not know documents (the documents
	 * module depends on intake), so the portal adds them.
	 */
	public PublicStatus withDocuments(List<Document> delivered) {
		return new PublicStatus(trackingCode, status, statusLabel, handlingUnit, receivedAt, deadlines, timeline,
				delivered, allowedActions);
	}

	public record PublicEvent(OffsetDateTime at, String type, String label, String note) {
	}

	/**
	 * A delivered document (notice, opinion). {@code url} is where the public API serves its PDF (with the
	 * {@code X-Query-Secret} header).
	 */
	public record Document(long id, String title, String number, LocalDate issuedOn, String url) {
	}
}
