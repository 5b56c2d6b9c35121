-- Holiday calendar and period rules. DOMAIN §5; counting per Civil Code Arts. 201–204.
--
-- calendar_day holds only the exceptional dates: public holidays (HOLIDAY, every day of an official
-- holiday block, weekends inside it included) and make-up working days (MAKEUP_WORKDAY, 调休上班日, always
-- a Saturday or Sunday). Every other date is a working day on Monday–Friday and a rest day on weekends.
-- calendar_year lists the years whose official arrangement has been entered completely; a computation that
-- needs a day of any other year is refused, never guessed.

CREATE TABLE calendar_day (
    day     DATE PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('HOLIDAY', 'MAKEUP_WORKDAY')),
    name_zh TEXT CHECK (length(name_zh) <= 50),
    -- a make-up working day only makes sense on a weekend (ISO day of week 6 = Saturday, 7 = Sunday)
    CONSTRAINT calendar_day_makeup_on_weekend CHECK (kind <> 'MAKEUP_WORKDAY' OR extract(isodow FROM day) IN (6, 7))
);

CREATE TABLE calendar_year (
    year INT PRIMARY KEY CHECK (year BETWEEN 1900 AND 2200),
    note TEXT CHECK (length(note) <= 200)
);

-- Period rules: every deadline is computed from one of these rows, editable by an administrator.
CREATE TABLE period_rule (
    code        TEXT PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{1,40}$'),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    amount      INT NOT NULL CHECK (amount > 0 AND amount <= 3650),
    unit        TEXT NOT NULL CHECK (unit IN ('CALENDAR_DAYS', 'WORKING_DAYS')),
    start_event TEXT NOT NULL,
    legal_basis TEXT
);

