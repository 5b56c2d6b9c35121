package org.xinfang.documents;

import java.util.List;

/**
 * The written notices of the petition procedure (DOMAIN §5), each with its Chinese title, the mark it carries
 * in its document number ({@code 清卫信受〔2026〕12号}) and the {@link DocumentRequest#fields() fields} it needs.
 *
 * <p>Fields every type accepts: {@code disclosure} ({@code PUBLIC} → 此件公开, {@code NOT_PUBLIC} → 此件不公开,
 * absent → no line). Dates are ISO ({@code 2026-11-22}).
 */
public enum DocumentType {

	/**
	 * Fields: {@code receivedOn}, and {@code dueOn} (the handling deadline, computed by the caller) or, while
	 * that date waits for holiday data, {@code handlingDays} (the period, quoted as "自受理之日起N日内").
	 */
	ACCEPTANCE_NOTICE("受理告知书", "受", List.of("receivedOn")),

	/** Fields: {@code receivedOn}, {@code reason}; optional {@code route} (where to turn instead). */
	NON_ACCEPTANCE_NOTICE("不予受理告知书", "不受", List.of("receivedOn", "reason")),

	/** Fields: {@code receivedOn}, {@code reason}; optional {@code priorDocument} (the re-review opinion). */
	NO_FURTHER_ACCEPTANCE_NOTICE("不再受理告知书", "不再受", List.of("receivedOn", "reason")),

	/**
	 * Fields: {@code reason}, and {@code newDueOn} or, while that date waits for holiday data,
	 * {@code extensionDays}. Regulation Art. 34.
	 */
	EXTENSION_NOTICE("延期告知书", "延", List.of("reason")),

	/**
	 * Fields: {@code outcome} ({@code SUPPORTED | PARTLY_SUPPORTED | NOT_SUPPORTED | EXPLAINED}), {@code text},
	 * {@code reviewBody} (to whom a review is requested, Art. 35); optional {@code requestDays} (default 30).
	 */
	HANDLING_OPINION("处理意见书", "处", List.of("outcome", "text", "reviewBody")),

	/**
	 * Fields: {@code outcome} ({@code UPHOLD | CHANGE | REDO}), {@code text}, {@code rereviewBody} (to whom a
	 * re-review is requested, Art. 36); optional {@code requestDays} (default 30), {@code priorDocument}.
	 */
	REVIEW_OPINION("复查意见书", "复查", List.of("outcome", "text", "rereviewBody")),

	/**
	 * Fields: {@code outcome} ({@code UPHOLD | CHANGE | REDO}), {@code text}; optional {@code priorDocument}.
	 * Carries the finality statement of Art. 36.
	 */
	REREVIEW_OPINION("复核意见书", "复核", List.of("outcome", "text"));

	private final String title;

	private final String numberMark;

	private final List<String> requiredFields;

	DocumentType(String title, String numberMark, List<String> requiredFields) {
		this.title = title;
		this.numberMark = numberMark;
		this.requiredFields = requiredFields;
	}

	/** The Chinese title printed on the document, e.g. 受理告知书. */
	public String title() {
		return title;
	}

	/** The type's mark between the unit's prefix and the year in a document number (受, 延, 复查 …). */
	public String numberMark() {
		return numberMark;
	}

	public List<String> requiredFields() {
		return requiredFields;
	}
}
