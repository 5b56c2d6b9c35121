-- Staff intake honours Idempotency-Key like the public API (issue #5 item 1). A request that creates a
-- matter keeps its key on the matter (matter.idempotency_key); a request that was linked to an open matter as
-- a repeat (重复信访) creates none, so its key is kept here, and a retry is answered with the same link instead
-- of counting the repeat twice.
CREATE TABLE repeat_link_replay (
    idempotency_key TEXT PRIMARY KEY CHECK (idempotency_key ~ '^[A-Za-z0-9_.:-]{16,100}$'),
    fingerprint     TEXT NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    matter_id       BIGINT NOT NULL REFERENCES matter (id),
    created_at      TIMESTAMPTZ NOT NULL
);
