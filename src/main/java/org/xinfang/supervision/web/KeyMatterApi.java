package org.xinfang.supervision.web;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.platform.DomainException;
import org.xinfang.supervision.KeyMatters;
import org.xinfang.supervision.KeyMatters.KeyMatter;
import org.xinfang.supervision.KeyMatters.Marking;
import org.xinfang.supervision.KeyMatters.Summary;

/**
 * Key matters and leader ownership (包案, DOMAIN §6); the rules are on {@link KeyMatters}.
 * <ul>
 * <li>{@code PUT /api/v1/matters/{id}/key} marks or updates (supervisors and leaders who can see the matter;
 * a handler gets 403, a matter out of scope 404, bad fields 400 naming them). The answer carries
 * {@code suggestedLeaderRank}.
 * <li>{@code GET /api/v1/matters/{id}/key}: the key matter with its reports and the weeks missing.
 * <li>{@code POST /api/v1/matters/{id}/key/reports} {@code {report}}: this week's report, by the owning leader
 * or a team member; a second report in the same week replaces the first; 409 {@code key-matter-closed} once
 * the matter is closed.
 * <li>{@code DELETE /api/v1/matters/{id}/key} {@code {reason}}: unmarks a matter marked by mistake (supervisors
 * and leaders; 400 without a reason); its reports stay, no more are due; 204.
 * <li>{@code GET /api/v1/key-matters?unit=CODE}: the key matters concerning the unit's subtree (default: the
 * user's unit) with leader, level, last report date and number of missing weeks.
 * </ul>
 */
@RestController
class KeyMatterApi {

	private final KeyMatters keyMatters;

	KeyMatterApi(KeyMatters keyMatters) {
		this.keyMatters = keyMatters;
	}

	@PutMapping("/api/v1/matters/{id}/key")
	KeyMatter mark(@PathVariable long id, @RequestBody Marking body) {
		return keyMatters.mark(id, body);
	}

	@GetMapping("/api/v1/matters/{id}/key")
	KeyMatter find(@PathVariable long id) {
		return keyMatters.find(id).orElseThrow(() -> DomainException.notFound("Key matter"));
	}

	@DeleteMapping("/api/v1/matters/{id}/key")
	ResponseEntity<Void> unmark(@PathVariable long id, @RequestBody(required = false) UnmarkBody body) {
		keyMatters.unmark(id, body == null ? null : body.reason());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/matters/{id}/key/reports")
	KeyMatter report(@PathVariable long id, @RequestBody ReportBody body) {
		return keyMatters.report(id, body.report());
	}

	@GetMapping("/api/v1/key-matters")
	List<Summary> list(@RequestParam(required = false) String unit) {
		return keyMatters.list(unit);
	}

	record ReportBody(String report) {
	}

	record UnmarkBody(String reason) {
	}
}
