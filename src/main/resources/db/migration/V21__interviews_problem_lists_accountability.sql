-- Interviews (约谈), problem lists (问题清单) and accountability recommendations (责任追究), DOMAIN §6.
-- Everything here names units and officials (staff accounts), never petitioners (DOMAIN §9); matters are
-- referred to by id only.

-- An interview of a unit's principal, deputy or owning leader: prepared (panel, interviewees, matters),
-- notified (约谈通知书 with date and place), held (minutes, commitments), signed by both sides, then the unit
-- files a written rectification report within 15 working days of the interview and the supervisor accepts it.
CREATE TABLE interview (
    id                  BIGSERIAL PRIMARY KEY,
    unit_id             BIGINT      NOT NULL REFERENCES unit (id),
    -- the unit whose name heads the notice: the supervising unit of whoever opened the interview
    issuing_unit_id     BIGINT      NOT NULL REFERENCES unit (id),
    reason              TEXT        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    status              TEXT        NOT NULL CHECK (status IN ('PREPARING', 'NOTIFIED', 'HELD', 'SIGNED',
                                        'REPORTED', 'CLOSED', 'CANCELLED')),
    -- the bulletin proposal whose confirmation opened it, if any
    proposal_id         BIGINT UNIQUE,
    scheduled_at        TIMESTAMPTZ,
    place               TEXT CHECK (length(place) BETWEEN 1 AND 200),
    notified_on         DATE,
    held_on             DATE,
    minutes             TEXT CHECK (length(minutes) BETWEEN 1 AND 8000),
    commitments         TEXT CHECK (length(commitments) BETWEEN 1 AND 4000),
    -- 15 working days from held_on; null while the holiday data of due_missing_year is not entered
    rectification_due   DATE,
    due_missing_year    INT,
    report              TEXT CHECK (length(report) BETWEEN 1 AND 8000),
    reported_by         TEXT,
    reported_at         TIMESTAMPTZ,
    closed_by           TEXT,
    closed_at           TIMESTAMPTZ,
    acceptance_note     TEXT CHECK (length(acceptance_note) <= 2000),
    cancel_reason       TEXT CHECK (length(cancel_reason) BETWEEN 1 AND 1000),
    created_by          TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CHECK (status IN ('PREPARING', 'CANCELLED') OR (scheduled_at IS NOT NULL AND place IS NOT NULL)),
    CHECK (status IN ('PREPARING', 'NOTIFIED', 'CANCELLED') OR (held_on IS NOT NULL AND minutes IS NOT NULL)),
    CHECK (status NOT IN ('REPORTED', 'CLOSED') OR report IS NOT NULL)
);
CREATE INDEX interview_unit_idx ON interview (unit_id);
CREATE INDEX interview_due_idx ON interview (rectification_due) WHERE status IN ('HELD', 'SIGNED');

CREATE TABLE interview_panel_member (
    interview_id BIGINT NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    username     TEXT   NOT NULL REFERENCES app_user (username),
    PRIMARY KEY (interview_id, username)
);

CREATE TABLE interview_interviewee (
    interview_id BIGINT NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    username     TEXT   NOT NULL REFERENCES app_user (username),
    post         TEXT   NOT NULL CHECK (post IN ('PRINCIPAL', 'DEPUTY', 'OWNING_LEADER')),
    PRIMARY KEY (interview_id, username)
);

CREATE TABLE interview_matter (
    interview_id BIGINT NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    matter_id    BIGINT NOT NULL REFERENCES matter (id),
    PRIMARY KEY (interview_id, matter_id)
);

-- one signature per person and interview: by the person signed in, or registered by a supervisor
CREATE TABLE interview_signature (
    interview_id  BIGINT      NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    username      TEXT        NOT NULL REFERENCES app_user (username),
    side          TEXT        NOT NULL CHECK (side IN ('PANEL', 'INTERVIEWEE')),
    signed_at     TIMESTAMPTZ NOT NULL,
    registered_by TEXT        NOT NULL,
    PRIMARY KEY (interview_id, username)
);

-- the key makes "one reminder per overdue rectification report" hold across runs and instances
CREATE TABLE interview_reminder (
    interview_id BIGINT PRIMARY KEY REFERENCES interview (id) ON DELETE CASCADE,
    due_on       DATE        NOT NULL,
    raised_at    TIMESTAMPTZ NOT NULL
);

