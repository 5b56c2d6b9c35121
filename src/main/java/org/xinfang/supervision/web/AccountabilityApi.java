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
import org.xinfang.supervision.Accountability;
import org.xinfang.supervision.Accountability.Draft;
import org.xinfang.supervision.Accountability.Recommendation;
import org.xinfang.supervision.Accountability.Summary;

/**
 * Accountability recommendations (责任追究, DOMAIN §6); the rules are on {@link Accountability}. Recording,
 * sending and recording the outcome are the supervisors' and leaders' (others 403); outside the user's
 * subtree 404; a step not possible in the present status 409 {@code accountability-status}; bad fields 400.
 * <ul>
 * <li>{@code POST /api/v1/accountability} {@code {unitCode, type: IMPROVE_WORK | IMPROVE_POLICY | DISCIPLINE,
 * grounds, competentBody, officials: [{username, post}], matters, relatedRecords}} → 201 (DRAFT);
 * <li>{@code POST …/{recommendationId}/send}: SENT, the 责任追究建议书 at {@code GET …/document.pdf};
 * <li>{@code POST …/{recommendationId}/outcome} {@code {outcome, outcomeOn}}: CONCLUDED;
 * <li>{@code GET /api/v1/accountability?unit=CODE&from=&to=}: the subtree's recommendations.
 * </ul>
 */
@RestController
class AccountabilityApi {

	private final Accountability accountability;

	AccountabilityApi(Accountability accountability) {
		this.accountability = accountability;
	}

	@PostMapping("/api/v1/accountability")
	@ResponseStatus(HttpStatus.CREATED)
	Recommendation record(@RequestBody Draft body) {
		return accountability.record(body);
	}

	@GetMapping("/api/v1/accountability")
	List<Summary> list(@RequestParam(required = false) String unit, @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
		return accountability.list(unit, from, to);
	}

	@GetMapping("/api/v1/accountability/{recommendationId}")
	Recommendation find(@PathVariable long recommendationId) {
		return accountability.find(recommendationId);
	}

	@PostMapping("/api/v1/accountability/{recommendationId}/send")
	Recommendation send(@PathVariable long recommendationId) {
		return accountability.send(recommendationId);
	}

	@PostMapping("/api/v1/accountability/{recommendationId}/outcome")
	Recommendation outcome(@PathVariable long recommendationId, @RequestBody OutcomeBody body) {
		return accountability.conclude(recommendationId, body.outcome(), body.outcomeOn());
	}

	@GetMapping(path = "/api/v1/accountability/{recommendationId}/document.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> pdf(@PathVariable long recommendationId) {
		return SupervisionPdf.of("责任追究建议书-" + recommendationId, accountability.pdf(recommendationId));
	}

	record OutcomeBody(String outcome, String outcomeOn) {
	}
}
