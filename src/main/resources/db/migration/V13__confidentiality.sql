-- Protection of the petitioner's identity (issue #3 item 5; DOMAIN §9; Regulation Art. 30, Art. 46; PIPL).
--
-- A matter is protected when it is a report (检举控告) or when its concerned unit is the unit complained
-- about. Staff see a protected matter's petitioners and materials only through a reveal: an authorised role
-- outside the complained-about unit's subtree, with a reason, recorded here and in the audit log.

ALTER TABLE matter ADD COLUMN concerned_unit_complained_about BOOLEAN NOT NULL DEFAULT FALSE;
-- a report names the unit it accuses; "complained about" needs a unit to be about
UPDATE matter SET concerned_unit_complained_about = TRUE WHERE kind = 'REPORT' AND concerned_unit_id IS NOT NULL;
ALTER TABLE matter ADD CONSTRAINT matter_complained_about_unit
    CHECK (NOT concerned_unit_complained_about OR concerned_unit_id IS NOT NULL);
ALTER TABLE matter ADD CONSTRAINT matter_report_complains
    CHECK (kind <> 'REPORT' OR concerned_unit_id IS NULL OR concerned_unit_complained_about);

-- The text with every given word (the petitioners' names, phones, ID numbers, addresses, e-mails) replaced by
-- ***; words shorter than two characters are left alone. The Java side (IdentityMasking.redact) applies the
-- same rule to what it shows.
CREATE FUNCTION xf_redact(doc TEXT, words TEXT[]) RETURNS TEXT
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    w TEXT;
    result TEXT := doc;
BEGIN
    FOR w IN SELECT x FROM unnest(words) AS x WHERE x IS NOT NULL AND length(x) >= 2 ORDER BY length(x) DESC LOOP
        result := replace(result, w, '***');
    END LOOP;
    RETURN result;
END $$;

-- A protected matter is searched in its text without the petitioners' identity, so a search for a reporter's
-- name or number never tells which matter they raised. NULL for unprotected matters.
ALTER TABLE matter ADD COLUMN search_vector_redacted tsvector;
UPDATE matter m SET search_vector_redacted = xf_search_vector(xf_redact(m.title || ' ' || m.content,
        ARRAY(SELECT unnest(ARRAY[p.name, p.phone, p.id_number, p.address, p.email])
              FROM petitioner p WHERE p.matter_id = m.id)))
    WHERE m.kind = 'REPORT' OR m.concerned_unit_complained_about;
CREATE INDEX matter_search_redacted_idx ON matter USING gin (search_vector_redacted);

-- Every reveal of a protected matter's identity: who, from which unit, when, why. A reveal also lets its user
-- download that matter's attachments and documents for a short while (each download audited).
CREATE TABLE identity_reveal (
    id          BIGSERIAL PRIMARY KEY,
    matter_id   BIGINT NOT NULL REFERENCES matter (id),
    revealed_by TEXT NOT NULL,
    unit_id     BIGINT NOT NULL REFERENCES unit (id),
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX identity_reveal_matter_idx ON identity_reveal (matter_id, at);
