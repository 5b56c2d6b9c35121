package org.xinfang.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hostile files for the attachment tests: forged types, a zip bomb, a PDF with JavaScript. */
final class Attachments {

	static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

	private static byte[] zipBomb;

	private Attachments() {
	}

	/** Text named and declared as a PNG. */
	static byte[] fakePng() {
		return "this is not a PNG, whatever its name says".getBytes(StandardCharsets.UTF_8);
	}

	/** HTML with a script, declared as an image: what a browser might sniff and run if served inline. */
	static byte[] htmlPretendingToBePng() {
		return "<html><body><script>document.title='pwned'</script></body></html>".getBytes(StandardCharsets.UTF_8);
	}

	/** The eight PNG signature bytes followed by HTML: passes a magic-number check, is no image. */
	static byte[] pngHeaderThenHtml() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(PNG_MAGIC);
		out.writeBytes("<script>document.title='pwned'</script>".getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	static byte[] svgWithScript() {
		return "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A .zip (the container of .docx and .xlsx too) of about 40 KB holding one 40 MB entry of zeros: anything that
	 * unpacks uploads would be made to inflate it.
	 */
	static synchronized byte[] zipBomb() {
		if (zipBomb == null) {
			try {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				try (ZipOutputStream zip = new ZipOutputStream(out)) {
					zip.putNextEntry(new ZipEntry("word/document.xml"));
					byte[] zeros = new byte[1 << 20];
					for (int i = 0; i < 40; i++) {
						zip.write(zeros);
					}
					zip.closeEntry();
				}
				zipBomb = out.toByteArray();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return zipBomb.clone();
	}

	/** A well-formed PDF whose open action runs JavaScript (an /OpenAction with /S /JavaScript /JS). */
	static byte[] pdfWithJavaScript() {
		String body = """
				%PDF-1.7
				1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /Names << /JavaScript 5 0 R >> >> endobj
				2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
				3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
				4 0 obj << /Type /Action /S /JavaScript /JS (app.alert\\('pwned'\\);) >> endobj
				5 0 obj << /Names [(x) 4 0 R] >> endobj
				trailer << /Root 1 0 R >>
				%%EOF
				""";
		return body.getBytes(StandardCharsets.US_ASCII);
	}
}
