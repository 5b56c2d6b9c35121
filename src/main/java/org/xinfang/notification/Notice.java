package org.xinfang.notification;

import java.time.OffsetDateTime;

/** A message in the outbox and how far its delivery got. */
public record Notice(long id, Long matterId, Message.Channel channel, String recipient, String subject, String body,
		String deduplicationKey, Status status, int attempts, OffsetDateTime nextAttemptAt,
		OffsetDateTime lastAttemptAt, String lastError, OffsetDateTime sentAt) {

	public enum Status {
		/** Waiting for its first or next attempt. */
		PENDING,
		/** Handed to the mail server or SMS gateway. */
		SENT,
		/** Gave up after the maximum number of attempts; audited and left for staff to follow up. */
		FAILED
	}
}
