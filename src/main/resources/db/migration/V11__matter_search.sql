-- Full-text search over matter titles and contents that works for Chinese (issue #3 item 8).
--
-- Chinese is written without spaces, and PostgreSQL's parsers see a whole sentence as one "word". Without a
-- word-segmentation dictionary (none ships with PostgreSQL), the text is indexed as overlapping character
-- pairs (bigrams): 医保报销困难 → 医保 保报 报销 销困 困难, each with its position. A query word becomes the
-- phrase of its bigrams (报销困难 → 报销 <-> 销困 <-> 困难), so any word of two or more characters matches
-- wherever it stands in running text, and only there. Runs of Latin letters and digits are indexed as
-- words. Positions skip one between runs, so a phrase never matches across punctuation or spaces.

CREATE FUNCTION xf_search_vector(doc TEXT) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    parts TEXT[] := '{}';
    run   TEXT;
    pos   INT := 0;
    i     INT;
BEGIN
    FOR run IN SELECT m[1] FROM regexp_matches(lower(coalesce(doc, '')),
                                               '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+)', 'g') AS m
    LOOP
        IF run ~ '^[a-z0-9]' OR length(run) = 1 THEN
            pos := pos + 1;
            parts := parts || (quote_literal(run) || ':' || least(pos, 16383));
        ELSE
            FOR i IN 1 .. length(run) - 1 LOOP
                pos := pos + 1;
                parts := parts || (quote_literal(substr(run, i, 2)) || ':' || least(pos, 16383));
            END LOOP;
        END IF;
        pos := pos + 1; -- a gap between runs
    END LOOP;
    RETURN array_to_string(parts, ' ')::tsvector;
END $$;

-- The query for what a user typed: every word must match (AND); a Chinese word as the phrase of its bigrams,
-- a single Chinese character as a prefix of a bigram. NULL when nothing searchable was typed.
CREATE FUNCTION xf_search_query(q TEXT) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    parts TEXT[] := '{}';
    grams TEXT[];
    run   TEXT;
    i     INT;
BEGIN
    FOR run IN SELECT m[1] FROM regexp_matches(lower(coalesce(q, '')),
                                               '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+)', 'g') AS m
    LOOP
        IF run ~ '^[a-z0-9]' THEN
            parts := parts || quote_literal(run);
        ELSIF length(run) = 1 THEN
            parts := parts || (quote_literal(run) || ':*');
        ELSE
            grams := '{}';
            FOR i IN 1 .. length(run) - 1 LOOP
                grams := grams || quote_literal(substr(run, i, 2));
            END LOOP;
            parts := parts || ('(' || array_to_string(grams, ' <-> ') || ')');
        END IF;
    END LOOP;
    IF cardinality(parts) = 0 THEN
        RETURN NULL;
    END IF;
    RETURN array_to_string(parts, ' & ')::tsquery;
END $$;

ALTER TABLE matter ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (xf_search_vector(title || ' ' || content)) STORED;
CREATE INDEX matter_search_idx ON matter USING gin (search_vector);
