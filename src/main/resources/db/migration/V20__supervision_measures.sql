-- Supervision measures (督查督办, DOMAIN §6; issue #6 items 3 and 4a): special assignments (专项交办) with their
-- three reporting steps, reminders (提醒) and flagged supervision (挂牌督办). Every row targets a unit and its
-- officials, never a petitioner (DOMAIN §9).

-- The reporting periods of a special assignment, in working days from the day it is assigned; administrators
-- may edit them like any other period rule.
INSERT INTO period_rule (code, name_zh, name_en, amount, unit, start_event, legal_basis) VALUES
    ('ASSIGNMENT_MEASURES', '专项交办：报送工作措施', 'Special assignment: measures reported', 5, 'WORKING_DAYS',
        'ASSIGNMENT', NULL),
    ('ASSIGNMENT_PROGRESS', '专项交办：报送工作进展', 'Special assignment: progress reported', 15, 'WORKING_DAYS',
        'ASSIGNMENT', NULL),
    ('ASSIGNMENT_RESULT', '专项交办：报送办理结果', 'Special assignment: result reported', 30, 'WORKING_DAYS',
        'ASSIGNMENT', NULL),
    -- the response date an important reminder (督办提醒函) asks for unless the supervisor sets another
    ('REMINDER_RESPONSE', '督办提醒函：书面回复', 'Important reminder: written response', 10, 'WORKING_DAYS',
        'REMINDER', NULL)
ON CONFLICT (code) DO NOTHING;

-- Numbers of the supervision documents (交办单, 督办提醒函, 挂牌督办通知书): per issuing unit, kind and year,
-- without gaps (the counter row stays locked until the issuing transaction ends).
CREATE TABLE supervision_counter (
    issuing_unit_id BIGINT NOT NULL REFERENCES unit (id),
    kind            TEXT NOT NULL CHECK (kind IN ('ASSIGNMENT', 'REMINDER', 'FLAG')),
    year            INT NOT NULL,
    last_number     INT NOT NULL,
    PRIMARY KEY (issuing_unit_id, kind, year)
);

CREATE TABLE special_assignment (
    id              BIGSERIAL PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    unit_id         BIGINT NOT NULL REFERENCES unit (id),
    issuing_unit_id BIGINT NOT NULL REFERENCES unit (id),
    topic           TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 500),
    requirements    TEXT CHECK (length(requirements) <= 4000),
    assigned_on     DATE NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('OPEN', 'RESULT_REPORTED', 'CLOSED')),
    created_by      TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    closed_by       TEXT,
    closed_at       TIMESTAMPTZ,
    close_note      TEXT CHECK (length(close_note) <= 4000),
    pdf             BYTEA NOT NULL,
    sha256          TEXT NOT NULL,
    version         INT NOT NULL DEFAULT 0,
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
);
CREATE INDEX special_assignment_unit_idx ON special_assignment (unit_id, assigned_on);

CREATE TABLE special_assignment_matter (
    assignment_id BIGINT NOT NULL REFERENCES special_assignment (id) ON DELETE CASCADE,
    matter_id     BIGINT NOT NULL REFERENCES matter (id),
    PRIMARY KEY (assignment_id, matter_id)
);

-- One row per reporting step. A due date that reaches a year without holiday data stays NULL (pending) with
-- what is needed to compute it once the year is entered, as matter deadlines do (V12); never a guess.
CREATE TABLE special_assignment_step (
    assignment_id BIGINT NOT NULL REFERENCES special_assignment (id) ON DELETE CASCADE,
    step          TEXT NOT NULL CHECK (step IN ('MEASURES', 'PROGRESS', 'RESULT')),
    rule_code     TEXT NOT NULL,
    due_on        DATE,
    start_date    DATE NOT NULL,
    amount        INT NOT NULL CHECK (amount > 0 AND amount <= 3650),
    unit          TEXT NOT NULL CHECK (unit IN ('CALENDAR_DAYS', 'WORKING_DAYS')),
    report        TEXT CHECK (length(report) BETWEEN 1 AND 4000),
    reported_by   TEXT,
    reported_at   TIMESTAMPTZ,
    reported_on   DATE,
    PRIMARY KEY (assignment_id, step),
    CHECK ((report IS NULL) = (reported_at IS NULL))
);
CREATE INDEX special_assignment_step_due_idx ON special_assignment_step (due_on) WHERE report IS NULL;

