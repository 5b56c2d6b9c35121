-- Registration of matters (信访事项) from every channel. DOMAIN §3, §4, §5; issue #2 items 5 and 6.
-- A matter records what was raised and who handles it; petitioners appear only as parties to a matter.

CREATE TABLE matter (
    id                BIGSERIAL PRIMARY KEY,
    -- "XF" + 10 characters of a 31-symbol alphabet without 0/1/I/L/O: random, not sequential
    tracking_code     TEXT NOT NULL UNIQUE CHECK (tracking_code ~ '^XF[2-9A-HJKMNP-Z]{10}$'),
    -- SHA-256 (hex) of the random query secret shown once to the petitioner
    query_secret_hash TEXT NOT NULL CHECK (query_secret_hash ~ '^[0-9a-f]{64}$'),
    channel           TEXT NOT NULL CHECK (channel IN ('LETTER', 'VISIT', 'GROUP_VISIT', 'ONLINE', 'PHONE',
                                                       'LEADER_MAILBOX', 'TRANSFERRED', 'LEADER_RECEPTION')),
    kind              TEXT NOT NULL CHECK (kind IN ('GRIEVANCE', 'PROPOSAL', 'REPORT')),
    -- the whole lifecycle (DOMAIN §5); intake only reaches REGISTERED
    status            TEXT NOT NULL DEFAULT 'REGISTERED' CHECK (status IN ('REGISTERED', 'TRANSFERRED_OUT',
                          'ASSIGNED', 'RETURNED', 'REDIRECTED', 'ROUTED_TO_DISCIPLINE', 'ACCEPTED', 'NOT_ACCEPTED',
                          'NOT_ACCEPTED_FINAL', 'IN_HANDLING', 'EXTENSION_REQUESTED', 'REPLY_DRAFTED',
                          'REPLY_APPROVED', 'DELIVERED', 'UNDER_REVIEW', 'UNDER_REREVIEW', 'FINAL', 'CLOSED')),
    title             TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    content           TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 20000),
    category_code     TEXT REFERENCES category (code),
    -- the unit concerned or complained about
    concerned_unit_id BIGINT REFERENCES unit (id),
    -- the petition office that registered it ("first receiver owns it", 首接首办)
    receiving_unit_id BIGINT NOT NULL REFERENCES unit (id),
    received_on       DATE NOT NULL,
    received_at       TIMESTAMPTZ NOT NULL,
    registered_by     TEXT,
    headcount         INT NOT NULL DEFAULT 1 CHECK (headcount BETWEEN 1 AND 100000),
    source_body       TEXT CHECK (length(source_body) <= 200),
    source_reference  TEXT CHECK (length(source_reference) <= 100),
    repeat_of_id      BIGINT REFERENCES matter (id),
    repeat_count      INT NOT NULL DEFAULT 0 CHECK (repeat_count >= 0),
    idempotency_key   TEXT UNIQUE CHECK (idempotency_key ~ '^[A-Za-z0-9_.:-]{16,100}$'),
    version           INT NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    -- Regulation Art. 22: a transferred or assigned matter names the body and its reference number
    CONSTRAINT matter_transfer_source CHECK (channel <> 'TRANSFERRED'
                                             OR (source_body IS NOT NULL AND source_reference IS NOT NULL)),
    -- a group visit is five people or more (DOMAIN §3)
    CONSTRAINT matter_group_headcount CHECK (channel <> 'GROUP_VISIT' OR headcount >= 5)
);
CREATE INDEX matter_receiving_unit_idx ON matter (receiving_unit_id, received_at DESC);
CREATE INDEX matter_concerned_unit_idx ON matter (concerned_unit_id, received_at DESC);
CREATE INDEX matter_received_at_idx ON matter (received_at DESC, id DESC);
CREATE INDEX matter_repeat_of_idx ON matter (repeat_of_id) WHERE repeat_of_id IS NOT NULL;

-- Parties to a matter: the petitioner, co-petitioners, and the elected representatives of a group visit.
CREATE TABLE petitioner (
    id             BIGSERIAL PRIMARY KEY,
    matter_id      BIGINT NOT NULL REFERENCES matter (id),
    ordinal        INT NOT NULL CHECK (ordinal >= 1),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    phone          TEXT CHECK (phone ~ '^\+?[0-9]{5,20}$'),
    id_number      TEXT CHECK (id_number ~ '^[0-9A-Z]{6,30}$'),
    address        TEXT CHECK (length(address) <= 300),
    email          TEXT CHECK (length(email) <= 200),
    representative BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (matter_id, ordinal)
);
-- repeat detection (重复信访): the same person on an open matter, by ID number or by phone and name
CREATE INDEX petitioner_id_number_idx ON petitioner (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX petitioner_phone_name_idx ON petitioner (phone, name) WHERE phone IS NOT NULL;

-- Deadlines computed by the calendar module from a named period rule; open ones are scanned by due date.
CREATE TABLE matter_deadline (
    matter_id BIGINT NOT NULL REFERENCES matter (id),
    rule_code TEXT NOT NULL,
    due_date  DATE NOT NULL,
    met_on    DATE,
    PRIMARY KEY (matter_id, rule_code)
);
CREATE INDEX matter_deadline_due_idx ON matter_deadline (due_date) WHERE met_on IS NULL;

-- The timeline of a matter; public events are shown to the petitioner on the portal.
CREATE TABLE matter_event (
    id        BIGSERIAL PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES matter (id),
    at        TIMESTAMPTZ NOT NULL,
    type      TEXT NOT NULL CHECK (type ~ '^[A-Z_]{1,40}$'),
    actor     TEXT NOT NULL,
    note      TEXT CHECK (length(note) <= 2000),
    public    BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX matter_event_matter_idx ON matter_event (matter_id, at, id);

-- Materials handed in with a letter or visit. The type is the one detected from the content.
CREATE TABLE attachment (
    id           BIGSERIAL PRIMARY KEY,
    matter_id    BIGINT NOT NULL REFERENCES matter (id),
    filename     TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size         BIGINT NOT NULL CHECK (size > 0),
    sha256       TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content      BYTEA NOT NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL,
    uploaded_by  TEXT NOT NULL
);
CREATE INDEX attachment_matter_idx ON attachment (matter_id);

-- The query secret of an online submission, kept for 24 hours only so that a retry with the same
-- Idempotency-Key can be answered with the same body; purged afterwards.
CREATE TABLE submission_replay (
    matter_id    BIGINT PRIMARY KEY REFERENCES matter (id),
    query_secret TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX submission_replay_expiry_idx ON submission_replay (expires_at);
