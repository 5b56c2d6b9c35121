package org.xinfang.supervision.web;

import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.Bulletins;
import org.xinfang.supervision.Bulletins.Bulletin;
import org.xinfang.supervision.Bulletins.Kind;
import org.xinfang.supervision.Bulletins.Named;
import org.xinfang.supervision.Bulletins.Proposal;
import org.xinfang.supervision.Bulletins.ProposalStatus;
import org.xinfang.supervision.Bulletins.Summary;
import org.xinfang.supervision.Bulletins.Text;
import org.xinfang.supervision.MeasureProposalConfirmed.Measure;

/**
 * Bulletins (通报, DOMAIN §6) and the measures their trigger rules propose; the rules (ranking, lagging units,
 * triggers) are documented on {@link Bulletins}.
 * <ul>
 * <li>{@code POST /api/v1/bulletins} {@code {kind, unitCode, period}} generates a regular bulletin (MONTHLY
 * {@code 2026-03}, HALF_YEARLY {@code 2026-H1}, YEARLY {@code 2026}; the period must have ended; 409
 * {@code bulletin-exists} for a second one); {@code {kind: SPECIAL, unitCode, title, foreword, body,
 * namedUnits: [{unitCode, note}]}} writes a special one. Supervisors only (403), within their subtree (404);
 * 201 with the draft.
 * <li>{@code GET /api/v1/bulletins?unit=CODE}: the bulletins issued in the subtree (default: the user's unit).
 * <li>{@code GET /api/v1/bulletins/{bulletinId}}: the bulletin with its ranked or named units, the lagging
 * reasons and the proposals its publication raised.
 * <li>{@code PUT /api/v1/bulletins/{bulletinId}} {@code {title, foreword, body, namedUnits}}: edits a draft
 * (fields left out stay; body and named units only for a special one); 409 {@code bulletin-published}.
 * <li>{@code POST /api/v1/bulletins/{bulletinId}/regenerate}: recomputes the figures of a regular draft.
 * <li>{@code POST /api/v1/bulletins/{bulletinId}/publish}: publishes and freezes it and applies the trigger rules.
 * <li>{@code GET /api/v1/bulletins/{bulletinId}/pdf} and {@code .../xlsx}: the bulletin as PDF (with a bar chart)
 * and as an Excel workbook (with a chart).
 * <li>{@code GET /api/v1/bulletin-proposals?unit=CODE&status=PROPOSED}: the proposals of the subtree's bulletins.
 * <li>{@code POST /api/v1/bulletin-proposals/{proposalId}/confirm} {@code {measure}}: REMINDER or INTERVIEW
 * (FLAG for a flag proposal); publishes {@code MeasureProposalConfirmed}. {@code .../dismiss} {@code {reason}}.
 * 409 {@code proposal-decided} once decided.
 * </ul>
 */
@RestController
class BulletinApi {

	private final Bulletins bulletins;

	BulletinApi(Bulletins bulletins) {
		this.bulletins = bulletins;
	}

	@PostMapping("/api/v1/bulletins")
	ResponseEntity<Bulletin> create(@RequestBody CreateBody body) {
		// an unknown kind is reported by the service, after the role and scope checks
		Kind kind = lenient(Kind.class, body.kind());
		Bulletin b = kind == Kind.SPECIAL
				? bulletins.writeSpecial(body.unitCode(),
						new Text(body.title(), body.foreword(), body.body(), body.namedUnits()))
				: bulletins.generate(body.unitCode(), kind, body.period());
		return ResponseEntity.status(HttpStatus.CREATED).body(b);
	}

	@GetMapping("/api/v1/bulletins")
	List<Summary> list(@RequestParam(required = false) String unit) {
		return bulletins.list(unit);
	}

	@GetMapping("/api/v1/bulletins/{bulletinId}")
	Bulletin find(@PathVariable long bulletinId) {
		return bulletins.find(bulletinId);
	}

	@PutMapping("/api/v1/bulletins/{bulletinId}")
	Bulletin edit(@PathVariable long bulletinId, @RequestBody Text body) {
		return bulletins.edit(bulletinId, body);
	}

	@PostMapping("/api/v1/bulletins/{bulletinId}/regenerate")
	Bulletin regenerate(@PathVariable long bulletinId) {
		return bulletins.regenerate(bulletinId);
	}

	@PostMapping("/api/v1/bulletins/{bulletinId}/publish")
	Bulletin publish(@PathVariable long bulletinId) {
		return bulletins.publish(bulletinId);
	}

	@GetMapping(path = "/api/v1/bulletins/{bulletinId}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> pdf(@PathVariable long bulletinId) {
		return file(bulletins.pdf(bulletinId), MediaType.APPLICATION_PDF, "bulletin-" + bulletinId + ".pdf");
	}

	@GetMapping(path = "/api/v1/bulletins/{bulletinId}/xlsx", produces = XLSX)
	ResponseEntity<byte[]> xlsx(@PathVariable long bulletinId) {
		return file(bulletins.excel(bulletinId), MediaType.parseMediaType(XLSX), "bulletin-" + bulletinId + ".xlsx");
	}

	@GetMapping("/api/v1/bulletin-proposals")
	List<Proposal> proposals(@RequestParam(required = false) String unit, @RequestParam(required = false) String status) {
		ProposalStatus s = status == null || status.isBlank() ? null
				: parse(ProposalStatus.class, status, "status", "must be PROPOSED, CONFIRMED or DISMISSED");
		return bulletins.proposals(unit, s);
	}

	@PostMapping("/api/v1/bulletin-proposals/{proposalId}/confirm")
	Proposal confirm(@PathVariable long proposalId, @RequestBody(required = false) ConfirmBody body) {
		// an unknown measure is reported by the service, after the role and scope checks
		Measure measure = lenient(Measure.class, body == null ? null : body.measure());
		return bulletins.confirm(proposalId, measure);
	}

	@PostMapping("/api/v1/bulletin-proposals/{proposalId}/dismiss")
	Proposal dismiss(@PathVariable long proposalId, @RequestBody(required = false) DismissBody body) {
		return bulletins.dismiss(proposalId, body == null ? null : body.reason());
	}

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	static ResponseEntity<byte[]> file(byte[] content, MediaType type, String filename) {
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(content);
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String message) {
		if (value == null || value.isBlank()) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", field, "is required; " + message);
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", field, message);
		}
	}

	static <E extends Enum<E>> E lenient(Class<E> type, String value) {
		try {
			return value == null ? null : Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	record CreateBody(String kind, String unitCode, String period, String title, String foreword, String body,
			List<Named> namedUnits) {
	}

	record ConfirmBody(String measure) {
	}

	record DismissBody(String reason) {
	}
}
