package org.xinfang.handling;

import java.time.LocalDate;
import java.util.List;

/** What an action carries. One record per action, so the OpenAPI document lists each body. */
public sealed interface ActionBody {

	Action action();

	record Assign(String unitCode) implements ActionBody {
		public Action action() {
			return Action.ASSIGN;
		}
	}

	/** {@code body}: the body the matter is forwarded to (转送机关). */
	record Forward(String body, String reason) implements ActionBody {
		public Action action() {
			return Action.FORWARD;
		}
	}

	record RedirectLegalRoute(String routeCode) implements ActionBody {
		public Action action() {
			return Action.REDIRECT_LEGAL_ROUTE;
		}
	}

	record RouteToDiscipline(String note) implements ActionBody {
		public Action action() {
			return Action.ROUTE_TO_DISCIPLINE;
		}
	}

	record Return(String reason) implements ActionBody {
		public Action action() {
			return Action.RETURN;
		}
	}

	record Accept(String note) implements ActionBody {
		public Action action() {
			return Action.ACCEPT;
		}
	}

	record Reject(String reason) implements ActionBody {
		public Action action() {
			return Action.REJECT;
		}
	}

	/**
	 * 不再受理 (Regulation Art. 36): lawful only when the same petitioner's earlier matter on the same facts
	 * reached finality — status FINAL, or CLOSED after a re-review that upheld or changed the opinion. That
	 * matter is found through intake's repeat link ({@code repeat_of_id}, followed back), or named here by
	 * {@code earlierTrackingCode} (optional; it must share a petitioner with this matter).
	 */
	record RejectFinal(String reason, String earlierTrackingCode) implements ActionBody {

		public RejectFinal(String reason) {
			this(reason, null);
		}

		public Action action() {
			return Action.REJECT_FINAL;
		}
	}

	record AssignHandler(String username) implements ActionBody {
		public Action action() {
			return Action.ASSIGN_HANDLER;
		}
	}

	/** {@code checklist}: items of 案清事明 found clear: PERSONS, CLAIMS, RESPONSIBILITY, WORK, PLAN. */
	record AddProgress(String note, List<ChecklistItem> checklist) implements ActionBody {
		public Action action() {
			return Action.ADD_PROGRESS;
		}
	}

	record RequestExtension(Integer days, String reason) implements ActionBody {
		public Action action() {
			return Action.REQUEST_EXTENSION;
		}
	}

	record ApproveExtension(String note) implements ActionBody {
		public Action action() {
			return Action.APPROVE_EXTENSION;
		}
	}

	record DenyExtension(String reason) implements ActionBody {
		public Action action() {
			return Action.DENY_EXTENSION;
		}
	}

	record DraftReply(ReplyOutcome outcome, String text) implements ActionBody {
		public Action action() {
			return Action.DRAFT_REPLY;
		}
	}

	record ApproveReply(String note) implements ActionBody {
		public Action action() {
			return Action.APPROVE_REPLY;
		}
	}

	record SendBackReply(String reason) implements ActionBody {
		public Action action() {
			return Action.SEND_BACK_REPLY;
		}
	}

	record Deliver(DeliveryMethod method, LocalDate deliveredOn) implements ActionBody {
		public Action action() {
			return Action.DELIVER;
		}
	}

	record Evaluate(Rating rating, String comment) implements ActionBody {
		public Action action() {
			return Action.EVALUATE;
		}
	}

	record RequestReview(String reason) implements ActionBody {
		public Action action() {
			return Action.REQUEST_REVIEW;
		}
	}

	record DecideReview(ReviewOutcome outcome, String text) implements ActionBody {
		public Action action() {
			return Action.DECIDE_REVIEW;
		}
	}

	record RequestRereview(String reason) implements ActionBody {
		public Action action() {
			return Action.REQUEST_REREVIEW;
		}
	}

	/**
	 * A hearing held in the re-review, {@code heldFrom} to {@code heldTo} inclusive, both ISO dates not after
	 * today. Its days, counted as the REREVIEW_DECISION rule counts, are added to that deadline (Art. 36).
	 */
	record RecordHearing(LocalDate heldFrom, LocalDate heldTo, String note) implements ActionBody {
		public Action action() {
			return Action.RECORD_HEARING;
		}
	}

	/**
	 * {@code hearingNote}: free text on a hearing (听证) for the opinion; the hearing's days are taken out of the
	 * period by {@link RecordHearing}.
	 */
	record DecideRereview(ReviewOutcome outcome, String text, String hearingNote) implements ActionBody {
		public Action action() {
			return Action.DECIDE_REREVIEW;
		}
	}

	record Close(String note) implements ActionBody {
		public Action action() {
			return Action.CLOSE;
		}
	}

	enum ChecklistItem {
		/** 人员清 */ PERSONS, /** 诉求清 */ CLAIMS, /** 责任清 */ RESPONSIBILITY, /** 工作清 */ WORK, /** 方案清 */ PLAN
	}

	/** 支持 / 部分支持 / 不予支持 / 解释说明 */
	enum ReplyOutcome {
		SUPPORTED, PARTLY_SUPPORTED, NOT_SUPPORTED, EXPLAINED
	}

	enum DeliveryMethod {
		IN_PERSON, POST, ELECTRONIC, PORTAL
	}

	/** 满意 / 基本满意 / 不满意 */
	enum Rating {
		SATISFIED, BASICALLY_SATISFIED, DISSATISFIED
	}

	/** 维持 / 变更 / 重新办理 */
	enum ReviewOutcome {
		UPHOLD, CHANGE, REDO
	}
}
