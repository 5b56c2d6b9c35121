-- Full-text search at provincial scale (issue #4, benchmark B3; BENCHMARKS.md "Causes and fixes" 38).
--
-- A list's capped count of a search ("more than 1,000?") stops at 1,001 matches, but a full-text index cannot stop
-- early: a bitmap index scan decodes the whole posting list of every word of the query before the first row is
-- counted, e.g. the 878,000 matters of the pair 医院 at a million matters, ~30-60 ms of CPU per count. Here each of
-- V24's two partial indexes is split into eight by id % 8, each an eighth of the size. JdbcMatterQueries counts a
-- search as the UNION ALL of the eight parts under one LIMIT: a common word reaches 1,001 in the first part and the
-- other seven are never scanned; a rare word scans all eight, about what the one index cost. A matter is in
-- exactly one of the sixteen, as before in one of two, so a write maintains one index entry set as before.
--
-- Each part keeps a pending list of at most 64 kB (gin_pending_list_limit, default 4 MB): a search reads every
-- part's pending list whole, so with the default a word that occurs nowhere read up to 8 x 512 pages (measured:
-- 424 pages a part after a few thousand registrations, 40 ms for a count of nothing). New matters' entries still
-- go in batches, flushed into the index by the writer every few registrations.
DO $$
BEGIN
    FOR k IN 0..7 LOOP
        EXECUTE format('CREATE INDEX IF NOT EXISTS matter_search_open_%s_idx ON matter USING gin (search_vector) '
            'WITH (gin_pending_list_limit = 64) '
            'WHERE NOT (kind = ''REPORT'' OR concerned_unit_complained_about) AND id %% 8 = %s', k, k);
        EXECUTE format('CREATE INDEX IF NOT EXISTS matter_search_protected_%s_idx ON matter '
            'USING gin (search_vector_redacted) WITH (gin_pending_list_limit = 64) '
            'WHERE (kind = ''REPORT'' OR concerned_unit_complained_about) AND id %% 8 = %s', k, k);
    END LOOP;
END $$;

DROP INDEX IF EXISTS matter_search_open_idx;
DROP INDEX IF EXISTS matter_search_protected_idx;
