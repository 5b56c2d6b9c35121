-- Append-only audit log, hash-chained: each entry's hash covers its own fields and the previous
-- entry's hash, so an UPDATE or DELETE made behind the application's back breaks the chain at that row.

CREATE TABLE audit_entry (
    seq         BIGINT PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT,
    details     TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE SEQUENCE audit_entry_seq;
CREATE INDEX audit_entry_entity_idx ON audit_entry (entity_type, entity_id);

-- The one definition of an entry's digest; used when appending and when verifying.
CREATE FUNCTION audit_entry_digest(p_seq BIGINT, p_at TIMESTAMPTZ, p_actor TEXT, p_action TEXT,
                                   p_entity_type TEXT, p_entity_id TEXT, p_details TEXT, p_prev_hash TEXT)
    RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(
        p_seq::text || '|' || to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|' ||
        p_actor || '|' || p_action || '|' || p_entity_type || '|' || coalesce(p_entity_id, '') || '|' ||
        coalesce(p_details, '') || '|' || p_prev_hash, 'UTF8')), 'hex')
$$;

-- Appends are serialised by a transaction-scoped advisory lock taken here, so sequence numbers are
-- handed out in chain order and each entry links to the last committed (or own) entry.
CREATE FUNCTION audit_entry_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_hash TEXT;
BEGIN
    PERFORM pg_advisory_xact_lock(7301, 1);
    NEW.seq := nextval('audit_entry_seq');
    SELECT hash INTO last_hash FROM audit_entry ORDER BY seq DESC LIMIT 1;
    NEW.prev_hash := coalesce(last_hash, 'GENESIS');
    NEW.hash := audit_entry_digest(NEW.seq, NEW.at, NEW.actor, NEW.action, NEW.entity_type,
                                   NEW.entity_id, NEW.details, NEW.prev_hash);
    RETURN NEW;
END $$;

CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_chain();

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only';
END $$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
