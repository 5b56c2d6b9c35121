package org.xinfang.intake;

import java.time.OffsetDateTime;

/** One event on a matter's timeline; {@code label} is the event type in the request's language. */
public record TimelineEntry(OffsetDateTime at, String type, String label, String actor, String note) {
}
