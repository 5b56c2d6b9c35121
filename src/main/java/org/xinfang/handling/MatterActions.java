package org.xinfang.handling;

import java.util.List;

/**
 * Performs actions on matters. Each action checks, in this order: the matter is visible to the user
 * (else 404), the action is possible in the matter's state (else 409 {@code action-not-allowed}), the user
 * may take it (role and unit, else 403), its guard holds (e.g. within the period, once; else 409), and the
 * matter did not change meanwhile (optimistic lock on its version, else 409 {@code stale-matter}). It then
 * moves the state, meets and opens deadlines, writes the timeline and the audit log, and publishes
 * {@link MatterActionTaken}, all in one transaction.
 */
public interface MatterActions {

	/**
	 * @param expectedVersion the version the client saw (from {@code If-Match}); {@code null} to act on the
	 *     version read now
	 */
	Outcome perform(long matterId, ActionBody body, Integer expectedVersion);

	/**
	 * The petitioner's actions ({@link Action#isCitizens()}). The code and secret are checked again here;
	 * an unknown code or a wrong secret is 404.
	 */
	Outcome performAsPetitioner(String trackingCode, String querySecret, ActionBody body);

	/** The actions the signed-in user may take on the matter now, in vocabulary order. */
	List<Action> allowedFor(long matterId);

	record Outcome(long matterId, org.xinfang.intake.MatterStatus status, int version) {
	}
}
