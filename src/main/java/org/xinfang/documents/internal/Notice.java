package org.xinfang.documents.internal;

import java.util.List;

/**
 * One notice as it is laid out, top to bottom: the issuing unit in red (版头), the document number, the title,
 * the addressee (主送), the body paragraphs, the issuing unit and date as signature, and the optional note
 * on disclosure (附注).
 */
record Notice(String issuingUnit, String number, String title, String addressee, List<String> paragraphs,
		String date, String disclosure) {
}
