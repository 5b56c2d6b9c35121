-- Organisation tree (materialised path), staff, roles and dictionaries. DOMAIN §1, §2.

CREATE TABLE unit (
    id              BIGSERIAL PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,40}$'),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    parent_id       BIGINT REFERENCES unit (id),
    -- "/1/4/9/": ids from the root down to this unit, so a subtree is one indexed prefix match
    path            TEXT NOT NULL UNIQUE,
    level           TEXT NOT NULL CHECK (level IN ('PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP', 'INSTITUTION', 'DEPARTMENT')),
    unit_type       TEXT NOT NULL CHECK (unit_type IN ('COMMISSION', 'BUREAU', 'HOSPITAL', 'CDC', 'SUPERVISION', 'HEALTH_CENTRE', 'DEPARTMENT', 'OTHER')),
    petition_office BOOLEAN NOT NULL DEFAULT FALSE,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    version         INT NOT NULL DEFAULT 0
);
CREATE INDEX unit_path_idx ON unit (path text_pattern_ops);
CREATE INDEX unit_parent_idx ON unit (parent_id);

CREATE TABLE app_user (
    id              BIGSERIAL PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,60}$'),
    display_name    TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    password_hash   TEXT NOT NULL,
    unit_id         BIGINT NOT NULL REFERENCES unit (id),
    email           TEXT,
    phone           TEXT,
    enabled         BOOLEAN NOT NULL DEFAULT TRUE,
    failed_attempts INT NOT NULL DEFAULT 0,
    locked_until    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    version         INT NOT NULL DEFAULT 0
);
CREATE INDEX app_user_unit_idx ON app_user (unit_id);

CREATE TABLE user_role (
    user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('REGISTRAR', 'HANDLER', 'UNIT_HEAD', 'LEADER', 'REVIEWER', 'SUPERVISOR', 'ADMIN')),
    PRIMARY KEY (user_id, role)
);

-- 信访事项分类: categories of matters, a maintained dictionary.
CREATE TABLE category (
    code       TEXT PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{1,40}$'),
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    sort_order INT NOT NULL DEFAULT 0,
    active     BOOLEAN NOT NULL DEFAULT TRUE
);

-- 通过法定途径分类处理清单: legal routes a grievance is redirected to (Regulation Art. 31).
CREATE TABLE legal_route (
    code        TEXT PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{1,40}$'),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    applies_to  TEXT NOT NULL,
    sort_order  INT NOT NULL DEFAULT 0,
    active      BOOLEAN NOT NULL DEFAULT TRUE
);

INSERT INTO category (code, name_zh, name_en, sort_order) VALUES
    ('MEDICAL_DISPUTE', '医疗纠纷', 'Medical dispute', 10),
    ('MEDICAL_QUALITY', '医疗质量与服务态度', 'Quality of care and service attitude', 20),
    ('CHARGES', '医疗收费', 'Medical charges', 30),
    ('MEDICAL_INSURANCE', '医保报销', 'Medical insurance reimbursement', 40),
    ('PUBLIC_HEALTH', '公共卫生与疾病防控', 'Public health and disease control', 50),
    ('HEALTH_SUPERVISION', '卫生监督执法', 'Health inspection and enforcement', 60),
    ('DRUGS', '药品与耗材', 'Drugs and medical supplies', 70),
    ('STAFF_RIGHTS', '医务人员权益', 'Rights of health workers', 80),
    ('FAMILY_PLANNING', '计划生育与母婴保健', 'Family planning and maternal care', 90),
    ('CONDUCT', '行风作风与廉洁', 'Conduct and integrity of staff', 100),
    ('OTHER', '其他', 'Other', 999);

INSERT INTO legal_route (code, name_zh, name_en, applies_to, sort_order) VALUES
    ('MEDICAL_MEDIATION', '医疗纠纷人民调解（医调委）', 'Medical dispute mediation committee', '医疗损害、医疗事故争议', 10),
    ('MEDICAL_APPRAISAL', '医疗损害鉴定 / 医疗事故技术鉴定', 'Medical damage or accident appraisal', '医疗损害责任认定', 20),
    ('CIVIL_SUIT', '民事诉讼', 'Civil lawsuit', '医疗损害赔偿、合同纠纷', 30),
    ('ADMIN_RECONSIDERATION', '行政复议', 'Administrative reconsideration', '行政处罚、行政许可等行政行为', 40),
    ('ADMIN_SUIT', '行政诉讼', 'Administrative lawsuit', '行政处罚、行政许可等行政行为', 50),
    ('LABOUR_ARBITRATION', '劳动人事争议仲裁', 'Labour and personnel dispute arbitration', '医疗卫生机构职工劳动人事争议', 60),
    ('CONSUMER_COMPLAINT', '消费者投诉（市场监管）', 'Consumer complaint to market regulation', '药品、器械等消费纠纷', 70),
    ('DISCIPLINE_INSPECTION', '纪检监察机关', 'Discipline inspection and supervision organ', '对公职人员违纪违法的检举控告', 80);
