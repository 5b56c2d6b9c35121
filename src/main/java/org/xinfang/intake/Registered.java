package org.xinfang.intake;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer to a registration.
 *
 * @param querySecret shown exactly once (only its hash is kept); {@code null} when the request was linked to
 *     an existing matter as a repeat
 * @param repeatOf the id of the open matter this request was linked to (重复信访), else {@code null}
 * @param created whether a new matter was created
 */
public record Registered(long id, String trackingCode, String querySecret, MatterStatus status,
		OffsetDateTime receivedAt, List<Deadline> deadlines, List<String> allowedActions, Long repeatOf,
		boolean created) {
}
