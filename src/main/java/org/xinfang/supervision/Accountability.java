package org.xinfang.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Accountability recommendations (责任追究, DOMAIN §6): a supervisor or leader records, against a unit in their
 * subtree and named officials of it (staff accounts — never petitioners, DOMAIN §9), a recommendation of one
 * type — improve work (改进工作), improve policy (完善政策) or discipline (追责问责) — with its grounds, the related
 * matters and records, and the competent body it goes to. Sending it issues the PDF 责任追究建议书; the body's
 * outcome is then recorded. {@code DRAFT → SENT → CONCLUDED}, each step checked (409
 * {@code accountability-status}) and audited. Staff see a recommendation when its unit lies in their subtree.
 */
public interface Accountability {

	enum Type {
		IMPROVE_WORK, IMPROVE_POLICY, DISCIPLINE
	}

	enum Status {
		DRAFT, SENT, CONCLUDED
	}

	Recommendation record(Draft draft);

	Recommendation send(long id);

	Recommendation conclude(long id, String outcome, String outcomeOn);

	Recommendation find(long id);

	List<Summary> list(String unitCode, LocalDate from, LocalDate to);

	/** The 责任追究建议书, from SENT on. */
	byte[] pdf(long id);

	/** Recommendations sent in the period for the unit's subtree, by type (no user check). */
	Tally tally(long unitId, LocalDate from, LocalDate to);

	/**
	 * @param matters matter ids or tracking codes the user can see
	 * @param relatedRecords other records in words (an interview, a problem list, a bulletin), optional
	 */
	record Draft(String unitCode, String type, String grounds, String competentBody, List<OfficialInput> officials,
			List<String> matters, String relatedRecords) {
	}

	/** @param post the official's post in words (院长, 副局长 …) */
	record OfficialInput(String username, String post) {
	}

	record UnitRef(String code, String name) {
	}

	record Official(String username, String displayName, String post) {
	}

	record MatterRef(long id, String trackingCode) {
	}

	record Recommendation(long id, UnitRef unit, UnitRef issuingUnit, Type type, String grounds,
			String competentBody, List<Official> officials, List<MatterRef> matters, String relatedRecords,
			Status status, LocalDate sentOn, String outcome, LocalDate outcomeOn, String createdBy,
			OffsetDateTime createdAt) {
	}

	record Summary(long id, UnitRef unit, Type type, Status status, String competentBody, LocalDate sentOn,
			LocalDate outcomeOn, OffsetDateTime createdAt) {
	}

	record Tally(long improveWork, long improvePolicy, long discipline) {
	}
}
