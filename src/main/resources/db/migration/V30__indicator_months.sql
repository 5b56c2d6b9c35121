-- B4 indicators (issue #4; BENCHMARKS.md "Causes and fixes" 40-): a read model of the indicators of settled months.
--
-- The indicators of a month (JdbcIndicators) flag every matter placed in the month by an event (received, a deadline
-- settled, delivered) and count them: ~125,000 matters and ~1 s of CPU for one month at a million matters, on every
-- request. A month that has ended changes rarely, so its counts are kept here per unit, category and channel (the
-- finest breakdown; a unit's subtree and its slices are summed from these at read time, on the unit tree as it is
-- then, so moving a unit needs no invalidation).
--
-- Exactness: the cached counts of a month are used only while nothing they depend on has changed.
--   * indicator_month.gen counts the changes to a month's inputs. Triggers in the writing transaction bump it for
--     every month a change can affect (below); built_gen is the gen the counts were computed at, read in the same
--     statement (one snapshot) that computed them. The read checks built_gen = gen in the statement that sums the
--     counts, so a change committed after the build is never hidden.
--   * A gen row exists only for months someone has asked for; writers of other months (the current month, always)
--     find no row and take no row lock. A writer whose trigger ran before the row was created did not bump it, so the
--     builder waits for such writers before computing: each trigger takes a shared transaction advisory lock on the
--     month (7304, month number), the builder takes it exclusively once after creating the row (a barrier), and only
--     then computes. Writers are assumed to run in READ COMMITTED (as the application does).
--   * The counts also depend on the day they are computed: an evaluation window still open on that day is not
--     "evaluable" yet. valid_from/valid_through bound the days with the same answer (the last window closed before
--     the build day + 1, the first window still open on it); outside them the month is computed again. Ran-out
--     periods depend on the day only while the month runs; only months that have ended are cached.
-- What a month's counts depend on, and so what bumps its gen:
--   * a matter's own columns the indicators read (unit, channel, category, received/delivered dates, rating, repeat
--     columns): the months of its old and new received_on and delivered_on; a change of its unit, channel or
--     category (or its deletion) also the months of its acceptance and handling periods' due and met dates; a change
--     of repeat_of_id also the month the referenced matter was delivered in;
--   * an acceptance or handling period (insert, delete, due date or met date): the months of its old and new dates;
--   * an evaluation window or a review: the month the matter was delivered in.

CREATE TABLE indicator_month (
    month         DATE   PRIMARY KEY CHECK (month = date_trunc('month', month)::date),
    gen           BIGINT NOT NULL DEFAULT 0,
    built_gen     BIGINT,
    built_on      DATE,
    valid_from    DATE,
    valid_through DATE
);

CREATE TABLE indicator_month_count (
    month                   DATE   NOT NULL REFERENCES indicator_month (month) ON DELETE CASCADE,
    unit_id                 BIGINT,
    category_code           TEXT,
    channel                 TEXT   NOT NULL,
    received                INTEGER NOT NULL,
    online                  INTEGER NOT NULL,
    repeated                INTEGER NOT NULL,
    acceptance_due          INTEGER NOT NULL,
    accepted_in_time        INTEGER NOT NULL,
    completion_due          INTEGER NOT NULL,
    completed_in_time       INTEGER NOT NULL,
    open_overdue            INTEGER NOT NULL,
    delivered               INTEGER NOT NULL,
    evaluable               INTEGER NOT NULL,
    evaluated               INTEGER NOT NULL,
    satisfied               INTEGER NOT NULL,
    basically_satisfied     INTEGER NOT NULL,
    dissatisfied            INTEGER NOT NULL,
    resolved_without_repeat INTEGER NOT NULL,
    resolved_at_unit_level  INTEGER NOT NULL
);

CREATE INDEX indicator_month_count_month_idx ON indicator_month_count (month);

