-- The staff lists read from a narrow read model, one row per matter and unit of its scope (issue #4, benchmark
-- B2; BENCHMARKS.md "Causes and fixes" 30-31).
--
-- A list is "the matters whose scope_unit_ids contain my unit, nearest deadline first". With only the GIN index on
-- matter.scope_unit_ids (V14, V19) PostgreSQL could either build a bitmap of the whole scope and visit every
-- matter's heap row (a hospital's work queue: 438 rows on 436 pages, twice per page: count and page), or walk the
-- global deadline order and test every matter's scope array (a county's capped count: 13,600 index entries and
-- up to 4,000 heap visits for 1,001 matches). Neither can stop early within one unit. Here each matter has a row per
-- unit of its scope, with the list's sort keys and its state, so a scope in deadline order is a range of a B-tree:
-- a page is an index-only read of its own rows and a capped count reads at most 1,001 index entries.
--
-- Kept by triggers on matter (same transaction, so always exact): an insert adds the rows of the new matter's scope
-- (set by the BEFORE INSERT trigger of V14); a change of scope replaces them; a change of state, nearest deadline
-- (kept by the trigger on matter_deadline) or reception time updates them. AFTER triggers only: a BEFORE UPDATE
-- trigger on matter would recompute the search vector on every update (see V14).

CREATE TABLE matter_scope_entry (
    unit_id        BIGINT      NOT NULL,
    matter_id      BIGINT      NOT NULL REFERENCES matter (id) ON DELETE CASCADE,
    status         TEXT        NOT NULL,
    next_due_date  DATE,
    received_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (matter_id, unit_id)
);

CREATE FUNCTION matter_scope_entry_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.scope_unit_ids = NEW.scope_unit_ids THEN
        UPDATE matter_scope_entry
        SET status = NEW.status, next_due_date = NEW.next_due_date, received_at = NEW.received_at
        WHERE matter_id = NEW.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM matter_scope_entry WHERE matter_id = NEW.id;
    END IF;
    INSERT INTO matter_scope_entry (unit_id, matter_id, status, next_due_date, received_at)
    SELECT DISTINCT s.id, NEW.id, NEW.status, NEW.next_due_date, NEW.received_at
    FROM unnest(NEW.scope_unit_ids) AS s (id);
    RETURN NULL;
END $$;

CREATE TRIGGER matter_scope_entry_on_insert AFTER INSERT ON matter
    FOR EACH ROW EXECUTE FUNCTION matter_scope_entry_sync();

CREATE TRIGGER matter_scope_entry_on_update
    AFTER UPDATE OF scope_unit_ids, status, next_due_date, received_at ON matter FOR EACH ROW
    WHEN (OLD.scope_unit_ids IS DISTINCT FROM NEW.scope_unit_ids
          OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.next_due_date IS DISTINCT FROM NEW.next_due_date
          OR OLD.received_at IS DISTINCT FROM NEW.received_at)
    EXECUTE FUNCTION matter_scope_entry_sync();

-- Existing matters (at 1M matters: ~4M rows), then the indexes, built once rather than maintained row by row.
ALTER TABLE matter_scope_entry DROP CONSTRAINT matter_scope_entry_pkey;
INSERT INTO matter_scope_entry (unit_id, matter_id, status, next_due_date, received_at)
SELECT DISTINCT s.id, m.id, m.status, m.next_due_date, m.received_at
FROM matter m, unnest(m.scope_unit_ids) AS s (id);
ALTER TABLE matter_scope_entry ADD PRIMARY KEY (matter_id, unit_id);

-- A unit's matters in the lists' order (JdbcMatterQueries.list: m.next_due_date ASC NULLS LAST, m.received_at DESC,
-- m.id DESC): the first page is the start of the unit's range, the capped count its first 1,001 entries.
CREATE INDEX matter_scope_entry_order_idx
    ON matter_scope_entry (unit_id, next_due_date ASC NULLS LAST, received_at DESC, matter_id DESC);

-- The work queues (inbox, work, approvals, reviews): a unit's matters in a few states, by state and then in the
-- lists' order. Only the states some queue lists (as V19's matter_queue_scope_idx), a small part of the table.
CREATE INDEX matter_scope_entry_queue_idx
    ON matter_scope_entry (unit_id, status, next_due_date ASC NULLS LAST, received_at DESC, matter_id DESC)
    WHERE status IN ('REGISTERED', 'RETURNED', 'ACCEPTED', 'IN_HANDLING', 'EXTENSION_REQUESTED', 'REPLY_DRAFTED',
        'UNDER_REVIEW', 'UNDER_REREVIEW');

ANALYZE matter_scope_entry;
