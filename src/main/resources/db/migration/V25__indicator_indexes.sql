-- The monthly indicators at provincial scale (issue #4, BENCHMARKS.md "Causes and fixes" 21).
--
-- JdbcIndicators finds the acceptance and handling periods settled in a period in two disjoint parts: met in time
-- on a date of the period, and ran out on a date of the period (unmet, or met late). V15's indexes on
-- (rule_code, met_on) and (rule_code, due_date) could only feed a bitmap of both, and every candidate row was then
-- read from the heap to test the other dates: 99,762 rows on 40,735 pages for a month at a million matters. Each
-- part now has a partial index holding exactly its rows' kind, keyed by the date that places them in the period and
-- carrying the columns the statement reads, so both are index-only scans (709 pages for the same month).
CREATE INDEX IF NOT EXISTS matter_deadline_met_in_time_idx ON matter_deadline (met_on) INCLUDE (matter_id, rule_code)
	WHERE rule_code IN ('ACCEPTANCE', 'HANDLING') AND met_on <= due_date;
CREATE INDEX IF NOT EXISTS matter_deadline_ran_out_idx ON matter_deadline (due_date)
	INCLUDE (matter_id, rule_code, met_on)
	WHERE rule_code IN ('ACCEPTANCE', 'HANDLING') AND (met_on IS NULL OR met_on > due_date);
DROP INDEX IF EXISTS matter_deadline_settled_met_idx;
DROP INDEX IF EXISTS matter_deadline_settled_due_idx;

-- Whether the petitioner's evaluation window of a reply delivered in the period has closed: one look-up per
-- unevaluated reply (12,818 for that month), now index-only instead of the primary key and the heap.
CREATE INDEX IF NOT EXISTS matter_deadline_evaluation_idx ON matter_deadline (matter_id) INCLUDE (due_date)
	WHERE rule_code = 'EVALUATION_WINDOW';
