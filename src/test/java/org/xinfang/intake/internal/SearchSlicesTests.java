package org.xinfang.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.xinfang.support.XinfangTest;

/** The slices of the full-text indexes (V32) that a search reads in order (JdbcMatterQueries.SEARCH_SLICES). */
@XinfangTest
class SearchSlicesTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyMatterIsInExactlyOneSlice() {
		// a matter in no slice could never be found, one in two would be counted twice
		String inSlices = JdbcMatterQueries.SEARCH_SLICES.stream()
			.map(slice -> "(" + slice + ")::INT")
			.collect(Collectors.joining(" + "));
		List<Long> wrong = jdbc.sql("SELECT m.id FROM generate_series(-100, 1000) AS m (id) WHERE " + inSlices + " <> 1")
			.query(Long.class)
			.list();
		assertThat(wrong).isEmpty();
	}

	@Test
	void theSlicesGrowSoThatACommonWordStopsInTheFirst() {
		List<Long> sizes = JdbcMatterQueries.SEARCH_SLICES.stream()
			.map(slice -> jdbc.sql("SELECT count(*) FROM generate_series(1, 3200) AS m (id) WHERE " + slice)
				.query(Long.class)
				.single())
			.toList();
		assertThat(sizes).containsExactly(100L, 100L, 200L, 400L, 800L, 1600L);
	}

	@Test
	void eachSliceHasItsTwoIndexes() {
		// each slice's condition is its indexes' predicate, so that the planner can prove they answer it
		List<String> predicates = jdbc.sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'matter'"
				+ " AND indexname LIKE 'matter_search_%'")
			.query(String.class)
			.list();
		assertThat(predicates).hasSize(2 * JdbcMatterQueries.SEARCH_SLICES.size());
		for (int k = 0; k < JdbcMatterQueries.SEARCH_SLICES.size(); k++) {
			String index = "matter_search_open_s" + k + "_idx";
			String protectedIndex = "matter_search_protected_s" + k + "_idx";
			assertThat(predicates).anyMatch(d -> d.contains(index + " ON")).anyMatch(d -> d.contains(protectedIndex + " ON"));
		}
	}
}
