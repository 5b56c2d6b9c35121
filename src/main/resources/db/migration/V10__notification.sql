-- Outbox of notices to petitioners. A row is written in the transaction of the state change that causes
-- the notice, so a notice goes out if and only if that change committed; the dispatcher sends due rows.
CREATE TABLE notification (
    id               BIGSERIAL PRIMARY KEY,
    matter_id        BIGINT REFERENCES matter (id),
    channel          TEXT NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    recipient        TEXT NOT NULL CHECK (length(recipient) BETWEEN 1 AND 320),
    template_key     TEXT CHECK (length(template_key) <= 100),
    subject          TEXT CHECK (length(subject) <= 500),
    body             TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    dedup_key        TEXT NOT NULL UNIQUE CHECK (length(dedup_key) BETWEEN 1 AND 200),
    status           TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         INT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at       TIMESTAMPTZ NOT NULL,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_attempt_at  TIMESTAMPTZ,
    last_error       TEXT,
    sent_at          TIMESTAMPTZ,
    CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);
-- the dispatcher's question: which pending rows are due, oldest first
CREATE INDEX notification_due_idx ON notification (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX notification_matter_idx ON notification (matter_id) WHERE matter_id IS NOT NULL;
CREATE INDEX notification_failed_idx ON notification (status) WHERE status = 'FAILED';

-- Text messages "sent" by the default SMS gateway, which records instead of sending until a real
-- gateway replaces it.
CREATE TABLE sms_message (
    id       BIGSERIAL PRIMARY KEY,
    phone    TEXT NOT NULL CHECK (length(phone) BETWEEN 1 AND 32),
    text     TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    sent_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_message_phone_idx ON sms_message (phone, sent_at);
