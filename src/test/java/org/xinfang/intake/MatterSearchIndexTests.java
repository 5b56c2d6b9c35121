package org.xinfang.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.support.XinfangTest;

/**
 * The Chinese search of V11 at the SQL level: a word of two or more characters matches inside running text,
 * and only where its characters stand together.
 */
@XinfangTest
class MatterSearchIndexTests {

	static final String TEXT = "本人在县人民医院门诊就诊时被重复收取检查费，医保报销困难。CT检查做了2次，乱收费问题严重。";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource({
			"医保, true", // two characters inside running text
			"收费, true", // 乱收费问题: inside a longer run
			"报销困难, true", // four characters
			"重复收取, true",
			"医保 报销, true", // every word must match
			"门诊 牙科, false",
			"医报, false", // characters that never stand together
			"费医, false", // 检查费，医保: a phrase never spans punctuation
			"ct, true", // Latin words, case-insensitive
			"CT检查, true",
			"mri, false",
			"县人民医院, true" })
	void wordMatchesWhereItsCharactersStandTogether(String query, boolean matches) {
		Boolean result = jdbc.sql("SELECT xf_search_vector(:text) @@ xf_search_query(:q)")
			.param("text", TEXT)
			.param("q", query)
			.query(Boolean.class)
			.single();
		assertThat(result).isEqualTo(matches);
	}

	@Test
	void nothingSearchableTypedGivesNoQuery() {
		Boolean isNull = jdbc.sql("SELECT xf_search_query('，。 ！') IS NULL").query(Boolean.class).single();
		assertThat(isNull).isTrue();
	}

	@Test
	void searchCanUseTheIndex() {
		// with a test database's few rows the planner prefers a sequential scan; ask whether the index is usable
		String plan = tx.execute(status -> {
			jdbc.sql("SET LOCAL enable_seqscan = off").update();
			return String.join("\n", jdbc.sql("""
					EXPLAIN SELECT id FROM matter m
					WHERE ((NOT (m.kind = 'REPORT' OR m.concerned_unit_complained_about)
					        AND m.search_vector @@ xf_search_query('医保'))
					       OR ((m.kind = 'REPORT' OR m.concerned_unit_complained_about)
					        AND m.search_vector_redacted @@ xf_search_query('医保')))
					  AND m.id % 32 BETWEEN 4 AND 7
					""").query(String.class).list());
		});
		// the condition of one slice of a list's search (JdbcMatterQueries.matching) is answered by that slice's two
		// partial indexes (V24, split by V31, V32) alone: no filter re-reads the vectors of the rows the index returned
		assertThat(plan).contains("matter_search_open_s3_idx").contains("matter_search_protected_s3_idx")
			.doesNotContain("Filter:");
	}

	@Test
	void aSearchOfTheWholeScopeKeepsItsPlanWhenReused() {
		// JdbcMatterQueries counts the search of a user at the top of the tree, and reads any long search's page, with
		// a reused (generic) plan: the plan of a prepared statement made without the word or the scope must still be
		// the part's two partial indexes with the scope as the only filter (not the scope index, which a generic
		// plan prefers here when the scope is written so that it can answer it), and the page a walk of the list's
		// index in its order
		String plans = tx.execute(status -> {
			jdbc.sql("SELECT set_config('plan_cache_mode', 'force_generic_plan', TRUE), "
					+ "set_config('enable_seqscan', 'off', TRUE), "
					+ "set_config('max_parallel_workers_per_gather', '0', TRUE)").query((rs, n) -> 1).list();
			jdbc.sql("PREPARE xf_count_part(BIGINT, TEXT, INT) AS SELECT count(*) FROM (SELECT 1 FROM matter m WHERE "
					+ "(m.scope_unit_ids @> ARRAY[CAST($1 AS BIGINT)]) IS TRUE AND " + TEXT_CONDITION
					+ " AND m.id % 32 >= 16 LIMIT $3) c").update();
			String count = String.join("\n",
					jdbc.sql("EXPLAIN EXECUTE xf_count_part(1, '''医保''', 1001)").query(String.class).list());
			jdbc.sql("DEALLOCATE xf_count_part").update();
			jdbc.sql("SELECT set_config('enable_bitmapscan', 'off', TRUE)").query((rs, n) -> 1).list();
			jdbc.sql("PREPARE xf_page(BIGINT, TEXT, INT, BIGINT) AS SELECT m.id FROM matter m WHERE "
					+ "m.scope_unit_ids @> ARRAY[CAST($1 AS BIGINT)] AND " + TEXT_CONDITION
					+ " ORDER BY m.next_due_date ASC NULLS LAST, m.received_at DESC, m.id DESC LIMIT $3 OFFSET $4")
				.update();
			String page = String.join("\n",
					jdbc.sql("EXPLAIN EXECUTE xf_page(1, '''医保''', 20, 0)").query(String.class).list());
			jdbc.sql("DEALLOCATE xf_page").update();
			return count + "\n---\n" + page;
		});
		String count = plans.substring(0, plans.indexOf("---"));
		String page = plans.substring(plans.indexOf("---"));
		assertThat(count).contains("matter_search_open_s5_idx").contains("matter_search_protected_s5_idx")
			.contains("Filter: ((scope_unit_ids @> ARRAY[$1]) IS TRUE)")
			.doesNotContain("Seq Scan")
			.doesNotContain("Gather");
		assertThat(count.lines().filter(l -> l.contains("Filter:"))).allMatch(l -> !l.contains("search_vector"));
		assertThat(page).contains("Index Scan using matter_deadline_scope_idx").doesNotContain("Sort")
			.doesNotContain("Gather");
	}

	/** A list's search condition (JdbcMatterQueries.list) with the query as the parameter $2. */
	private static final String TEXT_CONDITION = """
			((NOT (m.kind = 'REPORT' OR m.concerned_unit_complained_about) AND m.search_vector @@ CAST($2 AS tsquery))
			     OR ((m.kind = 'REPORT' OR m.concerned_unit_complained_about)
			         AND m.search_vector_redacted @@ CAST($2 AS tsquery)))
			""";
}
