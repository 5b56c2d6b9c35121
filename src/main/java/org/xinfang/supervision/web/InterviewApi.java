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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.supervision.Interviews;
import org.xinfang.supervision.Interviews.Interview;
import org.xinfang.supervision.Interviews.Notification;
import org.xinfang.supervision.Interviews.Opening;
import org.xinfang.supervision.Interviews.Preparation;
import org.xinfang.supervision.Interviews.Record;
import org.xinfang.supervision.Interviews.Summary;

/**
 * Interviews (约谈, DOMAIN §6); the rules are on {@link Interviews}. Opening, preparing, notifying, holding,
 * accepting and cancelling are the supervisors' and leaders' (others 403); an interview outside the user's
 * subtree is 404; a step not possible in the present status 409 {@code interview-status}; bad fields 400.
 * <ul>
 * <li>{@code POST /api/v1/interviews} {@code {unitCode, reason, preparation: {panel, interviewees: [{username,
 * post}], matters}}} → 201;
 * <li>{@code PUT /api/v1/interviews/{interviewId}/preparation} — panel, interviewees and matters (PREPARING);
 * <li>{@code POST …/notify} {@code {scheduledAt: "2026-03-10T09:30", place}} (Beijing time);
 * <li>{@code POST …/hold} {@code {heldOn, minutes, commitments}}: the rectification report falls due 15
 * working days after {@code heldOn}; {@code rectificationDue} is null and {@code dueMissingYear} set while
 * that year's holiday data is missing;
 * <li>{@code POST …/signatures} {@code {username}} (blank: oneself) — all signed → SIGNED;
 * 409 {@code interview-signed} for a second signature;
 * <li>{@code POST …/report} {@code {report}} by the interviewed unit; {@code POST …/accept} {@code {note}};
 * {@code POST …/cancel} {@code {reason}};
 * <li>{@code GET …/notice.pdf} (约谈通知书, once notified), {@code GET …/record.pdf} (约谈记录, once held);
 * <li>{@code GET /api/v1/interviews?unit=CODE&from=&to=} lists the subtree's interviews opened in the period.
 * </ul>
 */
@RestController
class InterviewApi {

	private final Interviews interviews;

	InterviewApi(Interviews interviews) {
		this.interviews = interviews;
	}

	@PostMapping("/api/v1/interviews")
	@ResponseStatus(HttpStatus.CREATED)
	Interview open(@RequestBody Opening body) {
		return interviews.open(body);
	}

	@GetMapping("/api/v1/interviews")
	List<Summary> list(@RequestParam(required = false) String unit, @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
		return interviews.list(unit, from, to);
	}

	@GetMapping("/api/v1/interviews/{interviewId}")
	Interview find(@PathVariable long interviewId) {
		return interviews.find(interviewId);
	}

	@PutMapping("/api/v1/interviews/{interviewId}/preparation")
	Interview prepare(@PathVariable long interviewId, @RequestBody Preparation body) {
		return interviews.prepare(interviewId, body);
	}

	@PostMapping("/api/v1/interviews/{interviewId}/notify")
	Interview notify(@PathVariable long interviewId, @RequestBody Notification body) {
		return interviews.notify(interviewId, body);
	}

	@PostMapping("/api/v1/interviews/{interviewId}/hold")
	Interview hold(@PathVariable long interviewId, @RequestBody Record body) {
		return interviews.hold(interviewId, body);
	}

	@PostMapping("/api/v1/interviews/{interviewId}/signatures")
	Interview sign(@PathVariable long interviewId, @RequestBody(required = false) SignBody body) {
		return interviews.sign(interviewId, body == null ? null : body.username());
	}

	@PostMapping("/api/v1/interviews/{interviewId}/report")
	Interview report(@PathVariable long interviewId, @RequestBody TextBody body) {
		return interviews.fileReport(interviewId, body.report());
	}

	@PostMapping("/api/v1/interviews/{interviewId}/accept")
	Interview accept(@PathVariable long interviewId, @RequestBody(required = false) TextBody body) {
		return interviews.accept(interviewId, body == null ? null : body.note());
	}

	@PostMapping("/api/v1/interviews/{interviewId}/cancel")
	Interview cancel(@PathVariable long interviewId, @RequestBody(required = false) TextBody body) {
		return interviews.cancel(interviewId, body == null ? null : body.reason());
	}

	@GetMapping(path = "/api/v1/interviews/{interviewId}/notice.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> notice(@PathVariable long interviewId) {
		return SupervisionPdf.of("约谈通知书-" + interviewId, interviews.noticePdf(interviewId));
	}

	@GetMapping(path = "/api/v1/interviews/{interviewId}/record.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> record(@PathVariable long interviewId) {
		return SupervisionPdf.of("约谈记录-" + interviewId, interviews.recordPdf(interviewId));
	}

	record SignBody(String username) {
	}

	record TextBody(String report, String note, String reason) {
	}
}
