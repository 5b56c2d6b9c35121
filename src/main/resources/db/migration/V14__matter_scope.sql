-- The data scope of a matter as unit ids, so that lists are index look-ups (issue #4, benchmark B2).
--
-- A user sees a matter when the receiving office, the concerned unit or the handling unit lies in the user's
-- subtree (DOMAIN §1). Written as three path comparisons, that condition could only be checked by joining every
-- matter with its units: at 1,000,000 matters a county registrar's list took 1.6 s, all of it a sequential scan.
-- Equivalently, the matter is visible to the staff of every unit on the paths of those three units. This
-- migration stores that set of unit ids on the matter, kept by triggers, with a GIN index: a user's matters are
-- then "scope_unit_ids @> ARRAY[the user's unit id]", and a count of them reads only the index.

ALTER TABLE matter ADD COLUMN scope_unit_ids BIGINT[] NOT NULL DEFAULT '{}';

-- The ids on the materialised paths ("/1/4/9/") of the given units, sorted, without duplicates.
CREATE FUNCTION matter_scope_of(receiving BIGINT, concerned BIGINT, handling BIGINT) RETURNS BIGINT[]
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT s.id ORDER BY s.id), '{}')
    FROM unit u, LATERAL unnest(string_to_array(trim(BOTH '/' FROM u.path), '/')::BIGINT[]) AS s (id)
    WHERE u.id IN (receiving, concerned, handling)
$$;

-- Kept by two triggers. Deliberately no BEFORE UPDATE trigger on matter: with one, PostgreSQL recomputes every
-- stored generated column on every update of a row (it cannot tell what the trigger changes), and the search
-- vector (V11) costs about 0.4 ms per matter to compute. New matters get their scope before insertion; a change
-- of unit (assignment, return) is followed by a second, small update of the same row.
CREATE FUNCTION matter_scope_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.scope_unit_ids := matter_scope_of(NEW.receiving_unit_id, NEW.concerned_unit_id, NEW.handling_unit_id);
    RETURN NEW;
END $$;

CREATE TRIGGER matter_scope_on_insert BEFORE INSERT ON matter
    FOR EACH ROW EXECUTE FUNCTION matter_scope_on_insert();

CREATE FUNCTION matter_scope_on_unit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE matter SET scope_unit_ids = matter_scope_of(NEW.receiving_unit_id, NEW.concerned_unit_id,
                                                       NEW.handling_unit_id)
    WHERE id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER matter_scope_on_unit_change
    AFTER UPDATE OF receiving_unit_id, concerned_unit_id, handling_unit_id ON matter FOR EACH ROW
    WHEN (OLD.receiving_unit_id IS DISTINCT FROM NEW.receiving_unit_id
          OR OLD.concerned_unit_id IS DISTINCT FROM NEW.concerned_unit_id
          OR OLD.handling_unit_id IS DISTINCT FROM NEW.handling_unit_id)
    EXECUTE FUNCTION matter_scope_on_unit_change();

-- Moving a unit in the tree rewrites the paths of its subtree; the matters of each moved unit follow.
CREATE FUNCTION unit_moved_rescope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE matter SET scope_unit_ids = matter_scope_of(receiving_unit_id, concerned_unit_id, handling_unit_id)
    WHERE receiving_unit_id = NEW.id OR concerned_unit_id = NEW.id OR handling_unit_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER unit_moved_rescope AFTER UPDATE OF path ON unit
    FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION unit_moved_rescope();

-- Existing matters. Every updated row gets new index entries, the full-text index's ~150 per matter among
-- them; that index is built again at once afterwards, which is much faster than maintaining it row by row.
DROP INDEX matter_search_idx;
UPDATE matter SET scope_unit_ids = matter_scope_of(receiving_unit_id, concerned_unit_id, handling_unit_id);
CREATE INDEX matter_search_idx ON matter USING gin (search_vector);

CREATE INDEX matter_scope_idx ON matter USING gin (scope_unit_ids);

-- Lists are sorted by the nearest open deadline (then newest first): in this order the first page of a
-- large scope is found by reading the index from the start and stopping after one page of matches.
CREATE INDEX matter_deadline_order_idx ON matter (next_due_date ASC NULLS LAST, received_at DESC, id DESC);

-- Registered matters (the registrars' inbox; the job that sets triage deadlines registered before their calendar
-- year was entered scans them every 15 minutes: 3.8 s at 1M matters without this index).
CREATE INDEX matter_registered_idx ON matter (id) WHERE status = 'REGISTERED';
