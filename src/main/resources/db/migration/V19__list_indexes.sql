-- Indexes for the staff lists at provincial scale (issue #4, BENCHMARKS.md "Causes and fixes").

-- Work queues (inbox, work, approvals, reviews: JdbcMatterQueries.list with MatterFilter.queue) ask for the matters
-- of a scope in a few states. Through matter_scope_idx every matter of the scope was read from the heap to test
-- its state: a hospital's handler read 3,588 matters (3,552 pages) to find the 276 it works on. This index holds
-- only the matters in a state some queue lists (13 % of them), so the same queue reads 438 rows. A query whose
-- states are a subset of these (the planner proves it from the constants; lists are planned with their values)
-- uses it; any other list keeps matter_scope_idx.
CREATE INDEX matter_queue_scope_idx ON matter USING gin (scope_unit_ids)
	WHERE status IN ('REGISTERED', 'RETURNED', 'ACCEPTED', 'IN_HANDLING', 'EXTENSION_REQUESTED', 'REPLY_DRAFTED',
		'UNDER_REVIEW', 'UNDER_REREVIEW');

-- A list counts its matters up to 1,001 (JdbcMatterQueries.COUNT_LIMIT). For a large scope (a county: 71,000 of a
-- million) the GIN index can only answer with a bitmap of every match, built in full before the first row (45 ms
-- of the 100 ms count). With the scope in the deadline-order index itself, the count is an index-only scan that
-- stops at the 1,001st match (13,600 index entries for a county); small scopes keep the GIN index. The key and
-- order are those of matter_deadline_order_idx (V14), which this index replaces.
CREATE INDEX matter_deadline_scope_idx ON matter (next_due_date ASC NULLS LAST, received_at DESC, id DESC)
	INCLUDE (scope_unit_ids);
DROP INDEX matter_deadline_order_idx;
