package org.xinfang.intake.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.xinfang.intake.AttachmentContent;
import org.xinfang.intake.AttachmentInfo;
import org.xinfang.intake.Channel;
import org.xinfang.intake.Deadline;
import org.xinfang.intake.DeadlineState;
import org.xinfang.intake.Kind;
import org.xinfang.intake.MatterFilter;
import org.xinfang.intake.IdentityReveals;
import org.xinfang.intake.Intake;
import org.xinfang.intake.MatterExport;
import org.xinfang.intake.RevealedIdentity;
import org.xinfang.intake.MatterDetail;
import org.xinfang.intake.MatterPage;
import org.xinfang.intake.MatterQueries;
import org.xinfang.intake.MatterStatus;
import org.xinfang.intake.RegisterMatter;
import org.xinfang.intake.Registered;
import org.xinfang.platform.DomainException;

/**
 * Staff registration and reading of matters.
 *
 * <p>{@code POST /api/v1/matters} answers 201 with the new matter, its tracking code and its query secret
 * (shown this once). When the request repeats an open matter of the same petitioner, concerned unit and
 * category (重复信访), no matter is created: the answer is 200 with the existing matter, {@code repeatOf}
 * set to its id and {@code querySecret} null. An optional {@code Idempotency-Key} header makes a retry safe: the
 * same key and body get the first answer again (the query secret included for 24 hours) and change nothing.
 */
@RestController
@RequestMapping("/api/v1/matters")
class MatterApi {

	private final Intake intake;

	private final MatterQueries matters;

	private final IdentityReveals reveals;

	private final MatterExport export;

	MatterApi(Intake intake, MatterQueries matters, IdentityReveals reveals, MatterExport export) {
		this.intake = intake;
		this.matters = matters;
		this.reveals = reveals;
		this.export = export;
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('REGISTRAR','ADMIN')")
	ResponseEntity<Registration> register(@RequestBody RegisterMatter body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		Registered r = intake.register(body, idempotencyKey);
		Registration answer = new Registration(r.id(), r.trackingCode(), r.querySecret(), r.status(), r.receivedAt(),
				r.deadlines(), r.allowedActions(), r.repeatOf());
		return r.created() ? ResponseEntity.created(URI.create("/api/v1/matters/" + r.id())).body(answer)
				: ResponseEntity.ok(answer);
	}

	/** {@code repeatOf}: the id of the open matter this request was linked to, else null. */
	record Registration(long id, String trackingCode, String querySecret, MatterStatus status,
			OffsetDateTime receivedAt, List<Deadline> deadlines, List<String> allowedActions, Long repeatOf) {
	}

	@GetMapping("/{id}")
	MatterDetail get(@PathVariable long id) {
		return matters.find(id).orElseThrow(() -> DomainException.notFound("Matter"));
	}

	/**
	 * The user's work, sorted by the nearest open deadline ({@code sort=DEADLINE}, the default) or newest first
	 * ({@code sort=RECEIVED}); filters by status, deadline state, unit (code, with its subtree), kind, channel,
	 * and {@code q}: words searched in titles and contents (Chinese words of two or more characters match
	 * inside running text).
	 */
	@GetMapping
	MatterPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) MatterStatus status,
			@RequestParam(required = false) DeadlineState deadlineState,
			@RequestParam(required = false) String unit, @RequestParam(required = false) Kind kind,
			@RequestParam(required = false) Channel channel, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "DEADLINE") MatterFilter.Sort sort) {
		return matters.list(new MatterFilter(status, deadlineState, unit, kind, channel, q), sort, page, size);
	}

	/**
	 * The matter list as an Excel workbook, with the filters and data scope of {@code GET /api/v1/matters}
	 * (every matching matter, at most 5000; more is 422 {@code export-too-large}). ID numbers are masked, a
	 * protected matter's petitioner is {@code ***}; every export is audited with its filters and row count.
	 */
	@GetMapping(path = "/export.xlsx", produces = XLSX)
	ResponseEntity<byte[]> export(@RequestParam(required = false) MatterStatus status,
			@RequestParam(required = false) DeadlineState deadlineState,
			@RequestParam(required = false) String unit, @RequestParam(required = false) Kind kind,
			@RequestParam(required = false) Channel channel, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "DEADLINE") MatterFilter.Sort sort) {
		MatterExport.Workbook book = export.xlsx(new MatterFilter(status, deadlineState, unit, kind, channel, q), sort);
		return xlsx(book);
	}

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	static ResponseEntity<byte[]> xlsx(MatterExport.Workbook book) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(XLSX))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(book.filename(), StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(book.content());
	}

	/**
	 * Reveals a protected matter's petitioners (name, phone, ID number, address, e-mail) and lists its
	 * attachments, for this response only. Body {@code {"reason": "…"}} (required, ≤ 500 characters). Allowed
	 * to a registrar, unit head or leader who can see the matter and is not in the complained-about unit or
	 * below it; everyone else 403 {@code identity-reveal-forbidden}. 409 {@code identity-not-protected} when
	 * nothing is masked. Every reveal is audited ({@code IDENTITY_REVEALED}: who, when, why).
	 */
	@PostMapping("/{id}/identity-reveals")
	ResponseEntity<RevealedIdentity> reveal(@PathVariable long id, @RequestBody(required = false) RevealRequest body) {
		RevealedIdentity revealed = reveals.reveal(id, body == null ? null : body.reason());
		return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.CACHE_CONTROL, "no-store").body(revealed);
	}

	record RevealRequest(String reason) {
	}

	@PostMapping(path = "/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyRole('REGISTRAR','ADMIN')")
	ResponseEntity<AttachmentInfo> attach(@PathVariable long id, @RequestPart("file") MultipartFile file)
			throws IOException {
		AttachmentInfo info = intake.attach(id, file.getOriginalFilename(), file.getContentType(), file.getBytes());
		return ResponseEntity.status(HttpStatus.CREATED).body(info);
	}

	/**
	 * An attachment. On a protected matter (a report, or a complaint about the concerned unit) it needs
	 * {@code reveal}: the id of a reveal the user made on this matter in the last minutes (see
	 * {@code POST /{id}/identity-reveals}); each such download is audited. Without one: 403
	 * {@code identity-reveal-required}; for users of the complained-about unit: 404.
	 */
	@GetMapping("/{id}/attachments/{attachmentId}")
	ResponseEntity<byte[]> download(@PathVariable long id, @PathVariable long attachmentId,
			@RequestParam(required = false) Long reveal) {
		AttachmentContent a = matters.attachment(id, attachmentId, reveal)
			.orElseThrow(() -> DomainException.notFound("Attachment"));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(a.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(a.filename(), StandardCharsets.UTF_8).build().toString())
			.body(a.content());
	}
}