-- Bumps the gen of the months of the given days (nulls ignored), in month order.
CREATE FUNCTION indicator_month_touch(days DATE[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    m DATE;
BEGIN
    FOR m IN SELECT DISTINCT date_trunc('month', d)::date FROM unnest(days) AS t (d) WHERE d IS NOT NULL ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock_shared(7304, (extract(year FROM m) * 12 + extract(month FROM m))::int);
        UPDATE indicator_month SET gen = gen + 1 WHERE month = m;
    END LOOP;
END $$;

-- The days of a matter that place it in a month: received, delivered, its acceptance and handling periods' dates.
CREATE FUNCTION indicator_matter_days(matter_key BIGINT, received DATE, delivered DATE) RETURNS DATE[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
    periods DATE[];
BEGIN
    SELECT array_agg(v.x) INTO periods
    FROM matter_deadline d, LATERAL (VALUES (d.due_date), (d.met_on)) AS v (x)
    WHERE d.matter_id = matter_key AND d.rule_code IN ('ACCEPTANCE', 'HANDLING') AND v.x IS NOT NULL;
    RETURN ARRAY[received, delivered] || coalesce(periods, '{}');
END $$;

CREATE FUNCTION indicator_month_on_matter() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    days DATE[] := '{}';
    -- the matter's unit, channel or category are read in every month it counts in, the settled periods' too; its
    -- other columns only in the months of its received and delivered dates (the deadlines are looked up only then)
    everywhere BOOLEAN := TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.channel IS DISTINCT FROM NEW.channel
        OR OLD.category_code IS DISTINCT FROM NEW.category_code OR OLD.handling_unit_id IS DISTINCT FROM NEW.handling_unit_id
        OR OLD.receiving_unit_id IS DISTINCT FROM NEW.receiving_unit_id));
BEGIN
    IF TG_OP <> 'INSERT' THEN
        days := days || ARRAY[OLD.received_on, OLD.delivered_on];
        IF everywhere THEN
            days := days || indicator_matter_days(OLD.id, NULL, NULL);
        END IF;
        IF OLD.repeat_of_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.repeat_of_id IS DISTINCT FROM NEW.repeat_of_id) THEN
            days := days || (SELECT delivered_on FROM matter WHERE id = OLD.repeat_of_id);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        days := days || ARRAY[NEW.received_on, NEW.delivered_on];
        IF NEW.repeat_of_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.repeat_of_id IS DISTINCT FROM NEW.repeat_of_id) THEN
            days := days || (SELECT delivered_on FROM matter WHERE id = NEW.repeat_of_id);
        END IF;
    END IF;
    PERFORM indicator_month_touch(days);
    RETURN NULL;
END $$;

CREATE TRIGGER indicator_month_on_matter_insert AFTER INSERT OR DELETE ON matter
    FOR EACH ROW EXECUTE FUNCTION indicator_month_on_matter();

CREATE TRIGGER indicator_month_on_matter_update
    AFTER UPDATE OF channel, category_code, handling_unit_id, receiving_unit_id, received_on, delivered_on,
        evaluation_rating, repeat_count, repeat_of_id ON matter FOR EACH ROW
    WHEN (OLD.channel IS DISTINCT FROM NEW.channel
          OR OLD.category_code IS DISTINCT FROM NEW.category_code
          OR OLD.handling_unit_id IS DISTINCT FROM NEW.handling_unit_id
          OR OLD.receiving_unit_id IS DISTINCT FROM NEW.receiving_unit_id
          OR OLD.received_on IS DISTINCT FROM NEW.received_on
          OR OLD.delivered_on IS DISTINCT FROM NEW.delivered_on
          OR OLD.evaluation_rating IS DISTINCT FROM NEW.evaluation_rating
          OR OLD.repeat_count IS DISTINCT FROM NEW.repeat_count
          OR OLD.repeat_of_id IS DISTINCT FROM NEW.repeat_of_id)
    EXECUTE FUNCTION indicator_month_on_matter();

CREATE FUNCTION indicator_month_on_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    days DATE[] := '{}';
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD.rule_code IN ('ACCEPTANCE', 'HANDLING') THEN
            days := days || ARRAY[OLD.due_date, OLD.met_on];
        ELSIF OLD.rule_code = 'EVALUATION_WINDOW' THEN
            days := days || (SELECT delivered_on FROM matter WHERE id = OLD.matter_id);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW.rule_code IN ('ACCEPTANCE', 'HANDLING') THEN
            days := days || ARRAY[NEW.due_date, NEW.met_on];
        ELSIF NEW.rule_code = 'EVALUATION_WINDOW' THEN
            days := days || (SELECT delivered_on FROM matter WHERE id = NEW.matter_id);
        END IF;
    END IF;
    PERFORM indicator_month_touch(days);
    RETURN NULL;
END $$;

CREATE TRIGGER indicator_month_on_deadline_change AFTER INSERT OR DELETE ON matter_deadline
    FOR EACH ROW EXECUTE FUNCTION indicator_month_on_deadline();

CREATE TRIGGER indicator_month_on_deadline_update
    AFTER UPDATE OF matter_id, rule_code, due_date, met_on ON matter_deadline FOR EACH ROW
    WHEN (OLD.matter_id IS DISTINCT FROM NEW.matter_id
          OR OLD.rule_code IS DISTINCT FROM NEW.rule_code
          OR OLD.due_date IS DISTINCT FROM NEW.due_date
          OR OLD.met_on IS DISTINCT FROM NEW.met_on)
    EXECUTE FUNCTION indicator_month_on_deadline();

CREATE FUNCTION indicator_month_on_review() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    days DATE[] := '{}';
BEGIN
    IF TG_OP <> 'INSERT' THEN
        days := days || (SELECT delivered_on FROM matter WHERE id = OLD.matter_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        days := days || (SELECT delivered_on FROM matter WHERE id = NEW.matter_id);
    END IF;
    PERFORM indicator_month_touch(days);
    RETURN NULL;
END $$;

CREATE TRIGGER indicator_month_on_review_change AFTER INSERT OR DELETE OR UPDATE OF matter_id ON matter_review
    FOR EACH ROW EXECUTE FUNCTION indicator_month_on_review();
