package org.xinfang.supervision.web;

import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.supervision.ProblemLists;
import org.xinfang.supervision.ProblemLists.Draft;
import org.xinfang.supervision.ProblemLists.ItemInput;
import org.xinfang.supervision.ProblemLists.ProblemList;
import org.xinfang.supervision.ProblemLists.Summary;

/**
 * Problem lists (问题清单, DOMAIN §6); the rules are on {@link ProblemLists}. Drafting, issuing and verifying
 * are the supervisors' and leaders' (others 403); reporting an item's rectification is the unit's; a list
 * outside the user's subtree is 404; a step not possible in the present status 409
 * ({@code problem-list-status}, {@code problem-item-status}); bad fields 400.
 * <ul>
 * <li>{@code POST /api/v1/problem-lists} {@code {unitCode, title, inspection, items: [{kind: IRREGULAR | LATE
 * | INCOMPLETE, problem, matter, requirement, dueOn}]}} → 201 (DRAFT);
 * <li>{@code POST …/{listId}/items} adds an item to a draft; {@code POST …/{listId}/issue} issues it;
 * <li>{@code POST …/{listId}/items/{itemId}/report} {@code {rectification}} by the unit;
 * {@code …/accept}; {@code …/reject} {@code {reason}} sends it back to the unit; the list closes when every
 * item is accepted;
 * <li>{@code GET …/{listId}/document.pdf}: the 问题清单 once issued;
 * <li>{@code GET /api/v1/problem-lists?unit=CODE&from=&to=}: the subtree's lists with item and overdue counts.
 * </ul>
 */
@RestController
class ProblemListApi {

	private final ProblemLists lists;

	ProblemListApi(ProblemLists lists) {
		this.lists = lists;
	}

	@PostMapping("/api/v1/problem-lists")
	@ResponseStatus(HttpStatus.CREATED)
	ProblemList draft(@RequestBody Draft body) {
		return lists.draft(body);
	}

	@GetMapping("/api/v1/problem-lists")
	List<Summary> list(@RequestParam(required = false) String unit, @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
		return lists.list(unit, from, to);
	}

	@GetMapping("/api/v1/problem-lists/{listId}")
	ProblemList find(@PathVariable long listId) {
		return lists.find(listId);
	}

	@PostMapping("/api/v1/problem-lists/{listId}/items")
	ProblemList addItem(@PathVariable long listId, @RequestBody ItemInput body) {
		return lists.addItem(listId, body);
	}

	@PostMapping("/api/v1/problem-lists/{listId}/issue")
	ProblemList issue(@PathVariable long listId) {
		return lists.issue(listId);
	}

	@PostMapping("/api/v1/problem-lists/{listId}/items/{itemId}/report")
	ProblemList report(@PathVariable long listId, @PathVariable long itemId, @RequestBody TextBody body) {
		return lists.reportItem(listId, itemId, body.rectification());
	}

	@PostMapping("/api/v1/problem-lists/{listId}/items/{itemId}/accept")
	ProblemList accept(@PathVariable long listId, @PathVariable long itemId) {
		return lists.acceptItem(listId, itemId);
	}

	@PostMapping("/api/v1/problem-lists/{listId}/items/{itemId}/reject")
	ProblemList reject(@PathVariable long listId, @PathVariable long itemId, @RequestBody(required = false) TextBody body) {
		return lists.rejectItem(listId, itemId, body == null ? null : body.reason());
	}

	@GetMapping(path = "/api/v1/problem-lists/{listId}/document.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> pdf(@PathVariable long listId) {
		return SupervisionPdf.of("问题清单-" + listId, lists.pdf(listId));
	}

	record TextBody(String rectification, String reason) {
	}
}
