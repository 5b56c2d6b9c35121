package org.xinfang.supervision;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Bulletins (通报, DOMAIN §6) and the measures their trigger rules propose.
 *
 * <p><b>Regular bulletins</b> (monthly, half-yearly, yearly) are generated from the {@link Indicators}, never
 * typed: a bulletin of a unit for a period ranks the unit's <em>active child units</em>, each on the figures
 * of its whole subtree (the {@code byUnit} slices of the indicators; the issuing unit's own matters are not
 * ranked, it is the one issuing). The ranking is that of {@code BulletinRanking}: a composite score from 0 to
 * 100, the weighted mean of on-time completion (30), timely acceptance (20), satisfaction (20), resolved at
 * unit level (15) and resolved without repeat (15), over the rates that have a denominator (the weights of the
 * others are left out, not counted as zero); a unit with none of them is listed unranked. Equal scores share a
 * rank (1, 2, 2, 4). Lagging units are named: the bottom three (units with fewer than three ranked units
 * scoring strictly lower, so a tie with the third-last is named too; only when at least four units are
 * ranked), and any unit below a threshold: resolved at unit level (基层化解率) below 80 % (DOMAIN §8), on-time
 * completion or timely acceptance below 90 %. The supervisor edits the title and foreword of a draft and may
 * regenerate its figures; publishing freezes them.
 *
 * <p><b>Special bulletins</b> (专项通报) are written on a topic and name units (in the issuing unit's subtree,
 * not the issuing unit itself) with a note each.
 *
 * <p><b>Trigger rules</b>, applied when a bulletin is published, raise proposals a supervisor confirms or
 * dismisses with a reason; each names the rule and the two consecutive bulletins it fired on, and a rule fires
 * at most once per unit and later bulletin:
 * <ul>
 * <li>{@code BOTTOM_THREE_TWICE}: in the bottom three of two consecutive regular bulletins — the same issuing
 * unit and kind, periods adjoining (March and April; not March and May) → a reminder or an interview, the
 * supervisor picks which when confirming;
 * <li>{@code NAMED_TWICE}: named in two consecutive special bulletins of the same issuing unit (in order of
 * publication) → a reminder or an interview;
 * <li>{@code REMINDED_TWICE}: reminded twice in a row — the unit's proposals from two consecutive bulletins of
 * a series both confirmed as {@code REMINDER} → a flag (挂牌督办). Checked when a reminder is confirmed.
 * </ul>
 * Confirming publishes {@link MeasureProposalConfirmed} in the confirming transaction.
 *
 * <p>Bulletins are read by supervisors, leaders, unit heads and administrators whose subtree holds the issuing
 * unit; written, published and decided on by supervisors. Everything is audited. Units only, never petitioners.
 */
public interface Bulletins {

	/** Generates a regular bulletin; {@code period} as for the indicators: 2026-03, 2026-H1, 2026. */
	Bulletin generate(String unitCode, Kind kind, String period);

	/** Writes a special bulletin as a draft. */
	Bulletin writeSpecial(String unitCode, Text text);

	/** Edits a draft: title and foreword; for a special bulletin also its body and named units. */
	Bulletin edit(long id, Text text);

	/** Recomputes the figures of a regular draft. */
	Bulletin regenerate(long id);

	/** Publishes a draft, freezing it, and applies the trigger rules. */
	Bulletin publish(long id);

	Bulletin find(long id);

	/** The bulletins issued by units of the subtree (the user's own unit when {@code unitCode} is null). */
	List<Summary> list(String unitCode);

	byte[] pdf(long id);

	byte[] excel(long id);

	/** Proposals concerning bulletins issued in the subtree; {@code status} null: all. */
	List<Proposal> proposals(String unitCode, ProposalStatus status);

	Proposal confirm(long proposalId, MeasureProposalConfirmed.Measure measure);

	Proposal dismiss(long proposalId, String reason);

	enum Kind {
		MONTHLY, HALF_YEARLY, YEARLY, SPECIAL;

		public boolean regular() {
			return this != SPECIAL;
		}
	}

	enum Status {
		DRAFT, PUBLISHED
	}

	enum Rule {
		BOTTOM_THREE_TWICE, NAMED_TWICE, REMINDED_TWICE
	}

	enum Proposed {
		REMINDER_OR_INTERVIEW, FLAG
	}

	enum ProposalStatus {
		PROPOSED, CONFIRMED, DISMISSED
	}

	/** What a supervisor writes; null fields are left as they are. */
	record Text(String title, String foreword, String body, List<Named> namedUnits) {
	}

	/** A unit named in a special bulletin, with why. */
	record Named(String unitCode, String note) {
	}

	record Bulletin(long id, Kind kind, Status status, IndicatorReport.UnitRef issuingUnit, LocalDate periodFrom,
			LocalDate periodTo, String title, String foreword, String body, OffsetDateTime generatedAt,
			String createdBy, OffsetDateTime createdAt, String publishedBy, OffsetDateTime publishedAt,
			Long previousId, int version, List<Entry> entries, List<Proposal> proposals) {

		public List<Entry> lagging() {
			return entries.stream().filter(e -> !e.lagging().isEmpty()).toList();
		}
	}

	/**
	 * A unit in a bulletin: ranked ({@code rank} null when unranked) with its rates, or named (special).
	 * {@code lagging} lists why it is named: {@code BOTTOM_THREE}, {@code UNIT_LEVEL_BELOW_80},
	 * {@code COMPLETION_BELOW_90}, {@code ACCEPTANCE_BELOW_90}, or {@code NAMED} in a special bulletin.
	 */
	record Entry(IndicatorReport.UnitRef unit, int position, Integer rank, Double score,
			@JsonUnwrapped IndicatorReport.Rates rates, long received, long completionDue, long openOverdue,
			boolean bottomThree, List<String> lagging, String note) {
	}

	record Summary(long id, Kind kind, Status status, IndicatorReport.UnitRef issuingUnit, LocalDate periodFrom,
			LocalDate periodTo, String title, OffsetDateTime publishedAt, int lagging) {
	}

	record BulletinRef(long id, String title) {
	}

	/** @param reason the rule in words with the two bulletins, as carried into the measure */
	record Proposal(long id, IndicatorReport.UnitRef unit, Rule rule, Proposed proposed, BulletinRef earlier,
			BulletinRef later, ProposalStatus status, MeasureProposalConfirmed.Measure measure, String decidedBy,
			OffsetDateTime decidedAt, String dismissReason, OffsetDateTime createdAt, String reason) {
	}
}
