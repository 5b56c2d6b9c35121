package org.xinfang.supervision.web;

import java.time.LocalDate;
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
import org.xinfang.supervision.Flags;
import org.xinfang.supervision.Flags.Flag;
import org.xinfang.supervision.Flags.NewFlag;

/**
 * Flagged supervision (挂牌督办, DOMAIN §6); the rules and states are on {@link Flags}.
 * <ul>
 * <li>{@code POST /api/v1/flags} {@code {unitCode, ground: SERIOUS_IMPACT|REMINDED_TWICE, matterId, reason}}:
 * files (建档立案), supervisors; 201; 422 {@code not-reminded-twice}.
 * <li>{@code GET /api/v1/flags?unit=CODE}; {@code GET /api/v1/flags/{flagId}} (with its steps, who/when/why,
 * and {@code overdue}); {@code GET /api/v1/flags/{flagId}/notice.pdf} (挂牌督办通知书, once issued).
 * <li>{@code POST /api/v1/flags/{flagId}/notice} {@code {deadline, note}} (下发通知, supervisors),
 * {@code POST …/resolution} {@code {report}} (化解处置, the unit), {@code POST …/acceptance}
 * {@code {passed, note}} (组织验收, supervisors; failed returns to the resolution), {@code POST …/unflag}
 * {@code {note}} (摘牌销号, supervisors). A step from the wrong state: 409 {@code illegal-transition}.
 * </ul>
 */
@RestController
class FlagApi {

	private final Flags flags;

	FlagApi(Flags flags) {
		this.flags = flags;
	}

	@PostMapping("/api/v1/flags")
	ResponseEntity<Flag> file(@RequestBody NewFlag body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(flags.file(body));
	}

	@GetMapping("/api/v1/flags")
	List<Flag> list(@RequestParam(required = false) String unit) {
		return flags.list(unit);
	}

	@GetMapping("/api/v1/flags/{flagId}")
	Flag find(@PathVariable long flagId) {
		return flags.find(flagId).orElseThrow(() -> DomainException.notFound("Flag"));
	}

	@PostMapping("/api/v1/flags/{flagId}/notice")
	Flag notice(@PathVariable long flagId, @RequestBody NoticeBody body) {
		return flags.issueNotice(flagId, body.deadline(), body.note());
	}

	@PostMapping("/api/v1/flags/{flagId}/resolution")
	Flag resolution(@PathVariable long flagId, @RequestBody ReportBody body) {
		return flags.reportResolution(flagId, body.report());
	}

	@PostMapping("/api/v1/flags/{flagId}/acceptance")
	Flag acceptance(@PathVariable long flagId, @RequestBody AcceptanceBody body) {
		return flags.checkAcceptance(flagId, body.passed(), body.note());
	}

	@PostMapping("/api/v1/flags/{flagId}/unflag")
	Flag unflag(@PathVariable long flagId, @RequestBody NoteBody body) {
		return flags.unflag(flagId, body.note());
	}

	@GetMapping("/api/v1/flags/{flagId}/notice.pdf")
	ResponseEntity<byte[]> noticePdf(@PathVariable long flagId) {
		Flag flag = find(flagId);
		byte[] pdf = flags.notice(flagId).orElseThrow(() -> DomainException.notFound("Flag notice"));
		return MeasurePdfs.inline(pdf, "挂牌督办通知书-" + flag.number());
	}

	record NoticeBody(LocalDate deadline, String note) {
	}

	record ReportBody(String report) {
	}

	record AcceptanceBody(Boolean passed, String note) {
	}

	record NoteBody(String note) {
	}
}
