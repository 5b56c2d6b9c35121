package org.xinfang.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.xinfang.supervision.MeasureRefs.MatterRef;
import org.xinfang.supervision.MeasureRefs.UnitCount;
import org.xinfang.supervision.MeasureRefs.UnitRef;

/**
 * Flagged supervision (挂牌督办, DOMAIN §6) of a unit, for a matter of serious impact or because the unit was
 * reminded twice in a row. Five steps, each a guarded transition recorded with who, when and why:
 * <ol>
 * <li>file (建档立案) → {@code FILED}, by a supervisor; the ground {@code SERIOUS_IMPACT} names a matter,
 * {@code REMINDED_TWICE} needs two reminders of the unit on record;</li>
 * <li>issue the notice (下发通知) with the set deadline → {@code NOTICE_ISSUED}, a numbered 挂牌督办通知书 (PDF);</li>
 * <li>report the resolution (化解处置) → {@code RESOLUTION_REPORTED}, by the unit's unit heads, leaders or
 * handlers;</li>
 * <li>check acceptance (组织验收): passed → {@code ACCEPTED}; failed → back to {@code NOTICE_ISSUED} for
 * another resolution;</li>
 * <li>unflag (摘牌销号) → {@code UNFLAGGED}.</li>
 * </ol>
 * A move from any other state is refused (409 {@code illegal-transition}). A flag is overdue while its
 * deadline has passed and it is not yet accepted. Every change is audited ({@code flag}).
 */
public interface Flags {

	Flag file(NewFlag flag);

	Optional<Flag> find(long id);

	Flag issueNotice(long id, LocalDate deadline, String note);

	Flag reportResolution(long id, String report);

	/** @param passed required: true → accepted; false → back to the resolution */
	Flag checkAcceptance(long id, Boolean passed, String note);

	Flag unflag(long id, String note);

	/** The flags of the unit's subtree (the user's own unit when {@code unitCode} is null), newest first. */
	List<Flag> list(String unitCode);

	/** The 挂牌督办通知书, once issued. */
	Optional<byte[]> notice(long id);

	/** For dashboards and the yearly assessment: the flags of the subtree filed in the period. */
	List<Flag> filedIn(long rootUnitId, LocalDate from, LocalDate to);

	/** Per unit of the subtree: its flags open (not unflagged) today, most first. */
	List<UnitCount> openByUnit(long rootUnitId);

	enum Ground {
		SERIOUS_IMPACT, REMINDED_TWICE
	}

	enum Status {
		FILED, NOTICE_ISSUED, RESOLUTION_REPORTED, ACCEPTED, UNFLAGGED
	}

	enum StepKind {
		FILED, NOTICE_ISSUED, RESOLUTION_REPORTED, ACCEPTANCE_PASSED, ACCEPTANCE_FAILED, UNFLAGGED
	}

	/** @param matterId the matter's tracking code or id: required for {@code SERIOUS_IMPACT}, optional otherwise */
	record NewFlag(String unitCode, String ground, String matterId, String reason) {
	}

	record Step(StepKind step, String actor, OffsetDateTime at, String note) {
	}

	record Flag(long id, String number, UnitRef unit, UnitRef issuingUnit, Ground ground, MatterRef matter,
			String reason, Long proposalId, Status status, LocalDate filedOn, String filedBy, LocalDate deadline,
			boolean overdue, LocalDate unflaggedOn, List<Step> steps) {
	}
}
