package org.xinfang.documents;

/**
 * Prints an {@link OfficialLetter} as a PDF with the same layout and embedded Chinese font as the notices of
 * {@link OfficialDocuments}, so that every official document of the system looks alike.
 */
public interface LetterPrinter {

	byte[] print(OfficialLetter letter);

	/** A date as printed on official documents: 2026年3月4日. */
	static String chineseDate(java.time.LocalDate date) {
		return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
	}
}
