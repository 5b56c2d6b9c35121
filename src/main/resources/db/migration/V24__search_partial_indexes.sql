-- Full-text search at provincial scale (issue #4, BENCHMARKS.md "Causes and fixes" 20).
--
-- A list searches an unprotected matter by its vector and a protected one (a report, or the concerned unit is the
-- one complained about) by its redacted vector (V13):
--   (NOT protected AND search_vector @@ q) OR (protected AND search_vector_redacted @@ q)
-- With an index on each whole column, the planner could only use them for the OR of the two matches and had to
-- test the full condition again on every row the bitmap returned, reading each row's vector from TOAST (~1.8 kB,
-- ~4 buffers a row) even for a word whose index match needs no recheck. With each index restricted to the matters
-- that are searched through it, the BitmapOr of the two is exactly the condition: a row is read from the heap
-- only to count it (and its vector only when a phrase must be rechecked for the positions of its bigrams).
CREATE INDEX IF NOT EXISTS matter_search_open_idx ON matter USING gin (search_vector)
	WHERE NOT (kind = 'REPORT' OR concerned_unit_complained_about);
CREATE INDEX IF NOT EXISTS matter_search_protected_idx ON matter USING gin (search_vector_redacted)
	WHERE kind = 'REPORT' OR concerned_unit_complained_about;
DROP INDEX IF EXISTS matter_search_idx;
DROP INDEX IF EXISTS matter_search_redacted_idx;