-- One version row, changed by a trigger on any change to the three tables above (by the application or by
-- hand). Every application instance compares it with the version of its in-memory copy on each call, so an
-- edit made on one instance is seen by all the others at once. The new value comes from a sequence, which
-- never hands out a number twice even when a transaction rolls back, so a version seen once always means
-- the same data.
CREATE SEQUENCE calendar_version_seq;
CREATE TABLE calendar_version (
    id      INT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO calendar_version (id, version) VALUES (1, nextval('calendar_version_seq'));

CREATE FUNCTION calendar_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE calendar_version SET version = nextval('calendar_version_seq') WHERE id = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER calendar_day_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_day
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_version_bump();
CREATE TRIGGER calendar_year_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_year
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_version_bump();
CREATE TRIGGER period_rule_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON period_rule
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_version_bump();

-- Official arrangements of the State Council General Office (国务院办公厅关于部分节假日安排的通知).
-- 2024: 国办发明电〔2023〕7号.
INSERT INTO calendar_day (day, kind, name_zh)
SELECT d::date, 'HOLIDAY', h.name_zh
FROM (VALUES
    ('2024-01-01', '2024-01-01', '元旦'),
    ('2024-02-10', '2024-02-17', '春节'),
    ('2024-04-04', '2024-04-06', '清明节'),
    ('2024-05-01', '2024-05-05', '劳动节'),
    ('2024-06-10', '2024-06-10', '端午节'),
    ('2024-09-15', '2024-09-17', '中秋节'),
    ('2024-10-01', '2024-10-07', '国庆节'),
-- 2025: 国办发明电〔2024〕12号 (first year with 除夕 and 5月2日 as public holidays).
    ('2025-01-01', '2025-01-01', '元旦'),
    ('2025-01-28', '2025-02-04', '春节'),
    ('2025-04-04', '2025-04-06', '清明节'),
    ('2025-05-01', '2025-05-05', '劳动节'),
    ('2025-05-31', '2025-06-02', '端午节'),
    ('2025-10-01', '2025-10-08', '国庆节、中秋节'),
-- 2026: 国务院办公厅 2025年11月4日通知.
    ('2026-01-01', '2026-01-03', '元旦'),
    ('2026-02-15', '2026-02-23', '春节'),
    ('2026-04-04', '2026-04-06', '清明节'),
    ('2026-05-01', '2026-05-05', '劳动节'),
    ('2026-06-19', '2026-06-21', '端午节'),
    ('2026-09-25', '2026-09-27', '中秋节'),
    ('2026-10-01', '2026-10-07', '国庆节')
) AS h (first_day, last_day, name_zh),
LATERAL generate_series(h.first_day::date, h.last_day::date, interval '1 day') AS d;

INSERT INTO calendar_day (day, kind, name_zh) VALUES
    ('2024-02-04', 'MAKEUP_WORKDAY', '春节调休上班'),
    ('2024-02-18', 'MAKEUP_WORKDAY', '春节调休上班'),
    ('2024-04-07', 'MAKEUP_WORKDAY', '清明节调休上班'),
    ('2024-04-28', 'MAKEUP_WORKDAY', '劳动节调休上班'),
    ('2024-05-11', 'MAKEUP_WORKDAY', '劳动节调休上班'),
    ('2024-09-14', 'MAKEUP_WORKDAY', '中秋节调休上班'),
    ('2024-09-29', 'MAKEUP_WORKDAY', '国庆节调休上班'),
    ('2024-10-12', 'MAKEUP_WORKDAY', '国庆节调休上班'),
    ('2025-01-26', 'MAKEUP_WORKDAY', '春节调休上班'),
    ('2025-02-08', 'MAKEUP_WORKDAY', '春节调休上班'),
    ('2025-04-27', 'MAKEUP_WORKDAY', '劳动节调休上班'),
    ('2025-09-28', 'MAKEUP_WORKDAY', '国庆节、中秋节调休上班'),
    ('2025-10-11', 'MAKEUP_WORKDAY', '国庆节、中秋节调休上班'),
    ('2026-01-04', 'MAKEUP_WORKDAY', '元旦调休上班'),
    ('2026-02-14', 'MAKEUP_WORKDAY', '春节调休上班'),
    ('2026-02-28', 'MAKEUP_WORKDAY', '春节调休上班'),
    ('2026-05-09', 'MAKEUP_WORKDAY', '劳动节调休上班'),
    ('2026-09-20', 'MAKEUP_WORKDAY', '国庆节调休上班'),
    ('2026-10-10', 'MAKEUP_WORKDAY', '国庆节调休上班');

INSERT INTO calendar_year (year, note) VALUES
    (2024, '国办发明电〔2023〕7号'),
    (2025, '国办发明电〔2024〕12号'),
    (2026, '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）');

-- Defaults of DOMAIN §5 (信访工作条例, 2022). The "due soon" threshold is not a period: it is the setting
-- xinfang.deadlines.due-soon-days.
INSERT INTO period_rule (code, name_zh, name_en, amount, unit, start_event, legal_basis) VALUES
    ('TRIAGE', '登记后转送、交办或告知', 'Triage by the receiving office', 15, 'CALENDAR_DAYS',
        'RECEIPT', '《信访工作条例》第二十二条'),
    ('RETURN_BY_UNIT', '非本单位职责范围事项退回', 'Return of a matter outside the unit''s remit', 5, 'WORKING_DAYS',
        'RECEIPT_BY_UNIT', '《信访工作条例》第二十二条'),
    ('ACCEPTANCE', '受理决定并书面告知', 'Acceptance decision and written notice', 15, 'CALENDAR_DAYS',
        'RECEIPT_OF_FORWARDED_MATTER', '《信访工作条例》第二十二条、第二十三条'),
    ('HANDLING', '办理并出具处理意见书', 'Handling and written reply', 60, 'CALENDAR_DAYS',
        'ACCEPTANCE', '《信访工作条例》第三十四条'),
    ('EXTENSION_MAX', '延长办理期限（最长）', 'Extension of the handling period (maximum)', 30, 'CALENDAR_DAYS',
        'HANDLING_DUE', '《信访工作条例》第三十四条'),
    ('EVALUATION_WINDOW', '信访人评价期', 'Petitioner evaluation window', 30, 'CALENDAR_DAYS',
        'DELIVERY', NULL),
    ('REVIEW_REQUEST', '申请复查期限', 'Time to request a review', 30, 'CALENDAR_DAYS',
        'DELIVERY', '《信访工作条例》第三十五条'),
    ('REVIEW_DECISION', '复查意见期限', 'Time to decide a review', 30, 'CALENDAR_DAYS',
        'REVIEW_REQUEST_RECEIPT', '《信访工作条例》第三十五条'),
    ('REREVIEW_REQUEST', '申请复核期限', 'Time to request a re-review', 30, 'CALENDAR_DAYS',
        'REVIEW_DELIVERY', '《信访工作条例》第三十六条'),
    ('REREVIEW_DECISION', '复核意见期限', 'Time to decide a re-review', 30, 'CALENDAR_DAYS',
        'REREVIEW_REQUEST_RECEIPT', '《信访工作条例》第三十六条');
