package org.xinfang.handling;

import java.time.OffsetDateTime;
import org.xinfang.intake.MatterStatus;

/**
 * Published in the transaction of every action on a matter; documents and notifications listen to it.
 * {@code actor} is the staff username, or {@code public} for the petitioner.
 */
public record MatterActionTaken(long matterId, Action action, MatterStatus fromStatus, MatterStatus toStatus,
		String actor, OffsetDateTime at) {
}
