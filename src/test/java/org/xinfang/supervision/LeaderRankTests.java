package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule of DOMAIN §6: province or above → a principal owns the matter; the city → a deputy. */
class LeaderRankTests {

	@ParameterizedTest
	@CsvSource({ "CENTRAL, PRINCIPAL", "PROVINCE, PRINCIPAL", "PREFECTURE, DEPUTY", "COUNTY, DEPUTY" })
	void rankFollowsTheSupervisingLevel(SupervisingLevel level, LeaderRank rank) {
		assertThat(LeaderRank.suggestedFor(level)).isEqualTo(rank);
	}
}
