-- Official written notices of the petition procedure (DOMAIN §5; issue #3 item 4), kept as issued: the PDF
-- bytes and their SHA-256 never change after issue.

-- Document numbers run per issuing unit, type and year without gaps (清卫信受〔2026〕12号). The counter row is
-- incremented in the transaction that stores the document, so a rolled-back issue gives its number back
-- and concurrent issues queue on the row lock.
CREATE TABLE document_counter (
    issuing_unit_id BIGINT NOT NULL REFERENCES unit (id),
    type            TEXT   NOT NULL,
    year            INT    NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    last_number     INT    NOT NULL CHECK (last_number >= 1),
    PRIMARY KEY (issuing_unit_id, type, year)
);

-- The unit's own abbreviation in document numbers (机关代字, e.g. 清卫信); without a row the unit code is used.
CREATE TABLE document_prefix (
    unit_id BIGINT PRIMARY KEY REFERENCES unit (id),
    prefix  TEXT   NOT NULL CHECK (length(prefix) BETWEEN 1 AND 20)
);

CREATE TABLE document (
    id              BIGSERIAL PRIMARY KEY,
    matter_id       BIGINT      NOT NULL REFERENCES matter (id),
    type            TEXT        NOT NULL CHECK (type IN ('ACCEPTANCE_NOTICE', 'NON_ACCEPTANCE_NOTICE',
                                    'NO_FURTHER_ACCEPTANCE_NOTICE', 'EXTENSION_NOTICE', 'HANDLING_OPINION',
                                    'REVIEW_OPINION', 'REREVIEW_OPINION')),
    number          TEXT        NOT NULL UNIQUE,
    issuing_unit_id BIGINT      NOT NULL REFERENCES unit (id),
    issued_on       DATE        NOT NULL,
    pdf             BYTEA       NOT NULL,
    sha256          TEXT        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_at      TIMESTAMPTZ NOT NULL,
    -- the day it reached the petitioner (送达); for an opinion it starts the review window
    delivered_on    DATE CHECK (delivered_on >= issued_on)
);

CREATE INDEX document_matter ON document (matter_id, id);
