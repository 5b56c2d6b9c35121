package org.xinfang.intake;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a matter (DOMAIN §5). Intake only reaches {@link #REGISTERED}; the handling module moves
 * a matter on. Stored as text with a CHECK constraint over all values.
 */
public enum MatterStatus {
	REGISTERED, TRANSFERRED_OUT, ASSIGNED, RETURNED, REDIRECTED, ROUTED_TO_DISCIPLINE, ACCEPTED, NOT_ACCEPTED,
	NOT_ACCEPTED_FINAL, IN_HANDLING, EXTENSION_REQUESTED, REPLY_DRAFTED, REPLY_APPROVED, DELIVERED, UNDER_REVIEW,
	UNDER_REREVIEW, FINAL, CLOSED;

	/**
	 * States in which the matter is no longer ours to handle as an open petition: decided, closed or sent
	 * elsewhere. A repeat request (重复信访) is only linked to a matter that is not in one of these.
	 */
	public static final Set<MatterStatus> NOT_OPEN = EnumSet.of(NOT_ACCEPTED, NOT_ACCEPTED_FINAL, FINAL, CLOSED,
			TRANSFERRED_OUT, REDIRECTED, ROUTED_TO_DISCIPLINE);

	public boolean isOpen() {
		return !NOT_OPEN.contains(this);
	}
}
