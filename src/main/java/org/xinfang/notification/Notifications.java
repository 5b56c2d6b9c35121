package org.xinfang.notification;

import java.util.Optional;

/**
 * The outbox. A notice is written in the transaction of the state change that causes it and sent after
 * that transaction commits, by the dispatcher; a rolled-back change leaves no notice behind.
 */
public interface Notifications {

	/**
	 * Writes the message to the outbox in the caller's transaction (there must be one).
	 *
	 * @return {@code false} if a message with the same deduplication key was already enqueued, in which case
	 * nothing is written
	 */
	boolean enqueue(Message message);

	/** Where the message with this deduplication key stands, for pages and tests. */
	Optional<Notice> find(String deduplicationKey);
}
