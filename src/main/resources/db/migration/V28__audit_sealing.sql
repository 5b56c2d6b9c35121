-- The audit chain is linked by a sealer instead of by each writer (issue #4, B1).
--
-- Before: every audited transaction took one exclusive advisory lock in the insert trigger and held it until its
-- COMMIT, so all audited transactions of all instances ran one after the other from their audit insert to the end
-- of their commit. With B1's statements alone (pgbench, prepared) the audit inserts were 85 of the 277 ms of a
-- lifecycle, all of it waiting for that lock.
--
-- Now: a writer takes the same lock in SHARED mode (writers never wait for each other), draws its seq and stores
-- the entry unsealed (prev_hash and hash NULL). The sealer, audit_entry_seal(), takes the lock EXCLUSIVELY: it is
-- granted once no writer is between drawing a seq and its commit, so every seq below the sequence's current value
-- is committed or rolled back for good, and it links every unsealed entry in seq order to the chain. The chain
-- order stays the seq order. The application seals every second (xinfang.audit.seal-interval) and before each
-- verification. Trade-off: an entry is not yet covered by the chain between its commit and the next seal (about a
-- second); an UPDATE or DELETE with the append-only guard switched off in that window goes undetected.

ALTER TABLE audit_entry ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_sealed_whole CHECK ((prev_hash IS NULL) = (hash IS NULL));
CREATE INDEX audit_entry_unsealed_idx ON audit_entry (seq) WHERE hash IS NULL;

CREATE OR REPLACE FUNCTION audit_entry_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(7301, 1);
    NEW.seq := nextval('audit_entry_seq');
    NEW.prev_hash := NULL;
    NEW.hash := NULL;
    RETURN NEW;
END $$;

-- Sealing is the one UPDATE allowed: an unsealed entry gets its link and hash, nothing else changes.
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
       AND NEW.entity_type = OLD.entity_type AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
       AND NEW.details IS NOT DISTINCT FROM OLD.details THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only';
END $$;

-- Links every unsealed entry, in seq order, to the last sealed one; answers how many it sealed. Waits at most
-- lock_wait (default 200 ms) for the writers in flight (new writers queue behind the sealer meanwhile); answers -1
-- when that ran out, and the next run seals.
CREATE FUNCTION audit_entry_seal(lock_wait INTERVAL DEFAULT '200 milliseconds') RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
    previous TEXT;
    entry RECORD;
    sealed INTEGER := 0;
BEGIN
    PERFORM set_config('lock_timeout', (extract(epoch FROM lock_wait) * 1000)::bigint::text, true);
    BEGIN
        PERFORM pg_advisory_xact_lock(7301, 1);
    EXCEPTION WHEN lock_not_available THEN
        RETURN -1;
    END;
    PERFORM set_config('lock_timeout', '0', true);
    SELECT hash INTO previous FROM audit_entry WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1;
    previous := coalesce(previous, 'GENESIS');
    FOR entry IN SELECT seq, at, actor, action, entity_type, entity_id, details
                 FROM audit_entry WHERE hash IS NULL ORDER BY seq LOOP
        UPDATE audit_entry
        SET prev_hash = previous,
            hash = audit_entry_digest(entry.seq, entry.at, entry.actor, entry.action, entry.entity_type,
                                      entry.entity_id, entry.details, previous)
        WHERE seq = entry.seq
        RETURNING hash INTO previous;
        sealed := sealed + 1;
    END LOOP;
    RETURN sealed;
END $$;
