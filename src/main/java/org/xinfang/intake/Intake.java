package org.xinfang.intake;

/**
 * Registration of matters (登记, "应录尽录"): by staff from every channel, and by citizens on the portal. Every
 * registration is audited in its own transaction and publishes {@link MatterRegistered} or
 * {@link RepeatRequestLinked}.
 */
public interface Intake {

	/**
	 * Registers a matter for the signed-in staff member; their unit becomes the receiving unit (首接首办).
	 *
	 * <p>A repeat request (重复信访, DOMAIN §5) — a petitioner with the same ID number, or the same phone and
	 * name, as on a matter that is still open for the same concerned unit and category — creates no new
	 * matter: the open matter's repeat count goes up, its timeline records the request, and the answer
	 * carries {@code repeatOf} and no query secret.
	 *
	 * @throws org.xinfang.platform.InvalidInput naming each bad field
	 */
	default Registered register(RegisterMatter matter) {
		return register(matter, null);
	}

	/**
	 * As {@link #register(RegisterMatter)}, at most once per {@code idempotencyKey} (16–100 of
	 * {@code A-Za-z0-9_.:-}, or null): a retry with the same key and body gets the first answer and changes
	 * nothing — not even the repeat count of a linked matter; the same key with another body is refused (422).
	 */
	Registered register(RegisterMatter matter, String idempotencyKey);

	/**
	 * Registers a citizen's online submission (channel {@code ONLINE}). The receiving unit is the petition
	 * office nearest above the concerned unit, or the top petition office when no unit is named.
	 *
	 * <p>With an {@code idempotencyKey}, a retry returns the same matter and secret (for 24 hours) and never
	 * creates a second one, even when the retries run concurrently; the same key with a different body is
	 * refused (422).
	 *
	 * <p>A submission matching an open matter is still registered as its own matter (linked to the open one
	 * through {@code repeat_of_id}), because the portal cannot verify who is submitting and so must not
	 * reveal that another matter exists.
	 */
	Registered submitOnline(OnlinePetition petition, String idempotencyKey);

	/**
	 * Adds material to a matter within the signed-in user's data scope. The type is detected from the
	 * content (PDF, JPEG, PNG), never trusted from the declared type: 415 when it is something else or does
	 * not match the declared type, 413 above the size limit, 400 when empty or when the matter already has
	 * the maximum number of attachments.
	 */
	AttachmentInfo attach(long matterId, String filename, String declaredType, byte[] content);
}
