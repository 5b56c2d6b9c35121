package org.xinfang.supervision.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A supervision document as a PDF answer, shown inline with its Chinese file name. */
final class SupervisionPdf {

	private SupervisionPdf() {
	}

	static ResponseEntity<byte[]> of(String filename, byte[] pdf) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(filename + ".pdf", StandardCharsets.UTF_8).build().toString())
			.body(pdf);
	}
}
