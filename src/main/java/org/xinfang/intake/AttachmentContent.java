package org.xinfang.intake;

public record AttachmentContent(String filename, String contentType, byte[] content) {
}
