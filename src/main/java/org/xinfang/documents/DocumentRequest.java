package org.xinfang.documents;

import java.time.LocalDate;
import java.util.Map;

/**
 * What to print on one notice. The type decides which {@code fields} are required (see {@link DocumentType});
 * a missing or malformed one is refused naming it as {@code fields.<name>}.
 *
 * @param issuingUnitCode the unit that issues the notice; its name heads and signs it, its prefix and
 *     counter number it
 * @param addressee the petitioner(s) addressed, as printed before the colon (张三)
 * @param matterTitle the matter as the petitioner raised it, quoted in the body
 */
public record DocumentRequest(long matterId, DocumentType type, String issuingUnitCode, String addressee,
		String matterTitle, LocalDate issuedOn, Map<String, String> fields) {

	public DocumentRequest {
		fields = fields == null ? Map.of() : Map.copyOf(fields);
	}
}
