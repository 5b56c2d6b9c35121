-- Full-text search at provincial scale (issue #4, benchmark B3; BENCHMARKS.md "Causes and fixes" 81).
--
-- V31 split each of V24's two partial full-text indexes in eight equal parts by id % 8, so that a count capped at
-- 1,001 stops in the first part for a common word. What is left of such a count is the first part itself: a bitmap
-- index scan decodes the whole posting list of each pair of the word in that part (an eighth of 医院's 878,000
-- matters at a million, and for 卫生院 both 卫生 and 生院) before the first row is counted. Here the parts grow
-- geometrically instead, by id % 32: 1/32, 1/32, 2/32, 4/32, 8/32 and 16/32 of the matters. A count reads them in
-- that order under one LIMIT (JdbcMatterQueries.SEARCH_SLICES): a common word stops in the first, a quarter of V31's
-- first part; a less common one goes on into slices twice as large each time, so it decodes at most about twice
-- what it needs; a rare word reads six small indexes instead of eight. A matter is in exactly one of the twelve, as
-- before in one of sixteen: a write maintains one index entry set as before, and the indexes hold the same entries.
-- The first slice takes id % 32 <= 0 and the last >= 16 so that together they cover every id.
-- Build at a million matters: the same entries as V31's sixteen (BENCHMARKS.md 81 for the time measured).
DO $$
DECLARE
    slices TEXT[] := ARRAY['id % 32 <= 0', 'id % 32 = 1', 'id % 32 BETWEEN 2 AND 3', 'id % 32 BETWEEN 4 AND 7',
                           'id % 32 BETWEEN 8 AND 15', 'id % 32 >= 16'];
BEGIN
    FOR k IN 1..6 LOOP
        EXECUTE format('CREATE INDEX IF NOT EXISTS matter_search_open_s%s_idx ON matter USING gin (search_vector) '
            'WITH (gin_pending_list_limit = 64) '
            'WHERE NOT (kind = ''REPORT'' OR concerned_unit_complained_about) AND %s', k - 1, slices[k]);
        EXECUTE format('CREATE INDEX IF NOT EXISTS matter_search_protected_s%s_idx ON matter '
            'USING gin (search_vector_redacted) WITH (gin_pending_list_limit = 64) '
            'WHERE (kind = ''REPORT'' OR concerned_unit_complained_about) AND %s', k - 1, slices[k]);
    END LOOP;
    FOR k IN 0..7 LOOP
        EXECUTE format('DROP INDEX IF EXISTS matter_search_open_%s_idx', k);
        EXECUTE format('DROP INDEX IF EXISTS matter_search_protected_%s_idx', k);
    END LOOP;
END $$;
