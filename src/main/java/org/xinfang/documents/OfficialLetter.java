package org.xinfang.documents;

import java.util.List;
import java.util.Objects;

/**
 * A document laid out like the notices (red masthead of the issuing unit, number, title, addressee, body,
 * signature and date), for records that other modules keep themselves — supervision's interview notices,
 * problem lists, accountability recommendations. Not numbered nor stored here: the caller names its number.
 *
 * @param addressee printed before a colon above the body (主送); null for a record without one (约谈记录)
 * @param date the date under the signature, as printed (2026年3月4日)
 */
public record OfficialLetter(String issuingUnit, String number, String title, String addressee,
		List<String> paragraphs, String date) {

	public OfficialLetter {
		Objects.requireNonNull(issuingUnit, "issuingUnit");
		Objects.requireNonNull(title, "title");
		paragraphs = List.copyOf(paragraphs);
	}
}
