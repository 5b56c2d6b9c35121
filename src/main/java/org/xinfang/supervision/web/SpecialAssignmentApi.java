package org.xinfang.supervision.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.platform.DomainException;
import org.xinfang.supervision.SpecialAssignments;
import org.xinfang.supervision.SpecialAssignments.Assignment;
import org.xinfang.supervision.SpecialAssignments.NewAssignment;
import org.xinfang.supervision.SpecialAssignments.Step;
import org.xinfang.supervision.SpecialAssignments.Summary;

/**
 * Special assignments (专项交办, DOMAIN §6); the rules are on {@link SpecialAssignments}.
 * <ul>
 * <li>{@code POST /api/v1/special-assignments} {@code {unitCode, topic, requirements, matterIds}}: assigns
 * (supervisors; 403 otherwise; 400 naming bad fields; a unit outside the subtree is a bad {@code unitCode});
 * 201 with the three steps and their due dates ({@code null} while pending for want of holiday data).
 * <li>{@code GET /api/v1/special-assignments?unit=CODE}: the assignments of the unit's subtree.
 * <li>{@code GET /api/v1/special-assignments/{assignmentId}}: one assignment (404 outside the subtree).
 * <li>{@code POST /api/v1/special-assignments/{assignmentId}/steps/{step}} {@code {report}}: the unit files the
 * step {@code MEASURES}, {@code PROGRESS} or {@code RESULT}; 409 {@code step-reported}, {@code step-out-of-order}
 * or {@code illegal-transition}.
 * <li>{@code POST /api/v1/special-assignments/{assignmentId}/close} {@code {note}}: supervisors, after the result
 * (409 otherwise).
 * <li>{@code GET /api/v1/special-assignments/{assignmentId}/notice.pdf}: the 交办单.
 * </ul>
 */
@RestController
class SpecialAssignmentApi {

	private final SpecialAssignments assignments;

	SpecialAssignmentApi(SpecialAssignments assignments) {
		this.assignments = assignments;
	}

	@PostMapping("/api/v1/special-assignments")
	ResponseEntity<Assignment> assign(@RequestBody NewAssignment body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(assignments.assign(body));
	}

	@GetMapping("/api/v1/special-assignments")
	List<Summary> list(@RequestParam(required = false) String unit) {
		return assignments.list(unit);
	}

	@GetMapping("/api/v1/special-assignments/{assignmentId}")
	Assignment find(@PathVariable long assignmentId) {
		return assignments.find(assignmentId).orElseThrow(() -> DomainException.notFound("Special assignment"));
	}

	@PostMapping("/api/v1/special-assignments/{assignmentId}/steps/{step}")
	Assignment report(@PathVariable long assignmentId, @PathVariable String step, @RequestBody TextBody body) {
		return assignments.report(assignmentId, step(step), body.report());
	}

	@PostMapping("/api/v1/special-assignments/{assignmentId}/close")
	Assignment close(@PathVariable long assignmentId, @RequestBody(required = false) NoteBody body) {
		return assignments.close(assignmentId, body == null ? null : body.note());
	}

	@GetMapping("/api/v1/special-assignments/{assignmentId}/notice.pdf")
	ResponseEntity<byte[]> notice(@PathVariable long assignmentId) {
		Assignment a = find(assignmentId);
		return MeasurePdfs.inline(assignments.notice(assignmentId).orElseThrow(), "专项交办单-" + a.number());
	}

	static Step step(String value) {
		try {
			return Step.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			throw DomainException.notFound("Step " + value);
		}
	}

	record TextBody(String report) {
	}

	record NoteBody(String note) {
	}
}
