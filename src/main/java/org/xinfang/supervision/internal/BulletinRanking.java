package org.xinfang.supervision.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xinfang.supervision.Bulletins;
import org.xinfang.supervision.IndicatorReport.Rates;

/**
 * The ranking of a regular bulletin (documented on {@link Bulletins}): a composite score, competition ranks and
 * the lagging units. A pure function of the figures, so it is checked without a database.
 */
final class BulletinRanking {

	static final double W_COMPLETION = 30;

	static final double W_ACCEPTANCE = 20;

	static final double W_SATISFACTION = 20;

	static final double W_UNIT_LEVEL = 15;

	static final double W_WITHOUT_REPEAT = 15;

	/** 基层化解率 target of DOMAIN §8. */
	static final double UNIT_LEVEL_TARGET = 0.80;

	/** Local thresholds for on-time completion and timely acceptance. */
	static final double COMPLETION_TARGET = 0.90;

	static final double ACCEPTANCE_TARGET = 0.90;

	/** The bottom three are named only among at least this many ranked units. */
	static final int MIN_RANKED_FOR_BOTTOM = 4;

	static final int BOTTOM = 3;

	private BulletinRanking() {
	}

	/** A unit's figures going in. */
	record Figures(long unitId, String code, Rates rates) {
	}

	/** A unit coming out, in order: ranked units by score (ties by code), then the unranked by code. */
	record Ranked(Figures figures, int position, Integer rank, BigDecimal score, boolean bottomThree,
			List<String> lagging) {
	}

	/** 0–100 with two decimals, or null when no rate of the score has a denominator. */
	static BigDecimal score(Rates r) {
		double sum = 0;
		double weights = 0;
		double[][] parts = { { value(r.onTimeCompletionRate()), W_COMPLETION },
				{ value(r.timelyAcceptanceRate()), W_ACCEPTANCE }, { value(r.satisfactionRate()), W_SATISFACTION },
				{ value(r.resolvedAtUnitLevelRate()), W_UNIT_LEVEL },
				{ value(r.resolvedWithoutRepeatRate()), W_WITHOUT_REPEAT } };
		for (double[] part : parts) {
			if (!Double.isNaN(part[0])) {
				sum += part[0] * part[1];
				weights += part[1];
			}
		}
		return weights == 0 ? null : BigDecimal.valueOf(100 * sum / weights).setScale(2, RoundingMode.HALF_UP);
	}

	private static double value(Double rate) {
		return rate == null ? Double.NaN : rate;
	}

	static List<Ranked> rank(List<Figures> units) {
		record Scored(Figures f, BigDecimal score) {
		}
		List<Scored> scored = units.stream().map(f -> new Scored(f, score(f.rates()))).toList();
		List<Scored> ranked = scored.stream()
			.filter(s -> s.score() != null)
			.sorted(Comparator.comparing(Scored::score).reversed().thenComparing(s -> s.f().code()))
			.toList();
		List<Scored> unranked = scored.stream()
			.filter(s -> s.score() == null)
			.sorted(Comparator.comparing(s -> s.f().code()))
			.toList();
		List<Ranked> out = new ArrayList<>();
		int position = 0;
		for (Scored s : ranked) {
			position++;
			long higher = ranked.stream().filter(o -> o.score().compareTo(s.score()) > 0).count();
			long lower = ranked.stream().filter(o -> o.score().compareTo(s.score()) < 0).count();
			boolean bottom = ranked.size() >= MIN_RANKED_FOR_BOTTOM && lower < BOTTOM;
			out.add(new Ranked(s.f(), position, (int) higher + 1, s.score(), bottom, lagging(s.f().rates(), bottom)));
		}
		for (Scored s : unranked) {
			position++;
			out.add(new Ranked(s.f(), position, null, null, false, lagging(s.f().rates(), false)));
		}
		return out;
	}

	private static List<String> lagging(Rates r, boolean bottom) {
		List<String> reasons = new ArrayList<>();
		if (bottom) {
			reasons.add("BOTTOM_THREE");
		}
		if (r.resolvedAtUnitLevelRate() != null && r.resolvedAtUnitLevelRate() < UNIT_LEVEL_TARGET) {
			reasons.add("UNIT_LEVEL_BELOW_80");
		}
		if (r.onTimeCompletionRate() != null && r.onTimeCompletionRate() < COMPLETION_TARGET) {
			reasons.add("COMPLETION_BELOW_90");
		}
		if (r.timelyAcceptanceRate() != null && r.timelyAcceptanceRate() < ACCEPTANCE_TARGET) {
			reasons.add("ACCEPTANCE_BELOW_90");
		}
		return reasons;
	}
}
