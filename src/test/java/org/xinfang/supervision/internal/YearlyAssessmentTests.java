package org.xinfang.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.xinfang.supervision.IndicatorReport.Rates;
import org.xinfang.supervision.IndicatorReport.UnitRef;
import org.xinfang.supervision.TargetLetters.Assessment;
import org.xinfang.supervision.TargetLetters.Targets;

/** The yearly assessment score, worked out by hand. */
class YearlyAssessmentTests {

	static final UnitRef UNIT = new UnitRef("H1", "医院");

	/** acceptance, completion, participation, satisfaction, repeat, without repeat, unit level, online. */
	static Rates rates(Double acceptance, Double completion, Double satisfaction, Double repeat, Double unitLevel) {
		return new Rates(acceptance, completion, 0.5, satisfaction, repeat, 0.3, unitLevel, 0.4);
	}

	@Test
	void indicatorPartIsTheMeanAttainmentOfTheTargetsWithData() {
		Targets targets = new Targets(0.9, 0.9, 0.8, 0.8, null, 0.1, null);
		// attainments: 0.6 / 0.9, 1 (capped), satisfaction without data left out, 0.8 / 0.8 = 1,
		// repeat 0.2 over the 0.1 ceiling: 0.8 / 0.9 → mean (2/3 + 1 + 1 + 8/9) / 4 = 0.8889 → 71.11
		Assessment a = YearlyAssessment.assess(UNIT, 2026, targets, rates(0.6, 1.0, null, 0.2, 0.8), 2, 1);
		assertThat(a.lines()).extracting(l -> l.indicator()).containsExactly("timelyAcceptance", "onTimeCompletion",
				"satisfaction", "resolvedAtUnitLevel", "maxRepeatRate");
		assertThat(a.lines().get(0).attainment()).isCloseTo(2.0 / 3, within(1e-9));
		assertThat(a.lines().get(1).attainment()).isEqualTo(1.0);
		assertThat(a.lines().get(2).attainment()).isNull();
		assertThat(a.lines().get(4).attainment()).isCloseTo(8.0 / 9, within(1e-9));
		assertThat(a.indicatorPart()).isEqualTo(71.11);
		// two times in the bottom three and one measure confirmed: 20 − 3 × 5
		assertThat(a.bulletinPart()).isEqualTo(5.0);
		assertThat(a.score()).isEqualTo(76.11);
		assertThat(a.noIndicatorData()).isFalse();
	}

	@Test
	void withoutDataTheIndicatorPartIsFullAndTheBulletinPartNeverNegative() {
		Assessment a = YearlyAssessment.assess(UNIT, 2026, new Targets(null, null, 0.9, null, null, null, null),
				rates(0.5, 0.5, null, 0.0, 0.5), 3, 4);
		assertThat(a.noIndicatorData()).isTrue();
		assertThat(a.indicatorPart()).isEqualTo(80.0);
		assertThat(a.bulletinPart()).isEqualTo(0.0);
		assertThat(a.score()).isEqualTo(80.0);
		// a repeat rate under the ceiling is met in full; a target of 0 is always met
		Assessment b = YearlyAssessment.assess(UNIT, 2026, new Targets(0.0, null, null, null, null, 0.1, null),
				rates(0.0, null, null, 0.05, null), 0, 0);
		assertThat(b.score()).isEqualTo(100.0);
	}
}