CREATE TABLE reminder (
    id              BIGSERIAL PRIMARY KEY,
    unit_id         BIGINT NOT NULL REFERENCES unit (id),
    issuing_unit_id BIGINT NOT NULL REFERENCES unit (id),
    kind            TEXT NOT NULL CHECK (kind IN ('GENERAL', 'IMPORTANT')),
    -- important reminders are formal letters (督办提醒函): numbered, with a PDF and a date to respond by
    number          TEXT UNIQUE,
    reason          TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    respond_by      DATE,
    assignment_id   BIGINT REFERENCES special_assignment (id),
    assignment_step TEXT CHECK (assignment_step IN ('MEASURES', 'PROGRESS', 'RESULT')),
    proposal_id     BIGINT,
    status          TEXT NOT NULL CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'RESPONDED')),
    issued_on       DATE NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at TIMESTAMPTZ,
    response        TEXT CHECK (length(response) BETWEEN 1 AND 4000),
    responded_by    TEXT,
    responded_at    TIMESTAMPTZ,
    pdf             BYTEA,
    sha256          TEXT,
    version         INT NOT NULL DEFAULT 0,
    CHECK (kind = 'GENERAL' OR (number IS NOT NULL AND respond_by IS NOT NULL AND pdf IS NOT NULL)),
    CHECK ((status = 'RESPONDED') = (responded_at IS NOT NULL))
);
CREATE INDEX reminder_unit_idx ON reminder (unit_id, issued_on);
-- one reminder per overdue step of a special assignment, even when two instances run the job at once
CREATE UNIQUE INDEX reminder_assignment_step_idx ON reminder (assignment_id, assignment_step)
    WHERE assignment_step IS NOT NULL;

CREATE TABLE reminder_matter (
    reminder_id BIGINT NOT NULL REFERENCES reminder (id) ON DELETE CASCADE,
    matter_id   BIGINT NOT NULL REFERENCES matter (id),
    PRIMARY KEY (reminder_id, matter_id)
);

-- the officials a general reminder was texted to (staff users of the unit, never petitioners)
CREATE TABLE reminder_recipient (
    reminder_id BIGINT NOT NULL REFERENCES reminder (id) ON DELETE CASCADE,
    username    TEXT NOT NULL REFERENCES app_user (username),
    phone       TEXT NOT NULL,
    PRIMARY KEY (reminder_id, username)
);

CREATE TABLE flag (
    id              BIGSERIAL PRIMARY KEY,
    unit_id         BIGINT NOT NULL REFERENCES unit (id),
    issuing_unit_id BIGINT NOT NULL REFERENCES unit (id),
    matter_id       BIGINT REFERENCES matter (id),
    ground          TEXT NOT NULL CHECK (ground IN ('SERIOUS_IMPACT', 'REMINDED_TWICE')),
    reason          TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    proposal_id     BIGINT,
    status          TEXT NOT NULL CHECK (status IN ('FILED', 'NOTICE_ISSUED', 'RESOLUTION_REPORTED', 'ACCEPTED',
                                                    'UNFLAGGED')),
    filed_on        DATE NOT NULL,
    filed_by        TEXT NOT NULL,
    -- set when the notice (挂牌督办通知书) is issued
    number          TEXT UNIQUE,
    deadline        DATE,
    pdf             BYTEA,
    sha256          TEXT,
    unflagged_on    DATE,
    version         INT NOT NULL DEFAULT 0,
    CHECK (status = 'FILED' OR (number IS NOT NULL AND deadline IS NOT NULL AND pdf IS NOT NULL)),
    CHECK ((status = 'UNFLAGGED') = (unflagged_on IS NOT NULL))
);
CREATE INDEX flag_unit_idx ON flag (unit_id, filed_on);
CREATE INDEX flag_open_deadline_idx ON flag (deadline) WHERE status IN ('NOTICE_ISSUED', 'RESOLUTION_REPORTED');

-- each step of a flag with who, when and why (建档立案、下发通知、化解处置、组织验收、摘牌销号)
CREATE TABLE flag_step (
    id      BIGSERIAL PRIMARY KEY,
    flag_id BIGINT NOT NULL REFERENCES flag (id) ON DELETE CASCADE,
    step    TEXT NOT NULL CHECK (step IN ('FILED', 'NOTICE_ISSUED', 'RESOLUTION_REPORTED', 'ACCEPTANCE_PASSED',
                                          'ACCEPTANCE_FAILED', 'UNFLAGGED')),
    actor   TEXT NOT NULL,
    at      TIMESTAMPTZ NOT NULL,
    note    TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 4000)
);
CREATE INDEX flag_step_flag_idx ON flag_step (flag_id, id);
