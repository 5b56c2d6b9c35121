-- The lifecycle of a matter after registration (DOMAIN §5; issue #3): triage, acceptance, handling,
-- extension, reply, delivery, evaluation, review, re-review, finality and closure.

ALTER TABLE matter
    -- the unit a matter was assigned to (交办); it decides acceptance and handles the matter
    ADD COLUMN handling_unit_id    BIGINT REFERENCES unit (id),
    ADD COLUMN handler_username    TEXT,
    -- triage outcomes other than assignment
    ADD COLUMN forwarded_to        TEXT CHECK (length(forwarded_to) <= 200),
    ADD COLUMN legal_route_code    TEXT REFERENCES legal_route (code),
    -- the reason of a refusal (不予受理 / 不再受理) or of the last return by a unit
    ADD COLUMN decision_reason     TEXT CHECK (length(decision_reason) <= 2000),
    -- extension (延期, Regulation Art. 34): once, at most the EXTENSION_MAX rule
    ADD COLUMN extension_days      INT CHECK (extension_days BETWEEN 1 AND 366),
    ADD COLUMN extension_reason    TEXT CHECK (length(extension_reason) <= 2000),
    ADD COLUMN extension_state     TEXT CHECK (extension_state IN ('REQUESTED', 'APPROVED', 'DENIED')),
    -- the written reply (处理意见书), maker-checker
    ADD COLUMN reply_outcome       TEXT CHECK (reply_outcome IN ('SUPPORTED', 'PARTLY_SUPPORTED', 'NOT_SUPPORTED',
                                                                 'EXPLAINED')),
    ADD COLUMN reply_text          TEXT CHECK (length(reply_text) <= 20000),
    ADD COLUMN reply_drafted_by    TEXT,
    ADD COLUMN reply_approved_by   TEXT,
    ADD COLUMN reply_approved_at   TIMESTAMPTZ,
    ADD COLUMN delivery_method     TEXT CHECK (delivery_method IN ('IN_PERSON', 'POST', 'ELECTRONIC', 'PORTAL')),
    ADD COLUMN delivered_on        DATE,
    -- the petitioner's evaluation (评价), once
    ADD COLUMN evaluation_rating   TEXT CHECK (evaluation_rating IN ('SATISFIED', 'BASICALLY_SATISFIED',
                                                                     'DISSATISFIED')),
    ADD COLUMN evaluation_comment  TEXT CHECK (length(evaluation_comment) <= 2000),
    ADD COLUMN evaluated_at        TIMESTAMPTZ,
    -- the nearest open due date of a staff obligation, kept by a trigger on matter_deadline; lists sort by it
    ADD COLUMN next_due_date       DATE;
CREATE INDEX matter_next_due_idx ON matter (next_due_date, id) WHERE next_due_date IS NOT NULL;
CREATE INDEX matter_handling_unit_idx ON matter (handling_unit_id) WHERE handling_unit_id IS NOT NULL;

-- A window given to the petitioner (evaluation, requesting a review) is not a staff obligation: it never
-- becomes "overdue" and does not count as the matter's next deadline.
ALTER TABLE matter_deadline
    ADD COLUMN obligation         BOOLEAN NOT NULL DEFAULT TRUE,
    -- set once, by whichever instance of the overdue job notices the deadline first
    ADD COLUMN overdue_noticed_at TIMESTAMPTZ;
CREATE INDEX matter_deadline_overdue_idx ON matter_deadline (due_date)
    WHERE met_on IS NULL AND obligation AND overdue_noticed_at IS NULL;

CREATE FUNCTION matter_next_due_refresh() RETURNS trigger AS $$
DECLARE
    target BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        target := OLD.matter_id;
    ELSE
        target := NEW.matter_id;
    END IF;
    UPDATE matter SET next_due_date = (SELECT min(due_date) FROM matter_deadline
                                       WHERE matter_id = target AND met_on IS NULL AND obligation)
    WHERE id = target;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER matter_deadline_next_due
    AFTER INSERT OR UPDATE OR DELETE ON matter_deadline
    FOR EACH ROW EXECUTE FUNCTION matter_next_due_refresh();

UPDATE matter m SET next_due_date = (SELECT min(due_date) FROM matter_deadline d
                                     WHERE d.matter_id = m.id AND d.met_on IS NULL);

-- Review (复查, Art. 35) and re-review (复核, Art. 36): requested by the petitioner, decided in writing by
-- the body above the one that decided before.
CREATE TABLE matter_review (
    id            BIGSERIAL PRIMARY KEY,
    matter_id     BIGINT NOT NULL REFERENCES matter (id),
    level         TEXT NOT NULL CHECK (level IN ('REVIEW', 'REREVIEW')),
    reason        TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    requested_at  TIMESTAMPTZ NOT NULL,
    outcome       TEXT CHECK (outcome IN ('UPHOLD', 'CHANGE', 'REDO')),
    decision_text TEXT CHECK (length(decision_text) <= 20000),
    decided_by    TEXT,
    decided_unit_id BIGINT REFERENCES unit (id),
    decided_at    TIMESTAMPTZ,
    UNIQUE (matter_id, level)
);

-- The 案清事明 checklist of handling: 人员清、诉求清、责任清、工作清、方案清.
CREATE TABLE matter_checklist (
    matter_id  BIGINT NOT NULL REFERENCES matter (id),
    item       TEXT NOT NULL CHECK (item IN ('PERSONS', 'CLAIMS', 'RESPONSIBILITY', 'WORK', 'PLAN')),
    ticked_by  TEXT NOT NULL,
    ticked_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (matter_id, item)
);

-- Every action taken on a matter with what it carried: the command log behind the timeline.
CREATE TABLE matter_action (
    id          BIGSERIAL PRIMARY KEY,
    matter_id   BIGINT NOT NULL REFERENCES matter (id),
    action      TEXT NOT NULL CHECK (action ~ '^[A-Z_]{1,40}$'),
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    payload     JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX matter_action_matter_idx ON matter_action (matter_id, id);
