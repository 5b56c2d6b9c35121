package org.xinfang.documents;

import java.time.LocalDate;

/**
 * A notice as issued. {@code sha256} fingerprints the stored PDF, so a printed copy can be checked against it.
 *
 * @param deliveredOn the day it reached the petitioner (送达), null until then
 */
public record IssuedDocument(long id, long matterId, String number, DocumentType type, String title,
		LocalDate issuedOn, String sha256, LocalDate deliveredOn) {
}
