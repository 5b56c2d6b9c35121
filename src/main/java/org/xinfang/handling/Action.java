package org.xinfang.handling;

/**
 * What can be done to a matter after registration (DOMAIN §5, issue #3). The names are the API's action
 * vocabulary: {@code POST /api/v1/matters/{id}/actions/{ACTION}}.
 */
public enum Action {
	/** 交办: the receiving office assigns the matter to a unit (Regulation Art. 22). */
	ASSIGN,
	/** 转送: to another body outside our organisation. */
	FORWARD,
	/** 法定途径优先 (Art. 31): to a maintained legal route. */
	REDIRECT_LEGAL_ROUTE,
	/** 检举控告类 to the discipline-inspection body (Art. 30). */
	ROUTE_TO_DISCIPLINE,
	/** A unit returns a matter outside its remit within 5 working days, with reasons. */
	RETURN,
	/** 受理 */
	ACCEPT,
	/** 不予受理 */
	REJECT,
	/** 不再受理: the same facts and reasons were already decided to finality. */
	REJECT_FINAL,
	ASSIGN_HANDLER,
	/** A progress note, optionally ticking items of the 案清事明 checklist. */
	ADD_PROGRESS,
	/** 延期 (Art. 34): at most 30 days, once. */
	REQUEST_EXTENSION,
	APPROVE_EXTENSION,
	DENY_EXTENSION,
	/** 处理意见书 drafted by the handler. */
	DRAFT_REPLY,
	/** The unit head approves the reply; never the person who drafted it (maker-checker). */
	APPROVE_REPLY,
	SEND_BACK_REPLY,
	/** 送达: starts the evaluation and review windows. */
	DELIVER,
	/** The petitioner's evaluation (评价), once. */
	EVALUATE,
	/** 复查 (Art. 35), within 30 days of delivery. */
	REQUEST_REVIEW,
	DECIDE_REVIEW,
	/** 复核 (Art. 36), within 30 days of the review decision. */
	REQUEST_REREVIEW,
	/**
	 * A hearing (听证) held in the re-review: its days are not counted in the period to decide (Regulation
	 * Art. 36), so they push the re-review decision deadline on.
	 */
	RECORD_HEARING,
	DECIDE_REREVIEW,
	/** 办结/销号 */
	CLOSE;

	/** Actions the petitioner takes on the portal with tracking code and query secret. */
	public boolean isCitizens() {
		return this == EVALUATE || this == REQUEST_REVIEW || this == REQUEST_REREVIEW;
	}
}
