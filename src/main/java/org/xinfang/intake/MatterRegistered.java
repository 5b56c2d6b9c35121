package org.xinfang.intake;

/** Published when a new matter has been registered (not when a repeat request is linked). */
public record MatterRegistered(long matterId, String channel, String kind, long receivingUnitId,
		Long concernedUnitId) {
}
