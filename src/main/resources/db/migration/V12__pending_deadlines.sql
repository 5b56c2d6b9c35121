-- Pending deadlines (issue: actions never fail for want of holiday data) and re-review hearings (Art. 36).
--
-- A deadline whose period reaches a year without holiday data is recorded as *pending*: its due date stays
-- NULL, and the row keeps what is needed to compute it later — the day it counts from and the amount and
-- unit of the period rule in force when it opened. Once an administrator enters the year, the settling job
-- computes the date, once. Never a guess (DOMAIN §5). A NULL due date is ignored by the next-due trigger
-- (min() skips NULLs) and by the overdue job.
ALTER TABLE matter_deadline
    ALTER COLUMN due_date DROP NOT NULL,
    ADD COLUMN start_date DATE,
    ADD COLUMN amount     INT CHECK (amount > 0 AND amount <= 3650),
    ADD COLUMN unit       TEXT CHECK (unit IN ('CALENDAR_DAYS', 'WORKING_DAYS')),
    ADD CONSTRAINT matter_deadline_computable
        CHECK (due_date IS NOT NULL OR (start_date IS NOT NULL AND amount IS NOT NULL AND unit IS NOT NULL));
CREATE INDEX matter_deadline_pending_idx ON matter_deadline (matter_id, rule_code) WHERE due_date IS NULL;

-- Periods added to a deadline while it is pending: an approved extension (Art. 34), the days of a re-review
-- hearing (Art. 36). Applied in order, after the base period, when the deadline settles; then removed.
CREATE TABLE matter_deadline_addition (
    id        BIGSERIAL PRIMARY KEY,
    matter_id BIGINT NOT NULL,
    rule_code TEXT NOT NULL,
    amount    INT NOT NULL CHECK (amount > 0 AND amount <= 3650),
    unit      TEXT NOT NULL CHECK (unit IN ('CALENDAR_DAYS', 'WORKING_DAYS')),
    cause     TEXT NOT NULL CHECK (cause IN ('EXTENSION', 'HEARING')),
    FOREIGN KEY (matter_id, rule_code) REFERENCES matter_deadline (matter_id, rule_code) ON DELETE CASCADE
);
CREATE INDEX matter_deadline_addition_idx ON matter_deadline_addition (matter_id, rule_code, id);

-- Matters registered before this migration while the calendar lacked data have no triage row at all:
-- give them a pending one, which the settling job computes like any other.
INSERT INTO matter_deadline (matter_id, rule_code, due_date, start_date, amount, unit)
SELECT m.id, 'TRIAGE', NULL, m.received_on, r.amount, r.unit
FROM matter m
JOIN period_rule r ON r.code = 'TRIAGE'
WHERE m.status = 'REGISTERED'
  AND NOT EXISTS (SELECT 1 FROM matter_deadline d WHERE d.matter_id = m.id AND d.rule_code = 'TRIAGE');

-- Hearings (听证) held in a re-review (Regulation Art. 36): their days are not counted in the period to
-- decide, so each one pushes the REREVIEW_DECISION deadline on by the days it lasted.
CREATE TABLE matter_hearing (
    id          BIGSERIAL PRIMARY KEY,
    matter_id   BIGINT NOT NULL REFERENCES matter (id),
    held_from   DATE NOT NULL,
    held_to     DATE NOT NULL,
    -- the days not counted, as the REREVIEW_DECISION rule counts (calendar or working days)
    days        INT NOT NULL CHECK (days >= 0 AND days <= 3650),
    note        TEXT CHECK (length(note) <= 2000),
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT matter_hearing_order CHECK (held_from <= held_to)
);
CREATE INDEX matter_hearing_matter_idx ON matter_hearing (matter_id, held_from);
