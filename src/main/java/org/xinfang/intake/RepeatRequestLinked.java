package org.xinfang.intake;

/** Published when a request was linked to an open matter as a repeat (重复信访) instead of creating one. */
public record RepeatRequestLinked(long matterId, int repeatCount, String channel) {
}
