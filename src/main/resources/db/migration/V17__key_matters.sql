-- Key matters and leader ownership (包案, DOMAIN §6): one matter, one leader, one task team, one plan, owned
-- to the end; a progress report every week (Monday-based, Asia/Shanghai) until the matter is closed (销号);
-- one reminder per missing week. Everything here names officials, never petitioners (DOMAIN §9).
CREATE TABLE key_matter (
    matter_id         BIGINT PRIMARY KEY REFERENCES matter (id),
    supervising_level TEXT NOT NULL CHECK (supervising_level IN ('CENTRAL', 'PROVINCE', 'PREFECTURE', 'COUNTY')),
    leader_username   TEXT NOT NULL REFERENCES app_user (username),
    leader_rank       TEXT NOT NULL CHECK (leader_rank IN ('PRINCIPAL', 'DEPUTY')),
    plan              TEXT NOT NULL CHECK (length(plan) BETWEEN 1 AND 4000),
    -- weekly reports are due for the weeks starting on or after this day (Asia/Shanghai)
    marked_on         DATE NOT NULL,
    marked_by         TEXT NOT NULL,
    marked_at         TIMESTAMPTZ NOT NULL,
    updated_by        TEXT NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    version           INT NOT NULL DEFAULT 0,
    -- unmarked with a reason (a matter marked by mistake): kept with its reports, no longer due or listed;
    -- marking it again starts a new period of weekly reports
    unmarked_at       TIMESTAMPTZ,
    unmarked_by       TEXT,
    unmark_reason     TEXT CHECK (length(unmark_reason) BETWEEN 1 AND 1000),
    CHECK ((unmarked_at IS NULL) = (unmark_reason IS NULL))
);
CREATE INDEX key_matter_leader_idx ON key_matter (leader_username);

CREATE TABLE key_matter_member (
    matter_id BIGINT NOT NULL REFERENCES key_matter (matter_id) ON DELETE CASCADE,
    username  TEXT NOT NULL REFERENCES app_user (username),
    PRIMARY KEY (matter_id, username)
);

-- one report per matter and week; a second report in the same week replaces the first
CREATE TABLE key_matter_report (
    matter_id  BIGINT NOT NULL REFERENCES key_matter (matter_id) ON DELETE CASCADE,
    week_start DATE NOT NULL CHECK (extract(isodow FROM week_start) = 1),
    report     TEXT NOT NULL CHECK (length(report) BETWEEN 1 AND 4000),
    filed_by   TEXT NOT NULL,
    filed_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (matter_id, week_start)
);

-- the key makes "one reminder per matter and missing week" hold even when two instances run the job at once
CREATE TABLE key_matter_reminder (
    matter_id       BIGINT NOT NULL REFERENCES key_matter (matter_id) ON DELETE CASCADE,
    week_start      DATE NOT NULL CHECK (extract(isodow FROM week_start) = 1),
    leader_username TEXT NOT NULL,
    raised_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (matter_id, week_start)
);
