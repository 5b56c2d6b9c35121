package org.xinfang.documents;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Lays out any official letter — not only the notices of the petition procedure — the way {@link OfficialDocuments}
 * lays out its notices (GB/T 9704-2012: issuing unit in red above a red rule, number, title, addressee, body,
 * signature and date), with the same embedded Chinese font. For modules that number and keep their own
 * documents, such as supervision's 交办单, 督办提醒函 and 挂牌督办通知书: one layout and one font setting for
 * every document the system issues.
 */
public interface OfficialLetters {

	/** The PDF of the letter; nothing is stored or numbered here. */
	byte[] render(Letter letter);

	/**
	 * The unit's abbreviation used in document numbers (机关代字, as set with
	 * {@link OfficialDocuments#usePrefix}), or its code when none is set.
	 */
	String numberPrefix(long unitId);

	/** A date as printed on official documents: 2026年3月4日. */
	static String chineseDate(LocalDate date) {
		return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
	}

	/**
	 * @param issuingUnit the name in the masthead and the signature
	 * @param number the document number; null or empty for a record without one
	 * @param addressee printed before the colon, e.g. the unit written to; null for a record without one (约谈记录)
	 * @param paragraphs the body, each indented two characters
	 */
	record Letter(String issuingUnit, String number, String title, String addressee, List<String> paragraphs,
			LocalDate date) {

		public Letter {
			Objects.requireNonNull(issuingUnit, "issuingUnit");
			Objects.requireNonNull(title, "title");
			number = number == null ? "" : number;
			paragraphs = List.copyOf(paragraphs);
		}
	}
}
