package org.xinfang.documents.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.documents.IssuedDocument;
import org.xinfang.documents.OfficialDocuments;
import org.xinfang.intake.IdentityReveals;
import org.xinfang.intake.MatterQueries;
import org.xinfang.platform.DomainException;

/**
 * The official documents of a matter for signed-in staff. The scope is the matter's: whoever can read the
 * matter can read its documents; for anyone else the matter and its documents do not exist (404).
 */
@RestController
class DocumentApi {

	private final OfficialDocuments documents;

	private final MatterQueries matters;

	private final IdentityReveals reveals;

	DocumentApi(OfficialDocuments documents, MatterQueries matters, IdentityReveals reveals) {
		this.documents = documents;
		this.matters = matters;
		this.reveals = reveals;
	}

	@GetMapping("/api/v1/matters/{matterId}/documents")
	List<IssuedDocument> list(@PathVariable long matterId) {
		requireVisible(matterId);
		return documents.forMatter(matterId);
	}

	/**
	 * The PDF as issued; its SHA-256 is also sent as {@code X-Content-SHA256}. A notice is addressed to the
	 * petitioner by name, so on a protected matter (a report, or a complaint about the concerned unit) it is
	 * material like an attachment: it needs {@code reveal}, a live reveal of this user on the matter, and each
	 * download is audited; users of the complained-about unit get 403 {@code identity-protected}.
	 */
	@GetMapping(path = "/api/v1/documents/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> pdf(@PathVariable long id, @RequestParam(required = false) Long reveal) {
		IssuedDocument document = documents.find(id).orElseThrow(() -> DomainException.notFound("Document"));
		requireVisible(document.matterId());
		reveals.authoriseMaterial(document.matterId(), "document", id, reveal);
		byte[] pdf = documents.pdf(id).orElseThrow(() -> DomainException.notFound("Document"));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
				.filename(document.title() + "-" + document.number() + ".pdf", StandardCharsets.UTF_8)
				.build()
				.toString())
			.header("X-Content-SHA256", document.sha256())
			.body(pdf);
	}

	private void requireVisible(long matterId) {
		if (matters.find(matterId).isEmpty()) {
			throw DomainException.notFound("Matter");
		}
	}
}
