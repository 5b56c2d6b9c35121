package org.xinfang.documents;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Issues the official written notices of the petition procedure as PDF in Chinese, laid out like official
 * documents (issuing unit in red above a red rule, document number, title, addressee, body, issuing unit and
 * date at the bottom right), with the Chinese font embedded as a subset so the file reads the same anywhere.
 *
 * <p>Numbers run per issuing unit, type and year without gaps, also under concurrent issues. Every issue and
 * delivery is audited in the same transaction. Data scope is the caller's business: these methods do not
 * look at the signed-in user.
 */
public interface OfficialDocuments {

	/**
	 * Renders, numbers and stores a notice.
	 *
	 * @throws org.xinfang.platform.InvalidInput (400) naming each missing or malformed field
	 */
	IssuedDocument issue(DocumentRequest request);

	/** The matter's documents in the order they were issued. */
	List<IssuedDocument> forMatter(long matterId);

	Optional<IssuedDocument> find(long documentId);

	/**
	 * The delivered documents of the matter with this tracking code, in the order they were issued: what the
	 * petitioner may download on the portal. The caller has checked the query secret.
	 */
	List<IssuedDocument> deliveredFor(String trackingCode);

	Optional<byte[]> pdf(long documentId);

	/**
	 * Records the day the notice reached the petitioner; for an opinion it starts the 30-day window for a
	 * review request (Regulation Art. 35, 36). Once only (409 after that); not before the issue date (400).
	 */
	IssuedDocument markDelivered(long documentId, LocalDate deliveredOn);

	/** Sets the unit's abbreviation used in its document numbers (机关代字, e.g. 清卫信). */
	void usePrefix(String unitCode, String prefix);
}
