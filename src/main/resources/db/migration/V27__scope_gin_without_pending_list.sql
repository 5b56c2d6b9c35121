-- The GIN indexes of the data scope (V14 matter_scope_idx, V19 matter_queue_scope_idx) without a pending list
-- (issue #4, BENCHMARKS.md "Causes and fixes" 32).
--
-- With GIN's default fastupdate, new entries go to an unsorted pending list, merged into the index only by VACUUM
-- or when the list passes gin_pending_list_limit (4 MB). Every scan of the index reads the whole pending list
-- first. On the 1M bench database after some lifecycle runs, matter_queue_scope_idx had 10,429 pending entries
-- (77 pages): its scan for one hospital took 1.5-5.5 ms instead of 0.2 ms. A scope array has a handful of keys,
-- so inserting them directly costs little; the full-text index (~150 keys per matter) keeps its pending list.
ALTER INDEX matter_scope_idx SET (fastupdate = off);
ALTER INDEX matter_queue_scope_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('matter_scope_idx'::regclass);
SELECT gin_clean_pending_list('matter_queue_scope_idx'::regclass);
