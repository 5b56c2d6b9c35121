package org.xinfang.intake;

import java.util.Optional;

/**
 * Reading matters. Staff see the matters whose receiving or concerned unit lies in their unit's subtree
 * (DOMAIN §1), or whose handling unit does,; anything else is "not found". For a {@link Kind#REPORT} the reporter's identity, contact
 * details and materials are masked from users of the concerned unit and its subtree (Regulation Art. 30,
 * Art. 46).
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

	Optional<AttachmentContent> attachment(long matterId, long attachmentId);
}
