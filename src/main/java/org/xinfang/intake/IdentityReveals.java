package org.xinfang.intake;

/**
 * Revealing the identity and materials of a protected matter (a report, or a complaint about the concerned
 * unit; DOMAIN §9, Regulation on Petition Work Art. 30 and 46). Only a registrar, unit head or leader who can
 * see the matter and whose unit is not the unit complained about (nor below it) may reveal, with a reason;
 * every reveal and every download under it is written to the audit log.
 */
public interface IdentityReveals {

	/**
	 * Reveals the matter's petitioners and lists its attachments for the signed-in user, recording who, when
	 * and why ({@code IDENTITY_REVEALED}).
	 *
	 * @throws org.xinfang.platform.DomainException 404 when the user cannot see the matter; 409
	 *     {@code identity-not-protected} when nothing is masked on it; 403 {@code identity-reveal-forbidden} for a
	 *     user of the complained-about unit or its subtree (whatever their role) or without an authorised role
	 * @throws org.xinfang.platform.InvalidInput 400 when the reason is missing or longer than 500 characters
	 */
	RevealedIdentity reveal(long matterId, String reason);

	/**
	 * Lets the signed-in user download material of a matter they can see: an attachment
	 * ({@code material = "attachment"}) or an official document addressed to the petitioner ({@code "document"}).
	 * Unprotected matters pass. On a protected matter it takes a live reveal of this user on this matter
	 * ({@code revealId}) and audits the download; a user of the complained-about unit gets 404 for an
	 * attachment (they are never listed to them) and 403 for a document; anyone else without a live reveal
	 * gets 403 {@code identity-reveal-required}.
	 */
	void authoriseMaterial(long matterId, String material, long materialId, Long revealId);
}
