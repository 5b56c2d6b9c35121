package org.xinfang.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.platform.FieldProblem;
import org.xinfang.intake.Intake;
import org.xinfang.platform.InvalidInput;
import org.xinfang.intake.MatterStatus;
import org.xinfang.intake.OnlinePetition;
import org.xinfang.intake.Registered;
import org.xinfang.platform.DomainException;
import org.xinfang.handling.ActionBody;
import org.xinfang.handling.MatterActions;
import org.xinfang.intake.MatterQueries;
import org.xinfang.portal.internal.GuardedLookup;

/**
 * The citizen's API: submit a petition, follow it with its tracking code and query secret.
 *
 * <p>{@code POST /api/v1/public/petitions} takes an optional {@code Idempotency-Key} header (16–100
 * characters, e.g. a UUID): a retry with the same key answers 201 with the same body and never registers a
 * second matter. {@code GET /api/v1/public/petitions/{trackingCode}} needs the {@code X-Query-Secret} header;
 * an unknown code and a wrong secret answer the same 404, and too many failures from one client answer 429
 * with {@code Retry-After}. The status lists the petition's delivered documents (受理告知书, 处理意见书 …);
 * {@code GET /api/v1/public/petitions/{trackingCode}/documents/{id}} serves one as PDF behind the same check.
 */
@RestController
@RequestMapping("/api/v1/public/petitions")
class PublicPetitionApi {

	private final Intake intake;

	private final GuardedLookup lookup;

	private final MessageSource messages;

	private final MatterActions actions;

	private final MatterQueries matters;

	PublicPetitionApi(Intake intake, GuardedLookup lookup, MessageSource messages, MatterActions actions,
			MatterQueries matters) {
		this.messages = messages;
		this.actions = actions;
		this.matters = matters;
		this.intake = intake;
		this.lookup = lookup;
	}

	@PostMapping
	ResponseEntity<Submitted> submit(@RequestBody OnlinePetition body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		Registered r = intake.submitOnline(body, idempotencyKey);
		return ResponseEntity.created(URI.create("/api/v1/public/petitions/" + r.trackingCode()))
			.body(new Submitted(r.trackingCode(), r.querySecret(), r.receivedAt(), r.status()));
	}

	/** {@code querySecret} is shown only in this answer (and its idempotent retries for 24 hours). */
	record Submitted(String trackingCode, String querySecret, OffsetDateTime receivedAt, MatterStatus status) {
	}

	@GetMapping("/{trackingCode}")
	ResponseEntity<?> track(@PathVariable String trackingCode,
			@RequestHeader(name = "X-Query-Secret", required = false) String secret, HttpServletRequest request) {
		return guarded(trackingCode, secret, request, found -> ResponseEntity.ok(found.status()));
	}

	/**
	 * The PDF of one of the petition's delivered documents (listed in {@code documents} of the status). Any
	 * other id, like a wrong secret, answers 404.
	 */
	@GetMapping(path = "/{trackingCode}/documents/{documentId}", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<?> document(@PathVariable String trackingCode, @PathVariable long documentId,
			@RequestHeader(name = "X-Query-Secret", required = false) String secret, HttpServletRequest request) {
		return guarded(trackingCode, secret, request, found -> {
			byte[] pdf = lookup.deliveredPdf(found, documentId)
				.orElseThrow(() -> DomainException.notFound("Document"));
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"document-" + documentId + ".pdf\"")
				.body(pdf);
		});
	}

	/**
	 * The petitioner's evaluation (满意 / 基本满意 / 不满意), once, within the evaluation window after delivery.
	 * Answers the petition's status afterwards; 409 when not possible now.
	 */
	@PostMapping("/{trackingCode}/actions/EVALUATE")
	ResponseEntity<?> evaluate(@PathVariable String trackingCode, @RequestBody ActionBody.Evaluate body,
			@RequestHeader(name = "X-Query-Secret", required = false) String secret, HttpServletRequest request) {
		return guarded(trackingCode, secret, request, found -> act(trackingCode, secret, body));
	}

	/** A request for review (复查, Regulation Art. 35) within 30 days of delivery. */
	@PostMapping("/{trackingCode}/actions/REQUEST_REVIEW")
	ResponseEntity<?> requestReview(@PathVariable String trackingCode, @RequestBody ActionBody.RequestReview body,
			@RequestHeader(name = "X-Query-Secret", required = false) String secret, HttpServletRequest request) {
		return guarded(trackingCode, secret, request, found -> act(trackingCode, secret, body));
	}

	/** A request for re-review (复核, Regulation Art. 36) within 30 days of the review decision. */
	@PostMapping("/{trackingCode}/actions/REQUEST_REREVIEW")
	ResponseEntity<?> requestRereview(@PathVariable String trackingCode,
			@RequestBody ActionBody.RequestRereview body,
			@RequestHeader(name = "X-Query-Secret", required = false) String secret, HttpServletRequest request) {
		return guarded(trackingCode, secret, request, found -> act(trackingCode, secret, body));
	}

	/** Every public request with a secret goes through the same throttled look-up first. */
	private ResponseEntity<?> guarded(String trackingCode, String secret, HttpServletRequest request,
			Function<GuardedLookup.Found, ResponseEntity<?>> onFound) {
		if (secret == null || secret.isBlank()) {
			throw new InvalidInput(List.of(new FieldProblem("X-Query-Secret",
					messages.getMessage("intake.invalid.required", null, LocaleContextHolder.getLocale()))));
		}
		GuardedLookup.Result result = lookup.lookUp(request.getRemoteAddr(), trackingCode, secret);
		if (result instanceof GuardedLookup.Found found) {
			return onFound.apply(found);
		}
		if (result instanceof GuardedLookup.Throttled throttled) {
			return tooManyAttempts(throttled.retryAfterSeconds());
		}
		throw DomainException.notFound("Petition");
	}

	/** Performs the petitioner's action and answers the status after it, documents included. */
	private ResponseEntity<?> act(String trackingCode, String secret, ActionBody action) {
		actions.performAsPetitioner(trackingCode, secret, action);
		return ResponseEntity.ok(lookup.withDocuments(matters.track(trackingCode, secret).orElseThrow()));
	}

	private static ResponseEntity<ProblemDetail> tooManyAttempts(long seconds) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many failed look-ups from this address; try again later.");
		problem.setType(URI.create("https://xinfang.org/problems/too-many-lookups"));
		problem.setProperties(Map.of("retryAfterSeconds", seconds));
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}
}