-- A problem list issued to a unit after a process inspection; each item is rectified by the unit and
-- verified by the supervisor; the list closes when every item is accepted.
CREATE TABLE problem_list (
    id              BIGSERIAL PRIMARY KEY,
    unit_id         BIGINT      NOT NULL REFERENCES unit (id),
    issuing_unit_id BIGINT      NOT NULL REFERENCES unit (id),
    title           TEXT        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    inspection      TEXT        NOT NULL CHECK (length(inspection) BETWEEN 1 AND 4000),
    status          TEXT        NOT NULL CHECK (status IN ('DRAFT', 'ISSUED', 'CLOSED')),
    issued_on       DATE,
    closed_at       TIMESTAMPTZ,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CHECK (status = 'DRAFT' OR issued_on IS NOT NULL)
);
CREATE INDEX problem_list_unit_idx ON problem_list (unit_id);

CREATE TABLE problem_item (
    id               BIGSERIAL PRIMARY KEY,
    list_id          BIGINT      NOT NULL REFERENCES problem_list (id) ON DELETE CASCADE,
    seq              INT         NOT NULL CHECK (seq >= 1),
    kind             TEXT        NOT NULL CHECK (kind IN ('IRREGULAR', 'LATE', 'INCOMPLETE')),
    problem          TEXT        NOT NULL CHECK (length(problem) BETWEEN 1 AND 2000),
    matter_id        BIGINT REFERENCES matter (id),
    requirement      TEXT        NOT NULL CHECK (length(requirement) BETWEEN 1 AND 2000),
    due_on           DATE        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('OPEN', 'REPORTED', 'ACCEPTED')),
    rectification    TEXT CHECK (length(rectification) BETWEEN 1 AND 4000),
    reported_by      TEXT,
    reported_at      TIMESTAMPTZ,
    verified_by      TEXT,
    verified_at      TIMESTAMPTZ,
    rejection_reason TEXT CHECK (length(rejection_reason) BETWEEN 1 AND 1000),
    UNIQUE (list_id, seq),
    CHECK (status = 'OPEN' OR rectification IS NOT NULL)
);
CREATE INDEX problem_item_due_idx ON problem_item (due_on) WHERE status <> 'ACCEPTED';

-- A recommendation to the competent body to hold a unit and named officials accountable.
CREATE TABLE accountability_recommendation (
    id              BIGSERIAL PRIMARY KEY,
    unit_id         BIGINT      NOT NULL REFERENCES unit (id),
    issuing_unit_id BIGINT      NOT NULL REFERENCES unit (id),
    type            TEXT        NOT NULL CHECK (type IN ('IMPROVE_WORK', 'IMPROVE_POLICY', 'DISCIPLINE')),
    grounds         TEXT        NOT NULL CHECK (length(grounds) BETWEEN 1 AND 8000),
    competent_body  TEXT        NOT NULL CHECK (length(competent_body) BETWEEN 1 AND 200),
    related_records TEXT CHECK (length(related_records) <= 2000),
    status          TEXT        NOT NULL CHECK (status IN ('DRAFT', 'SENT', 'CONCLUDED')),
    sent_on         DATE,
    outcome         TEXT CHECK (length(outcome) BETWEEN 1 AND 4000),
    outcome_on      DATE,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CHECK (status = 'DRAFT' OR sent_on IS NOT NULL),
    CHECK (status <> 'CONCLUDED' OR outcome IS NOT NULL)
);
CREATE INDEX accountability_unit_idx ON accountability_recommendation (unit_id);

-- the officials named: staff accounts only, never petitioners
CREATE TABLE accountability_official (
    recommendation_id BIGINT NOT NULL REFERENCES accountability_recommendation (id) ON DELETE CASCADE,
    username          TEXT   NOT NULL REFERENCES app_user (username),
    post              TEXT   NOT NULL CHECK (length(post) BETWEEN 1 AND 100),
    PRIMARY KEY (recommendation_id, username)
);

CREATE TABLE accountability_matter (
    recommendation_id BIGINT NOT NULL REFERENCES accountability_recommendation (id) ON DELETE CASCADE,
    matter_id         BIGINT NOT NULL REFERENCES matter (id),
    PRIMARY KEY (recommendation_id, matter_id)
);
