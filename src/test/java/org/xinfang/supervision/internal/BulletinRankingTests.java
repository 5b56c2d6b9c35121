package org.xinfang.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xinfang.supervision.IndicatorReport.Rates;
import org.xinfang.supervision.internal.BulletinRanking.Figures;
import org.xinfang.supervision.internal.BulletinRanking.Ranked;

/** The composite score, competition ranks and lagging units of a regular bulletin, worked out by hand. */
class BulletinRankingTests {

	/** acceptance, completion, satisfaction, unit level, without repeat; the other rates do not count. */
	static Rates rates(Double acceptance, Double completion, Double satisfaction, Double unitLevel, Double withoutRepeat) {
		return new Rates(acceptance, completion, 0.1, satisfaction, 0.9, withoutRepeat, unitLevel, 0.5);
	}

	@Test
	void scoreIsTheWeightedMeanOfTheRatesThatHaveData() {
		// (30·1 + 20·1 + 20·0.5 + 15·1 + 15·1) / 100
		assertThat(BulletinRanking.score(rates(1.0, 1.0, 0.5, 1.0, 1.0))).isEqualByComparingTo("90.00");
		// satisfaction without data: (30·1 + 20·0 + 15·0 + 15·0) / 80
		assertThat(BulletinRanking.score(rates(0.0, 1.0, null, 0.0, 0.0))).isEqualByComparingTo("37.50");
		// (30·0 + 20·0.5) / 50
		assertThat(BulletinRanking.score(rates(0.5, 0.0, null, null, null))).isEqualByComparingTo("20.00");
		// (20·2/3) / 20, rounded half up
		assertThat(BulletinRanking.score(rates(2.0 / 3, null, null, null, null))).isEqualByComparingTo("66.67");
		assertThat(BulletinRanking.score(rates(null, null, null, null, null))).isNull();
	}

	@Test
	void equalScoresShareARankAndATieWithTheThirdLastIsNamedToo() {
		List<Ranked> ranked = BulletinRanking.rank(List.of(
				new Figures(1, "U1", rates(1.0, 1.0, 0.5, 1.0, 1.0)), // 90
				new Figures(2, "U2", rates(0.0, 1.0, null, 0.0, 0.0)), // 37.5
				new Figures(3, "U3", rates(0.5, 0.0, null, null, null)), // 20
				new Figures(4, "U4", rates(0.75, null, null, null, null)), // 75
				new Figures(5, "U5", rates(null, null, null, null, null)), // unranked
				new Figures(6, "U6", rates(0.75, null, null, null, null)))); // 75

		assertThat(ranked).extracting(r -> r.figures().code()).containsExactly("U1", "U4", "U6", "U2", "U3", "U5");
		assertThat(ranked).extracting(Ranked::rank).containsExactly(1, 2, 2, 4, 5, null);
		assertThat(ranked).extracting(Ranked::position).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(ranked).extracting(Ranked::score).containsExactly(new BigDecimal("90.00"), new BigDecimal("75.00"),
				new BigDecimal("75.00"), new BigDecimal("37.50"), new BigDecimal("20.00"), null);
		// fewer than three units score below U4 and U6 (U2, U3): the tie is named with the bottom three
		assertThat(ranked).extracting(Ranked::bottomThree).containsExactly(false, true, true, true, true, false);
		assertThat(ranked.get(0).lagging()).isEmpty();
		assertThat(ranked.get(1).lagging()).containsExactly("BOTTOM_THREE", "ACCEPTANCE_BELOW_90");
		assertThat(ranked.get(3).lagging()).containsExactly("BOTTOM_THREE", "UNIT_LEVEL_BELOW_80", "ACCEPTANCE_BELOW_90");
		assertThat(ranked.get(4).lagging()).containsExactly("BOTTOM_THREE", "COMPLETION_BELOW_90", "ACCEPTANCE_BELOW_90");
		assertThat(ranked.get(5).lagging()).isEmpty();
	}

	@Test
	void noBottomThreeAmongFewerThanFourRankedUnitsButThresholdsStillName() {
		List<Ranked> ranked = BulletinRanking.rank(List.of(new Figures(1, "A", rates(1.0, 1.0, 1.0, 1.0, 1.0)),
				new Figures(2, "B", rates(0.5, 1.0, 1.0, 0.7, 1.0)), new Figures(3, "C", rates(1.0, 0.95, 1.0, 0.8, 1.0))));
		assertThat(ranked).noneMatch(Ranked::bottomThree);
		assertThat(ranked.get(2).figures().code()).isEqualTo("B");
		assertThat(ranked.get(2).lagging()).containsExactly("UNIT_LEVEL_BELOW_80", "ACCEPTANCE_BELOW_90");
		// exactly at the thresholds (80 %, and 95 % ≥ 90 %) is not lagging
		assertThat(ranked.get(1).lagging()).isEmpty();
	}
}
