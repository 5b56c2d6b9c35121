-- Full-text search at provincial scale (issue #4, benchmark B3; BENCHMARKS.md "Causes and fixes" 38).
--
-- A list's capped count of a search ("more than 1,000?") stops at 1,001 matches, but a full-text index cannot stop
-- early: a bitmap index scan decodes the whole posting list of every word of the query before the first row is
-- counted, e.g. the 878,000 matters of the pair 医院 at a million matters, ~30-60 ms of CPU per count. Here each of
-- V24's two partial indexes is split into eight by id % 8, each an eighth of the size. JdbcMatterQueries counts a
-- search as the UNION ALL of the eight parts under one LIMIT: a common word reaches 1,001 in the first part and the
-- other seven are never scanned; a rare word scans all eight, about what the one index cost. A matter is in
-- exactly one of the sixteen, as before in one of two, so a write maintains one index entry set as before.
DO $$
BEGIN
    FOR k IN 0..7 LOOP
        EXECUTE format('CREATE INDEX IF NOT EXISTS matter_search_open_%s_idx ON matter USING gin (search_vector) '
            'WHERE NOT (kind = ''REPORT'' OR concerned_unit_complained_about) AND id %% 8 = %s', k, k);
        EXECUTE format('CREATE INDEX IF NOT EXISTS matter_search_protected_%s_idx ON matter '
            'USING gin (search_vector_redacted) '
            'WHERE (kind = ''REPORT'' OR concerned_unit_complained_about) AND id %% 8 = %s', k, k);
    END LOOP;
END $$;

DROP INDEX IF EXISTS matter_search_open_idx;
DROP INDEX IF EXISTS matter_search_protected_idx;
