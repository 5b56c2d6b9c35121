package org.xinfang.intake;

import java.time.OffsetDateTime;

public record AttachmentInfo(long id, String filename, String contentType, long size, String sha256,
		OffsetDateTime uploadedAt) {
}
