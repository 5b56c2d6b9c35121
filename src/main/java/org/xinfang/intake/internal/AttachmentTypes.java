package org.xinfang.intake.internal;

import java.util.Arrays;

/**
 * Recognises the accepted attachment types by their leading bytes (magic numbers), because a declared
 * content type or file extension is whatever the sender claims.
 */
final class AttachmentTypes {

	static final String PDF = "application/pdf";

	static final String JPEG = "image/jpeg";

	static final String PNG = "image/png";

	private static final byte[] PDF_MAGIC = { '%', 'P', 'D', 'F', '-' };

	private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

	private static final byte[] JPEG_MAGIC = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	private AttachmentTypes() {
	}

	/** The detected type, or {@code null} when the content is none of PDF, JPEG, PNG. */
	static String detect(byte[] content) {
		if (startsWith(content, PDF_MAGIC)) {
			return PDF;
		}
		if (startsWith(content, PNG_MAGIC)) {
			return PNG;
		}
		if (startsWith(content, JPEG_MAGIC)) {
			return JPEG;
		}
		return null;
	}

	/** A declared type agrees when absent, generic, or naming the detected type (image/jpg is a common alias). */
	static boolean agrees(String declared, String detected) {
		if (declared == null || declared.isBlank()) {
			return true;
		}
		String d = declared.toLowerCase().split(";")[0].trim();
		return d.equals("application/octet-stream") || d.equals(detected)
				|| (d.equals("image/jpg") && detected.equals(JPEG));
	}

	private static boolean startsWith(byte[] content, byte[] magic) {
		return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
	}
}
