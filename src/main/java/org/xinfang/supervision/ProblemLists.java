package org.xinfang.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Problem lists (问题清单, DOMAIN §6): a process inspection found irregular, late or incomplete handling; a
 * supervisor or leader drafts a list of items for a unit in their subtree (each: the problem, optionally the
 * matter it concerns, the requirement and the rectification due date) and issues it (PDF 问题清单). The unit's
 * staff report the rectification of each item; the supervisor verifies each report — accepted, or rejected
 * back to the unit with a reason; the list closes by itself when every item is accepted. An item not accepted
 * by its due date is overdue. Each step checks the present status (409 {@code problem-list-status}) and is
 * audited. Staff see a list when its unit lies in their subtree; anything else is "not found".
 */
public interface ProblemLists {

	enum Status {
		DRAFT, ISSUED, CLOSED
	}

	enum ItemStatus {
		OPEN, REPORTED, ACCEPTED
	}

	/** What the inspection found wrong with the handling. */
	enum Kind {
		IRREGULAR, LATE, INCOMPLETE
	}

	ProblemList draft(Draft draft);

	/** Adds an item to a draft list. */
	ProblemList addItem(long listId, ItemInput item);

	ProblemList issue(long listId);

	ProblemList reportItem(long listId, long itemId, String rectification);

	ProblemList acceptItem(long listId, long itemId);

	ProblemList rejectItem(long listId, long itemId, String reason);

	ProblemList find(long listId);

	List<Summary> list(String unitCode, LocalDate from, LocalDate to);

	/** The list as issued (问题清单), from ISSUED on. */
	byte[] pdf(long listId);

	/** Counts for the unit's subtree without a user check (dashboard, yearly assessment). */
	Tally tally(long unitId, LocalDate from, LocalDate to, LocalDate today);

	record Draft(String unitCode, String title, String inspection, List<ItemInput> items) {
	}

	/** @param matter a matter id or tracking code the user can see, or blank */
	record ItemInput(String kind, String problem, String matter, String requirement, String dueOn) {
	}

	record UnitRef(String code, String name) {
	}

	record Item(long id, int seq, Kind kind, String problem, Long matterId, String trackingCode, String requirement,
			LocalDate dueOn, ItemStatus status, boolean overdue, String rectification, String reportedBy,
			OffsetDateTime reportedAt, String verifiedBy, OffsetDateTime verifiedAt, String rejectionReason) {
	}

	record ProblemList(long id, UnitRef unit, UnitRef issuingUnit, String title, String inspection, Status status,
			LocalDate issuedOn, OffsetDateTime closedAt, List<Item> items, int overdueItems, String createdBy,
			OffsetDateTime createdAt) {
	}

	record Summary(long id, UnitRef unit, String title, Status status, LocalDate issuedOn, int items,
			int acceptedItems, int overdueItems) {
	}

	record Tally(long issued, long items, long itemsAccepted, long itemsOverdue) {
	}
}
