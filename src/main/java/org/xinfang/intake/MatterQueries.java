package org.xinfang.intake;

import java.util.Optional;

/**
 * Reading matters. Staff see the matters whose receiving or concerned unit lies in their unit's subtree
 * (DOMAIN §1), or whose handling unit does; anything else is "not found". On a protected matter (a
 * {@link Kind#REPORT}, or a complaint about the concerned unit) the petitioners' identity, contact details and
 * materials are masked for all staff, in lists, details and search results alike, and shown only through an
 * audited {@link IdentityReveals reveal} (Regulation Art. 30, Art. 46; DOMAIN §9).
 */
public interface MatterQueries {

	Optional<MatterDetail> find(long id);

	/** The signed-in user's scope, newest first. */
	MatterPage list(int page, int size);

	/**
	 * The signed-in user's scope (receiving, concerned or handling unit in their subtree), filtered; sorted
	 * by the nearest open deadline of a staff obligation ({@link MatterFilter.Sort#DEADLINE}) or newest first.
	 */
	MatterPage list(MatterFilter filter, MatterFilter.Sort sort, int page, int size);

	/**
	 * The petitioner's view on the portal. An unknown code and a wrong secret give the same empty answer
	 * after the same work, so neither the answer nor its timing tells which was wrong.
	 */
	Optional<PublicStatus> track(String trackingCode, String querySecret);

	/**
	 * An attachment's content. On a protected matter it takes a live reveal of the signed-in user
	 * ({@code revealId}, see {@link IdentityReveals#authoriseMaterial}) and the download is audited; users of
	 * the complained-about unit never get it (empty, as if it did not exist).
	 */
	Optional<AttachmentContent> attachment(long matterId, long attachmentId, Long revealId);

	/**
	 * Free text about a matter (a reply, a reason, an evaluation comment) as staff may read it: on a protected
	 * matter every occurrence of its petitioners' names, numbers and addresses is replaced by {@code ***}.
	 */
	String maskIdentity(long matterId, String text);
}
