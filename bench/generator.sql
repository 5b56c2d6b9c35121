-- Benchmark data generator (issue #4 item 1). Runs inside the application's database, after its Flyway
-- migrations, and keeps everything of its own in the schema xf_bench, which the application never reads.
--
--   SELECT xf_bench.load_org();                    -- ~300 units, staff of every role (password below)
--   SELECT xf_bench.load_matters(lo, hi, base, today, n_total);  -- matters lo..hi of n_total, in parallel
--   SELECT xf_bench.finish(n, seconds);            -- sequences, statistics, the record of what was loaded
--
-- Texts are sentences built here from a health-sector vocabulary; nothing is copied from a corpus. Every
-- "random" choice is a hash of the matter number, so the same N gives the same data on every machine.
-- Deadlines are counted like the application does for calendar-day periods (the last day moves to the next
-- working day of the holiday calendar); working-day periods are approximated as 7 calendar days.
-- Generated query secrets are derived from the matter number: bench data only, never real petitions.

-- functions below read temporary tables that exist only while loading
SET check_function_bodies = off;

CREATE SCHEMA IF NOT EXISTS xf_bench;
DROP TABLE IF EXISTS xf_bench.plan;

-- What was loaded: the harness reuses a database that holds the N it asks for.
CREATE TABLE IF NOT EXISTS xf_bench.meta (
    id            INT PRIMARY KEY CHECK (id = 1),
    matters       BIGINT NOT NULL,
    first_id      BIGINT NOT NULL,
    load_seconds  NUMERIC NOT NULL,
    loaded_on     DATE NOT NULL,
    loaded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- B1 adds matters through the application (registered and taken to evaluation); they are counted here, apart from
-- the generated ones (ids above first_id + matters - 1), so that a database of N generated matters is still reused
ALTER TABLE xf_bench.meta ADD COLUMN IF NOT EXISTS b1_lifecycles BIGINT NOT NULL DEFAULT 0;

-- A uniform number in [0, 1) from a matter number and a purpose: deterministic, no state.
CREATE OR REPLACE FUNCTION xf_bench.r(n BIGINT, k INT) RETURNS FLOAT8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (abs(hashint8extended(n, k)) % 1000003)::float8 / 1000003 $$;

-- An element of an array, chosen by r(n, k).
CREATE OR REPLACE FUNCTION xf_bench.pick(words TEXT[], n BIGINT, k INT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT words[1 + floor(xf_bench.r(n, k) * cardinality(words))::int] $$;

-- Ten symbols of the tracking-code alphabet; a bijection on [0, 31^10), so distinct inputs give distinct codes.
-- (Written out as one expression rather than an aggregate over generate_series(0, 9): a SQL function with an
-- aggregate is not inlined, and PostgreSQL started an executor for each of its two calls per generated matter.)
CREATE OR REPLACE FUNCTION xf_bench.symbols(x BIGINT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 1 % 31)::int + 1, 1)
       || substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 31 % 31)::int + 1, 1)
       || substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 961 % 31)::int + 1, 1)
       || substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 29791 % 31)::int + 1, 1)
       || substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 923521 % 31)::int + 1, 1)
       || substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 28629151 % 31)::int + 1, 1)
       || substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 887503681 % 31)::int + 1, 1)
       || substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 27512614111 % 31)::int + 1, 1)
       || substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 852891037441 % 31)::int + 1, 1)
       || substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (x / 26439622160671 % 31)::int + 1, 1) $$;

CREATE OR REPLACE FUNCTION xf_bench.tracking_code(id BIGINT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT 'XF' || xf_bench.symbols((id * 387420489 + 104729) % 819628286980801) $$;

CREATE OR REPLACE FUNCTION xf_bench.query_secret(id BIGINT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT xf_bench.symbols((id * 282475249 + 7919) % 819628286980801) $$;

-- Vocabulary, one array per slot of a sentence.
CREATE TABLE IF NOT EXISTS xf_bench.vocab (slot TEXT PRIMARY KEY, words TEXT[] NOT NULL);
INSERT INTO xf_bench.vocab (slot, words) VALUES
 ('who', '{本人,我父亲,我母亲,我爱人,我孩子,我家老人,我们村的村民,本人及家属,我单位职工,我岳母,我儿子,我女儿,我们小区的居民,我哥哥,我本人及亲属}'),
 ('when', '{今年三月,去年十月,上个月,上周,今年春节前,今年五月,去年年底,上月中旬,前几天,本月初,去年八月,今年年初}'),
 ('place', '{县人民医院,县中医院,乡镇卫生院,村卫生室,妇幼保健院,疾病预防控制中心,卫生监督所,社区卫生服务中心,市第一人民医院,民营医院,口腔诊所,药店,体检中心,急救中心,精神卫生中心}'),
 ('dept', '{急诊科,内科,外科,儿科,妇产科,骨科,眼科,口腔科,检验科,放射科,药剂科,住院部,门诊部,收费处,医保办,心内科,神经内科,消化内科,呼吸科,康复科}'),
 ('event', '{就诊,住院治疗,做手术,做检查,打疫苗,办理出院,开具证明,报销医药费,预约挂号,转诊,做体检,分娩,复诊,取药,办理慢病卡}'),
 ('problem', '{医生态度恶劣，不耐心解释病情,被多收了检查费用,手术后出现严重并发症,等候时间过长无人过问,药品价格明显高于其他医院,医保报销比例与政策规定不符,病历资料被拒绝复印,被要求做不必要的检查,护士操作不规范导致感染,诊断结果前后矛盾,收费清单与实际用药不符,出院结算时费用明显偏高,住院期间病房卫生条件差,疫苗接种记录登记错误,被推诿不予接收,转诊手续办理拖延,医生收受红包,私自加收材料费,诊所无证行医,药品过期仍在销售}'),
 ('harm', '{给家庭造成很大经济负担,导致病情延误,身心受到很大伤害,至今未能正常工作,多次往返耽误了农活,老人因此情绪低落,花费了大量时间和精力,造成了不良社会影响,严重影响了患者康复,让群众感到非常寒心}'),
 ('tried', '{多次找到医院协商未果,向科室负责人反映后无人处理,拨打投诉电话没有回音,与院方沟通后对方拒不认错,找过医务科但一直推脱,曾向乡镇反映但没有结果,医院答复一个月内处理但至今没有消息,向医保部门咨询后被告知找医院}'),
 ('ask', '{请求上级部门调查核实,要求医院作出合理解释,要求退还多收的费用,请求依法追究相关人员责任,要求赔偿相应损失,希望尽快解决,请求督促医院整改,要求公开收费依据,请求重新鉴定,希望有关部门给个说法,请求按政策报销,要求赔礼道歉}'),
 ('topic', '{医疗收费问题,医疗服务态度问题,医疗纠纷处理问题,医保报销问题,疫苗接种问题,食品卫生问题,职业病防治问题,医务人员待遇问题,乡村医生养老问题,计划生育奖励扶助问题,无证行医问题,医疗废物处置问题,出生医学证明办理问题,病历复印问题,药品价格问题,急救响应问题,公共场所卫生问题,饮用水卫生问题,母婴保健服务问题,医院停车收费问题}'),
 ('opinion', '{建议增加基层医院的专家门诊,建议延长夜间门诊时间,建议简化异地就医备案手续,建议在乡镇卫生院配备儿科医生,建议公开常用药品价格,建议优化网上预约挂号流程,建议加强村医培训,建议完善家庭医生签约服务,建议增设无障碍设施,建议规范医院周边停车管理}'),
 ('accused', '{该院某科室负责人,某乡镇卫生院院长,某医生,某药房工作人员,收费处工作人员,某村医,某科室主任,医院后勤负责人}'),
 ('wrong', '{利用职务之便收受药品回扣,违规招聘亲属,虚报冒领医保基金,私设小金库,挪用公共卫生经费,违规发放补贴,在工程项目中收受好处费,长期不在岗却照领工资}'),
 ('surname', '{王,李,张,刘,陈,杨,赵,黄,周,吴,徐,孙,胡,朱,高,林,何,郭,马,罗,梁,宋,郑,谢,韩,唐,冯,于,董,萧,程,曹,袁,邓,许,傅,沈,曾,彭,吕}'),
 ('given', '{伟,芳,娜,秀英,敏,静,丽,强,磊,军,洋,勇,艳,杰,娟,涛,明,超,秀兰,霞,平,刚,桂英,建国,建华,志强,海燕,晓东,春梅,红梅,玉兰,国平,德明,小红,文华,淑珍,永刚,桂兰,立新,晓燕}'),
 ('village', '{城关镇,河西乡,石门镇,龙泉镇,柳树乡,白沙镇,新华街道,东城街道,西关村,南山村,北坪村,杨家湾村,马家庄,青石镇,长岭乡}')
ON CONFLICT (slot) DO UPDATE SET words = EXCLUDED.words;

-- A slot's words. Declared immutable so that a call with a constant is folded once per statement.
CREATE OR REPLACE FUNCTION xf_bench.w(p_slot TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS
$$ SELECT words FROM xf_bench.vocab WHERE slot = p_slot $$;

-- The organisation: a prefecture commission with its departments and 14 county bureaus, each with five
-- institutions, twelve township health centres and three departments: 301 units. The password of every
-- account is 'xinfang-bench'.
CREATE OR REPLACE FUNCTION xf_bench.load_org() RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    hash   CONSTANT TEXT := '{bcrypt}$2a$10$ic1ppiVSSb8pYG6tm6hjxO3JJE/fiqoEAKm0DqvKY9ED4E/8asFMS';
    root   BIGINT;
    bureau BIGINT;
    c      INT;
    i      INT;
    counties CONSTANT TEXT[] := '{清水县,青山县,白河县,石城县,云岭县,东川县,南溪县,西平县,北安县,凤阳县,金沙县,龙门县,安宁县,永和县}';
    towns    CONSTANT TEXT[] := '{城关镇,河西乡,石门镇,龙泉镇,柳树乡,白沙镇,青石镇,长岭乡,杨柳镇,黄坪乡,新田镇,古城乡}';
    u RECORD;
BEGIN
    IF EXISTS (SELECT 1 FROM unit WHERE code = 'BENCH-ZWJW') THEN
        RETURN;
    END IF;
    root := xf_bench.add_unit('BENCH-ZWJW', '基准州卫生健康委员会', NULL, 'PREFECTURE', 'COMMISSION', TRUE);
    PERFORM xf_bench.add_unit('BENCH-ZWJW-' || d.code, d.name, root, 'DEPARTMENT', 'DEPARTMENT', FALSE)
    FROM (VALUES ('XFK', '信访科'), ('YZK', '医政医管科'), ('JKK', '疾病预防控制科'), ('JDK', '综合监督科'),
                 ('GHK', '规划发展科'), ('BGS', '办公室')) AS d (code, name);
    FOR c IN 1 .. 14 LOOP
        bureau := xf_bench.add_unit(format('BENCH%s', lpad(c::text, 2, '0')), counties[c] || '卫生健康局', root,
                                    'COUNTY', 'BUREAU', TRUE);
        PERFORM xf_bench.add_unit(format('BENCH%s-%s', lpad(c::text, 2, '0'), d.code), counties[c] || d.name, bureau,
                                  'INSTITUTION', d.type, FALSE)
        FROM (VALUES ('RMYY', '人民医院', 'HOSPITAL'), ('ZYY', '中医院', 'HOSPITAL'),
                     ('CDC', '疾病预防控制中心', 'CDC'), ('WSJD', '卫生健康综合监督执法局', 'SUPERVISION'),
                     ('FYBJ', '妇幼保健院', 'HOSPITAL')) AS d (code, name, type);
        FOR i IN 1 .. 12 LOOP
            PERFORM xf_bench.add_unit(format('BENCH%s-XZ%s', lpad(c::text, 2, '0'), lpad(i::text, 2, '0')),
                                      counties[c] || towns[i] || '卫生院', bureau, 'TOWNSHIP', 'HEALTH_CENTRE', FALSE);
        END LOOP;
        PERFORM xf_bench.add_unit(format('BENCH%s-%s', lpad(c::text, 2, '0'), d.code), d.name, bureau,
                                  'DEPARTMENT', 'DEPARTMENT', FALSE)
        FROM (VALUES ('YZK', '医政医管股'), ('GWK', '公共卫生股'), ('BGS', '办公室')) AS d (code, name);
    END LOOP;
    -- staff: every unit has two handlers and a head; petition offices also register, supervise, lead, review
    -- and administer
    FOR u IN SELECT id, code, petition_office FROM unit WHERE code LIKE 'BENCH%' ORDER BY id LOOP
        IF u.petition_office THEN
            PERFORM xf_bench.add_user(lower(u.code) || '-' || lower(r), u.id, r, hash)
            FROM unnest('{REGISTRAR,SUPERVISOR,LEADER,REVIEWER,ADMIN}'::text[]) r;
        END IF;
        PERFORM xf_bench.add_user(lower(u.code) || '-handler' || h, u.id, 'HANDLER', hash)
        FROM generate_series(1, 2) h;
        PERFORM xf_bench.add_user(lower(u.code) || '-unit_head', u.id, 'UNIT_HEAD', hash);
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION xf_bench.add_unit(p_code TEXT, p_name TEXT, p_parent BIGINT, p_level TEXT, p_type TEXT,
                                             p_office BOOLEAN) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    new_id BIGINT := nextval('unit_id_seq');
BEGIN
    INSERT INTO unit (id, code, name, parent_id, path, level, unit_type, petition_office)
    VALUES (new_id, p_code, p_name, p_parent,
            coalesce((SELECT path FROM unit WHERE id = p_parent), '/') || new_id || '/', p_level, p_type, p_office);
    RETURN new_id;
END $$;

CREATE OR REPLACE FUNCTION xf_bench.add_user(p_username TEXT, p_unit BIGINT, p_role TEXT, p_hash TEXT)
    RETURNS VOID LANGUAGE sql AS $$
    WITH u AS (INSERT INTO app_user (username, display_name, password_hash, unit_id)
               VALUES (p_username, '基准' || p_role, p_hash, p_unit) RETURNING id)
    INSERT INTO user_role (user_id, role) SELECT id, p_role FROM u;
$$;

-- The first working day on or after a date, per the holiday calendar (years without data: weekends only).
CREATE OR REPLACE FUNCTION xf_bench.working_on_or_after(d DATE) RETURNS DATE LANGUAGE sql STABLE AS $$
    SELECT min(x)::date FROM generate_series(d, d + 14, interval '1 day') x
    WHERE coalesce((SELECT kind = 'MAKEUP_WORKDAY' FROM calendar_day WHERE day = x::date),
                   (SELECT kind <> 'HOLIDAY' FROM calendar_day WHERE day = x::date),
                   extract(isodow FROM x) < 6)
$$;

DROP FUNCTION IF EXISTS xf_bench.load_matters(BIGINT, BIGINT, BIGINT, DATE);
CREATE OR REPLACE FUNCTION xf_bench.load_matters(lo BIGINT, hi BIGINT, base BIGINT, today DATE, n_total BIGINT)
    RETURNS BIGINT
    LANGUAGE plpgsql AS $$
BEGIN
    SET LOCAL synchronous_commit = off;
    -- the plan of each matter, its dates and how far it got; per session, so that chunks run in parallel
    CREATE TEMP TABLE IF NOT EXISTS plan (
        id BIGINT PRIMARY KEY, n BIGINT NOT NULL, person BIGINT NOT NULL, stage TEXT NOT NULL,
        channel TEXT NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL,
        receiving BIGINT NOT NULL, concerned BIGINT, handling BIGINT, handler TEXT, head TEXT,
        received DATE NOT NULL, assigned DATE, accepted DATE, drafted DATE, approved DATE, delivered DATE,
        review_requested DATE, review_decided DATE, rereview_requested DATE, rereview_decided DATE, closed DATE,
        evaluated DATE, extension_days INT, stalled BOOLEAN NOT NULL,
        status TEXT, steps INT, last_day DATE, extension_state TEXT
    );
    TRUNCATE plan;
    CREATE TEMP TABLE IF NOT EXISTS units_here AS
        SELECT u.id, u.code, u.path, u.petition_office, u.level,
               row_number() OVER (PARTITION BY u.parent_id ORDER BY u.id) AS k,
               count(*) OVER (PARTITION BY u.parent_id) AS siblings, u.parent_id
        FROM unit u WHERE u.code LIKE 'BENCH%';
    -- looked up per matter (the registrar, the reviewing unit): without an index each look-up read all 301 rows
    CREATE UNIQUE INDEX IF NOT EXISTS units_here_id ON units_here (id);
    ANALYZE units_here;
    CREATE TEMP TABLE IF NOT EXISTS offices AS
        SELECT row_number() OVER (ORDER BY id) AS k, id, code FROM units_here WHERE petition_office;
    -- the units below each petition office, numbered, so that picking one is an index look-up
    CREATE TEMP TABLE IF NOT EXISTS below AS
        SELECT o.id AS office, row_number() OVER (PARTITION BY o.id ORDER BY x.id) AS k, x.id AS unit,
               count(*) OVER (PARTITION BY o.id) AS total
        FROM offices o JOIN units_here r ON r.id = o.id JOIN units_here x ON x.path LIKE r.path || '_%';
    CREATE UNIQUE INDEX IF NOT EXISTS below_k ON below (office, k);
    ANALYZE below;
    CREATE TEMP TABLE IF NOT EXISTS shift AS
        SELECT d::date AS day, xf_bench.working_on_or_after(d::date) AS working
        FROM generate_series(today - 800, today + 400, interval '1 day') d;
    CREATE UNIQUE INDEX IF NOT EXISTS shift_day ON shift (day);
    ANALYZE shift;

    -- 1. the plan: an age up to two years (more recent matters more often), a stage reached by that age. Ids
    -- follow the date received, as registration assigns them: a month's matters lie together in the heap, as in
    -- a real database (with ages drawn at random per id, a month's 65,000 matters were spread over 69,000 of
    -- the 152,000 pages at 1M, and every scan by date read almost the whole table)
    INSERT INTO plan
    WITH s AS (
        SELECT base + n AS id, n,
               -- people come back: about one matter in five is from someone who petitioned before
               CASE WHEN xf_bench.r(n, 1) < 0.2 THEN floor(xf_bench.r(n, 2) * greatest(n / 5, 1))::bigint
                    ELSE n END AS person,
               -- (in float8: the numeric power of 0.5 and 1.3 cost ~40 µs per matter; the same ages for all
               -- 1,000,000 matters of a 1M load, compared one by one)
               floor(730 * power(1 - (n - 0.5::float8) / greatest(n_total, hi), 1.3::float8))::int AS age,
               xf_bench.r(n, 4) AS c, xf_bench.r(n, 5) AS kd, xf_bench.r(n, 6) AS fate,
               xf_bench.r(n, 7) < 0.07 AS stalled,
               (SELECT count(*) FROM offices) AS n_offices
        FROM generate_series(lo, hi) n
    ), u AS (
        SELECT s.*,
               CASE WHEN c < 0.30 THEN 'LETTER' WHEN c < 0.45 THEN 'VISIT' WHEN c < 0.48 THEN 'GROUP_VISIT'
                    WHEN c < 0.72 THEN 'ONLINE' WHEN c < 0.86 THEN 'PHONE' WHEN c < 0.93 THEN 'LEADER_MAILBOX'
                    WHEN c < 0.97 THEN 'TRANSFERRED' ELSE 'LEADER_RECEPTION' END AS channel,
               CASE WHEN kd < 0.72 THEN 'GRIEVANCE' WHEN kd < 0.90 THEN 'PROPOSAL' ELSE 'REPORT' END AS kind,
               (SELECT id FROM offices o WHERE o.k = 1 + floor(xf_bench.r(n, 8) * n_offices)::int) AS receiving
        FROM s
    ), w AS (
        SELECT u.*,
               (SELECT b.unit FROM below b WHERE b.office = u.receiving
                  AND b.k = 1 + floor(xf_bench.r(u.n, 9) * (SELECT max(total) FROM below WHERE office = u.receiving))::int)
                 AS concerned,
               (today - age) AS received,
               1 + floor(xf_bench.r(n, 10) * 9)::int AS d_assign,
               1 + floor(xf_bench.r(n, 11) * 12)::int AS d_accept,
               10 + floor(xf_bench.r(n, 12) * 45)::int AS d_draft,
               1 + floor(xf_bench.r(n, 13) * 3)::int AS d_approve,
               1 + floor(xf_bench.r(n, 14) * 4)::int AS d_deliver
        FROM u
    )
    SELECT w.id, w.n, w.person,
           -- where the matter ended up, before its age cuts it short
           CASE WHEN w.fate < 0.06 THEN 'TRANSFERRED_OUT'
                WHEN w.fate < 0.10 AND w.kind = 'GRIEVANCE' THEN 'REDIRECTED'
                WHEN w.fate < 0.10 AND w.kind = 'REPORT' THEN 'ROUTED_TO_DISCIPLINE'
                WHEN w.fate < 0.13 THEN 'NOT_ACCEPTED'
                WHEN w.fate < 0.14 THEN 'NOT_ACCEPTED_FINAL'
                ELSE 'HANDLED' END,
           w.channel, w.kind,
           xf_bench.pick(ARRAY['MEDICAL_DISPUTE','MEDICAL_QUALITY','CHARGES','MEDICAL_INSURANCE','PUBLIC_HEALTH',
                               'HEALTH_SUPERVISION','DRUGS','STAFF_RIGHTS','FAMILY_PLANNING','CONDUCT','OTHER'], w.n, 15),
           w.receiving, CASE WHEN xf_bench.r(w.n, 16) < 0.1 THEN NULL ELSE w.concerned END,
           NULL, NULL, NULL, w.received,
           w.received + w.d_assign, w.received + w.d_assign + w.d_accept,
           w.received + w.d_assign + w.d_accept + w.d_draft,
           w.received + w.d_assign + w.d_accept + w.d_draft + w.d_approve,
           w.received + w.d_assign + w.d_accept + w.d_draft + w.d_approve + w.d_deliver,
           NULL, NULL, NULL, NULL, NULL, NULL,
           CASE WHEN xf_bench.r(w.n, 17) < 0.05 THEN 10 + floor(xf_bench.r(w.n, 18) * 20)::int END,
           w.stalled
    FROM w;

    ANALYZE plan;
    -- 2. the handling unit (the concerned unit, else one below the receiving office) and its staff
    UPDATE plan p SET handling = coalesce(p.concerned,
               (SELECT b.unit FROM below b WHERE b.office = p.receiving
                  AND b.k = 1 + floor(xf_bench.r(p.n, 19) * (SELECT max(total) FROM below WHERE office = p.receiving))::int))
    WHERE p.id BETWEEN base + lo AND base + hi;
    UPDATE plan p SET handler = lower(x.code) || '-handler' || (1 + (p.n % 2)),
                               head = lower(x.code) || '-unit_head'
    FROM units_here x WHERE x.id = p.handling AND p.id BETWEEN base + lo AND base + hi;

    -- 3. cut each plan at today: a step happens only when its day has come (a stalled matter stops at a
    --    random step and stays there, past its deadline); after delivery, evaluation, reviews and closing
    UPDATE plan p SET
        assigned  = CASE WHEN p.assigned <= today AND NOT (p.stalled AND xf_bench.r(p.n, 20) < 0.2) THEN p.assigned END
    WHERE p.id BETWEEN base + lo AND base + hi;
    UPDATE plan p SET
        accepted  = CASE WHEN p.assigned IS NOT NULL AND p.stage = 'HANDLED' AND p.accepted <= today
                          AND NOT (p.stalled AND xf_bench.r(p.n, 20) < 0.4) THEN p.accepted END
    WHERE p.id BETWEEN base + lo AND base + hi;
    UPDATE plan p SET
        drafted   = CASE WHEN p.accepted IS NOT NULL AND p.drafted + coalesce(p.extension_days, 0) <= today
                          AND NOT (p.stalled AND xf_bench.r(p.n, 20) < 0.8)
                         THEN p.drafted + coalesce(p.extension_days, 0) END
    WHERE p.id BETWEEN base + lo AND base + hi;
    UPDATE plan p SET
        approved  = CASE WHEN p.drafted IS NOT NULL AND p.approved + coalesce(p.extension_days, 0) <= today
                          AND NOT p.stalled THEN p.approved + coalesce(p.extension_days, 0) END,
        delivered = CASE WHEN p.drafted IS NOT NULL AND p.delivered + coalesce(p.extension_days, 0) <= today
                          AND NOT p.stalled THEN p.delivered + coalesce(p.extension_days, 0) END
    WHERE p.id BETWEEN base + lo AND base + hi;
    UPDATE plan p SET
        evaluated = CASE WHEN xf_bench.r(p.n, 21) < 0.7 AND p.delivered + 1 + floor(xf_bench.r(p.n, 22) * 20)::int <= today
                         THEN p.delivered + 1 + floor(xf_bench.r(p.n, 22) * 20)::int END,
        review_requested = CASE WHEN xf_bench.r(p.n, 23) < 0.06 AND p.delivered + 20 <= today THEN p.delivered + 20 END
    WHERE p.id BETWEEN base + lo AND base + hi AND p.delivered IS NOT NULL;
    UPDATE plan p SET
        review_decided = CASE WHEN p.review_requested + 25 <= today THEN p.review_requested + 25 END
    WHERE p.id BETWEEN base + lo AND base + hi AND p.review_requested IS NOT NULL;
    UPDATE plan p SET
        rereview_requested = CASE WHEN xf_bench.r(p.n, 24) < 0.25 AND p.review_decided + 15 <= today
                                  THEN p.review_decided + 15 END
    WHERE p.id BETWEEN base + lo AND base + hi AND p.review_decided IS NOT NULL;
    UPDATE plan p SET
        rereview_decided = CASE WHEN p.rereview_requested + 25 <= today THEN p.rereview_requested + 25 END
    WHERE p.id BETWEEN base + lo AND base + hi AND p.rereview_requested IS NOT NULL;
    UPDATE plan p SET
        closed = CASE WHEN p.rereview_decided IS NOT NULL AND p.rereview_decided + 10 <= today THEN p.rereview_decided + 10
                      WHEN p.review_requested IS NULL AND p.delivered + 35 <= today THEN p.delivered + 35
                      WHEN p.review_decided IS NOT NULL AND p.rereview_requested IS NULL AND p.review_decided + 35 <= today
                          THEN p.review_decided + 35 END
    WHERE p.id BETWEEN base + lo AND base + hi AND p.delivered IS NOT NULL;

    -- 4. the status each plan reached, and its deadlines as the lifecycle opens and meets them (MatterLifecycle)
    UPDATE plan p SET
        status = CASE
            WHEN p.assigned IS NULL THEN CASE WHEN p.stage IN ('TRANSFERRED_OUT', 'REDIRECTED', 'ROUTED_TO_DISCIPLINE')
                                                    AND p.received + 3 <= today AND NOT p.stalled
                                               THEN p.stage ELSE 'REGISTERED' END
            WHEN p.stage IN ('TRANSFERRED_OUT', 'REDIRECTED', 'ROUTED_TO_DISCIPLINE') THEN p.stage
            WHEN p.stage IN ('NOT_ACCEPTED', 'NOT_ACCEPTED_FINAL') THEN
                CASE WHEN p.assigned + 5 <= today THEN p.stage ELSE 'ASSIGNED' END
            WHEN p.accepted IS NULL THEN 'ASSIGNED'
            WHEN p.closed IS NOT NULL THEN 'CLOSED'
            WHEN p.rereview_decided IS NOT NULL THEN 'FINAL'
            WHEN p.rereview_requested IS NOT NULL THEN 'UNDER_REREVIEW'
            WHEN p.review_requested IS NOT NULL AND p.review_decided IS NULL THEN 'UNDER_REVIEW'
            WHEN p.delivered IS NOT NULL THEN 'DELIVERED'
            WHEN p.approved IS NOT NULL THEN 'REPLY_APPROVED'
            WHEN p.drafted IS NOT NULL THEN 'REPLY_DRAFTED'
            WHEN p.extension_days IS NOT NULL AND xf_bench.r(p.n, 34) < 0.5 THEN 'EXTENSION_REQUESTED'
            WHEN xf_bench.r(p.n, 42) < 0.1 THEN 'ACCEPTED'
            ELSE 'IN_HANDLING' END,
        steps = (p.assigned IS NOT NULL)::int + (p.accepted IS NOT NULL)::int * 2 + (p.drafted IS NOT NULL)::int
              + (p.approved IS NOT NULL)::int + (p.delivered IS NOT NULL)::int + (p.evaluated IS NOT NULL)::int
              + (p.closed IS NOT NULL)::int,
        last_day = greatest(p.assigned, p.accepted, p.drafted, p.approved, p.delivered, p.evaluated, p.review_requested,
                     p.review_decided, p.rereview_requested, p.rereview_decided, p.closed)
    WHERE p.id BETWEEN base + lo AND base + hi;
    UPDATE plan p SET extension_state =
           CASE WHEN p.status = 'EXTENSION_REQUESTED' THEN 'REQUESTED' ELSE 'APPROVED' END,
           handler = CASE WHEN p.status = 'ACCEPTED' THEN NULL ELSE p.handler END
    WHERE p.id BETWEEN base + lo AND base + hi AND p.accepted IS NOT NULL AND p.extension_days IS NOT NULL;
    UPDATE plan p SET handler = NULL
    WHERE p.id BETWEEN base + lo AND base + hi AND (p.status = 'ACCEPTED' OR p.accepted IS NULL);

    CREATE TEMP TABLE IF NOT EXISTS dl (matter_id BIGINT, rule_code TEXT, due_date DATE, met_on DATE,
                                        obligation BOOLEAN);
    TRUNCATE dl;
    INSERT INTO dl
    SELECT p.id, r.rule_code, coalesce(sh.working, r.due_date),
           CASE WHEN p.status = 'CLOSED' THEN coalesce(r.met_on, p.closed) ELSE r.met_on END, r.obligation
    FROM plan p
    CROSS JOIN LATERAL (VALUES
        ('TRIAGE', p.received + 15,
         CASE WHEN p.status <> 'REGISTERED' THEN coalesce(p.assigned, p.received + 3) END, TRUE, TRUE),
        ('RETURN_BY_UNIT', p.assigned + 7, CASE WHEN p.status <> 'ASSIGNED' THEN coalesce(p.accepted, p.assigned + 5) END,
         TRUE, p.assigned IS NOT NULL AND p.stage IN ('HANDLED', 'NOT_ACCEPTED', 'NOT_ACCEPTED_FINAL')),
        ('ACCEPTANCE', p.assigned + 15, CASE WHEN p.status <> 'ASSIGNED' THEN coalesce(p.accepted, p.assigned + 5) END,
         TRUE, p.assigned IS NOT NULL AND p.stage IN ('HANDLED', 'NOT_ACCEPTED', 'NOT_ACCEPTED_FINAL')),
        ('HANDLING', p.accepted + (60 + CASE WHEN p.extension_state = 'APPROVED' THEN p.extension_days ELSE 0 END),
         p.delivered, TRUE, p.accepted IS NOT NULL),
        ('EVALUATION_WINDOW', p.delivered + 30, p.evaluated, FALSE, p.delivered IS NOT NULL),
        ('REVIEW_REQUEST', p.delivered + 30, p.review_requested, FALSE, p.delivered IS NOT NULL),
        ('REVIEW_DECISION', p.review_requested + 30, p.review_decided, TRUE, p.review_requested IS NOT NULL),
        ('REREVIEW_REQUEST', p.review_decided + 30, p.rereview_requested, FALSE, p.review_decided IS NOT NULL),
        ('REREVIEW_DECISION', p.rereview_requested + 30, p.rereview_decided, TRUE, p.rereview_requested IS NOT NULL)
    ) AS r (rule_code, due_date, met_on, obligation, present)
    -- a calendar-day period ends on the working day on or after start + days (Civil Code Arts. 201-204)
    LEFT JOIN shift sh ON sh.day = r.due_date
    WHERE p.id BETWEEN base + lo AND base + hi AND r.present;
    ANALYZE dl;

    -- 5. the petitioners (the same person, name, phone and ID number, on each of their matters), first into a
    -- temporary table: a protected matter's redacted search vector is then computed in the matter's own INSERT
    -- instead of by an UPDATE after the petitioners are stored (which wrote every protected row twice)
    CREATE TEMP TABLE IF NOT EXISTS pet (matter_id BIGINT, ordinal INT, name TEXT, phone TEXT, id_number TEXT,
                                         address TEXT, email TEXT, representative BOOLEAN);
    TRUNCATE pet;
    INSERT INTO pet (matter_id, ordinal, name, phone, id_number, address, email, representative)
    SELECT p.id, o.ordinal, xf_bench.person_name(q), '13' || lpad((q * 7919 % 1000000000)::text, 9, '0'),
           CASE WHEN xf_bench.r(q, 60) < 0.7 THEN xf_bench.id_number(q) END,
           CASE WHEN xf_bench.r(q, 61) < 0.8 THEN '基准州' || xf_bench.pick(xf_bench.w('village'), q, 62)
                || (q % 200 + 1) || '号' END,
           CASE WHEN xf_bench.r(q, 63) < 0.3 THEN 'p' || q || '@example.cn' END,
           p.channel = 'GROUP_VISIT'
    FROM plan p
    CROSS JOIN LATERAL generate_series(1, CASE WHEN p.channel = 'GROUP_VISIT' THEN 2 + floor(xf_bench.r(p.n, 64) * 4)::int
                                               WHEN xf_bench.r(p.n, 65) < 0.05 THEN 2 ELSE 1 END) AS o (ordinal)
    CROSS JOIN LATERAL (SELECT CASE WHEN o.ordinal = 1 THEN p.person ELSE p.n * 10 + o.ordinal + 1000000000000 END AS q) x
    WHERE p.id BETWEEN base + lo AND base + hi;
    CREATE INDEX IF NOT EXISTS pet_matter ON pet (matter_id);
    ANALYZE pet;

    -- the scope of each matter (V14's matter_scope_of, what the trigger matter_scope_on_insert stores), once per
    -- distinct receiving, concerned and handling unit instead of once per matter: the loader disables that trigger
    CREATE TEMP TABLE IF NOT EXISTS scope (receiving BIGINT, concerned BIGINT, handling BIGINT, ids BIGINT[]);
    TRUNCATE scope;
    INSERT INTO scope
    SELECT receiving, coalesce(concerned, 0), coalesce(handling, 0), matter_scope_of(receiving, concerned, handling)
    FROM (SELECT DISTINCT p.receiving, p.concerned,
                 CASE WHEN p.assigned IS NOT NULL AND p.stage IN ('HANDLED', 'NOT_ACCEPTED', 'NOT_ACCEPTED_FINAL')
                      THEN p.handling END AS handling
          FROM plan p WHERE p.id BETWEEN base + lo AND base + hi) d;
    CREATE INDEX IF NOT EXISTS scope_units ON scope (receiving, concerned, handling);
    ANALYZE scope;

    -- 6. the matters, with the nearest open obligation (what the trigger on matter_deadline keeps)
    INSERT INTO matter (id, tracking_code, query_secret_hash, channel, kind, status, title, content, category_code,
                        concerned_unit_id, receiving_unit_id, received_on, received_at, registered_by, headcount,
                        source_body, source_reference, repeat_of_id, repeat_count, version, created_at, updated_at,
                        handling_unit_id, handler_username, forwarded_to, legal_route_code, decision_reason,
                        extension_days, extension_reason, extension_state, reply_outcome, reply_text,
                        reply_drafted_by, reply_approved_by, reply_approved_at, delivery_method, delivered_on,
                        evaluation_rating, evaluation_comment, evaluated_at, next_due_date,
                        concerned_unit_complained_about, scope_unit_ids, search_vector_redacted)
    SELECT p.id, xf_bench.tracking_code(p.id),
           encode(sha256(convert_to(xf_bench.query_secret(p.id), 'UTF8')), 'hex'),
           p.channel, p.kind, p.status, t.title, t.content, p.category,
           p.concerned, p.receiving, p.received, (p.received + time '08:30' + (xf_bench.r(p.n, 30) * interval '9 hours')) AT TIME ZONE 'Asia/Shanghai',
           CASE WHEN p.channel = 'ONLINE' THEN NULL ELSE (SELECT lower(code) || '-registrar' FROM units_here WHERE id = p.receiving) END,
           CASE WHEN p.channel = 'GROUP_VISIT' THEN 5 + floor(xf_bench.r(p.n, 31) * 56)::int ELSE 1 END,
           CASE WHEN p.channel = 'TRANSFERRED' THEN '省卫生健康委员会信访处' END,
           CASE WHEN p.channel = 'TRANSFERRED' THEN '省卫信转〔' || extract(year FROM p.received) || '〕' || (p.n % 997 + 1) || '号' END,
           NULL, CASE WHEN xf_bench.r(p.n, 32) < 0.08 THEN 1 + floor(xf_bench.r(p.n, 33) * 3)::int ELSE 0 END,
           p.steps, (p.received + time '09:00') AT TIME ZONE 'Asia/Shanghai', (coalesce(p.last_day, p.received) + time '10:00') AT TIME ZONE 'Asia/Shanghai',
           CASE WHEN p.assigned IS NOT NULL AND p.stage IN ('HANDLED', 'NOT_ACCEPTED', 'NOT_ACCEPTED_FINAL') THEN p.handling END,
           p.handler,
           CASE WHEN p.status = 'TRANSFERRED_OUT' THEN '市场监督管理局' END,
           CASE WHEN p.status = 'REDIRECTED' THEN 'MEDICAL_MEDIATION' END,
           CASE WHEN p.status IN ('TRANSFERRED_OUT', 'NOT_ACCEPTED', 'NOT_ACCEPTED_FINAL')
                THEN '经审查，该事项' || CASE p.status WHEN 'TRANSFERRED_OUT' THEN '属于市场监管部门职责范围，依法转送。'
                                              WHEN 'NOT_ACCEPTED' THEN '已经或者依法应当通过诉讼途径解决，不予受理。'
                                              ELSE '已经复核终结，信访人以同一事实和理由提出，不再受理。' END END,
           CASE WHEN p.extension_days IS NOT NULL AND p.accepted IS NOT NULL THEN p.extension_days END,
           CASE WHEN p.extension_days IS NOT NULL AND p.accepted IS NOT NULL THEN '涉及病历调阅和医疗损害鉴定，需要延长办理期限。' END,
           p.extension_state,
           CASE WHEN p.drafted IS NOT NULL THEN xf_bench.pick('{SUPPORTED,PARTLY_SUPPORTED,NOT_SUPPORTED,EXPLAINED}', p.n, 35) END,
           CASE WHEN p.drafted IS NOT NULL THEN '经调查核实，' || xf_bench.pick(xf_bench.w('problem'), p.n, 36)
                || '的情况' || xf_bench.pick('{属实,部分属实,不属实,无法查实}', p.n, 37) || '。我单位已'
                || xf_bench.pick('{责成相关科室整改,对相关人员进行批评教育,按规定退还多收费用,组织专家进行复核,向信访人当面解释}', p.n, 38)
                || '。如对本处理意见不服，可自收到之日起30日内向上一级行政机关请求复查。' END,
           CASE WHEN p.drafted IS NOT NULL THEN p.handler END,
           CASE WHEN p.approved IS NOT NULL THEN p.head END,
           CASE WHEN p.approved IS NOT NULL THEN (p.approved + time '15:00') AT TIME ZONE 'Asia/Shanghai' END,
           CASE WHEN p.delivered IS NOT NULL THEN xf_bench.pick('{IN_PERSON,POST,ELECTRONIC,PORTAL}', p.n, 39) END,
           p.delivered,
           CASE WHEN p.evaluated IS NOT NULL THEN xf_bench.pick('{SATISFIED,SATISFIED,SATISFIED,BASICALLY_SATISFIED,BASICALLY_SATISFIED,DISSATISFIED}', p.n, 40) END,
           CASE WHEN p.evaluated IS NOT NULL AND xf_bench.r(p.n, 41) < 0.3 THEN '处理及时，态度很好。' END,
           (p.evaluated + time '20:00') AT TIME ZONE 'Asia/Shanghai', nd.next_due,
           -- a report complains about its unit (V13: its reporter is then masked from everyone by default)
           p.kind = 'REPORT' AND p.concerned IS NOT NULL,
           -- (a look-up per row rather than a join, so that the rows keep the plan's order: ids follow the date)
           (SELECT sc.ids FROM scope sc WHERE sc.receiving = p.receiving AND sc.concerned = coalesce(p.concerned, 0)
               AND sc.handling = coalesce(CASE WHEN p.assigned IS NOT NULL
                                                    AND p.stage IN ('HANDLED', 'NOT_ACCEPTED', 'NOT_ACCEPTED_FINAL')
                                               THEN p.handling END, 0)),
           -- a protected matter (a report, or the concerned unit complained about: here both are the reports) is
           -- searched without its petitioners' identity (V13): the redacted vector, exactly as JdbcIntake.register
           -- sets it. Without it every protected matter is unsearchable and a word found only in reports (回扣)
           -- rechecks them all
           CASE WHEN p.kind = 'REPORT' THEN xf_search_vector(xf_redact(t.title || ' ' || t.content,
               ARRAY(SELECT unnest(ARRAY[x.name, x.phone, x.id_number, x.address, x.email])
                     FROM pet x WHERE x.matter_id = p.id))) END
    FROM plan p
    LEFT JOIN (SELECT matter_id, min(due_date) AS next_due FROM dl WHERE met_on IS NULL AND obligation
               GROUP BY matter_id) nd ON nd.matter_id = p.id
    CROSS JOIN LATERAL (
        SELECT CASE p.kind
                 WHEN 'PROPOSAL' THEN '关于' || xf_bench.pick(xf_bench.w('topic'), p.n, 50) || '的建议'
                 WHEN 'REPORT' THEN '反映' || xf_bench.pick(xf_bench.w('place'), p.n, 51)
                                   || xf_bench.pick(xf_bench.w('accused'), p.n, 52) || '违规问题'
                 ELSE '反映' || xf_bench.pick(xf_bench.w('village'), p.n, 53)
                      || xf_bench.pick(xf_bench.w('place'), p.n, 54)
                      || xf_bench.pick(xf_bench.w('topic'), p.n, 55) END AS title,
               (SELECT string_agg(s.sentence, '' ORDER BY s.k) FROM xf_bench.sentences(p.n, p.kind,
                    4 + floor(xf_bench.r(p.n, 56) * 9)::int) s) AS content
    ) t
    WHERE p.id BETWEEN base + lo AND base + hi;

    INSERT INTO petitioner (matter_id, ordinal, name, phone, id_number, address, email, representative)
    SELECT matter_id, ordinal, name, phone, id_number, address, email, representative FROM pet
    ORDER BY matter_id, ordinal;

    INSERT INTO matter_deadline (matter_id, rule_code, due_date, met_on, obligation, overdue_noticed_at)
    SELECT matter_id, rule_code, due_date, met_on, obligation,
           -- the overdue job noticed what fell due before yesterday; yesterday's are left for the next sweep
           CASE WHEN obligation AND met_on IS NULL AND due_date < today - 1
                THEN (due_date + 1 + time '08:00') AT TIME ZONE 'Asia/Shanghai' END
    FROM dl;

    -- 7. the deadlines (above) and the timeline
    INSERT INTO matter_event (matter_id, at, type, actor, note, public)
    SELECT p.id, (e.day + e.t) AT TIME ZONE 'Asia/Shanghai', e.type, e.actor, e.note, e.public
    -- (the range on m.id as well: with the join alone PostgreSQL read the whole matter table for every chunk)
    FROM plan p JOIN matter m ON m.id = p.id AND m.id BETWEEN base + lo AND base + hi
    CROSS JOIN LATERAL (SELECT lower(code) || '-registrar' AS registrar FROM units_here WHERE id = p.receiving) o
    CROSS JOIN LATERAL (VALUES
        (p.received, time '09:00', 'REGISTERED', coalesce(m.registered_by, 'public'), NULL, TRUE, TRUE),
        (p.assigned, time '10:00', 'ASSIGN', o.registrar, NULL, TRUE, m.handling_unit_id IS NOT NULL),
        (p.received + 3, time '10:00', CASE m.status WHEN 'TRANSFERRED_OUT' THEN 'FORWARD' WHEN 'REDIRECTED' THEN 'REDIRECT_LEGAL_ROUTE'
                                       ELSE 'ROUTE_TO_DISCIPLINE' END, o.registrar, m.decision_reason, TRUE,
         m.status IN ('TRANSFERRED_OUT', 'REDIRECTED', 'ROUTED_TO_DISCIPLINE')),
        (p.assigned + 5, time '11:00', CASE m.status WHEN 'NOT_ACCEPTED' THEN 'REJECT' ELSE 'REJECT_FINAL' END, p.head,
         m.decision_reason, TRUE, m.status IN ('NOT_ACCEPTED', 'NOT_ACCEPTED_FINAL')),
        (p.accepted, time '11:00', 'ACCEPT', p.head, NULL, TRUE, p.accepted IS NOT NULL),
        (p.accepted, time '14:00', 'ASSIGN_HANDLER', p.head, p.handler, FALSE, m.handler_username IS NOT NULL AND m.status <> 'ACCEPTED'),
        (p.accepted + 7, time '16:00', 'ADD_PROGRESS', p.handler, '已调取病历资料并约谈相关人员。', FALSE,
         p.accepted + 7 <= today AND m.status NOT IN ('ACCEPTED')),
        (p.drafted, time '16:30', 'DRAFT_REPLY', p.handler, NULL, FALSE, p.drafted IS NOT NULL),
        (p.approved, time '09:30', 'APPROVE_REPLY', p.head, NULL, FALSE, p.approved IS NOT NULL),
        (p.delivered, time '10:30', 'DELIVER', p.handler, NULL, TRUE, p.delivered IS NOT NULL),
        (p.evaluated, time '20:00', 'EVALUATE', 'public', NULL, TRUE, p.evaluated IS NOT NULL),
        (p.review_requested, time '09:00', 'REQUEST_REVIEW', 'public', '对处理意见不服，请求复查。', TRUE, p.review_requested IS NOT NULL),
        (p.review_decided, time '15:00', 'DECIDE_REVIEW', 'bench-reviewer', '经复查，维持原处理意见。', TRUE, p.review_decided IS NOT NULL),
        (p.rereview_requested, time '09:00', 'REQUEST_REREVIEW', 'public', '对复查意见不服，请求复核。', TRUE, p.rereview_requested IS NOT NULL),
        (p.rereview_decided, time '15:00', 'DECIDE_REREVIEW', 'bench-reviewer', '经复核，维持复查意见。', TRUE, p.rereview_decided IS NOT NULL),
        (p.closed, time '17:00', 'CLOSE', p.head, NULL, TRUE, p.closed IS NOT NULL AND m.status = 'CLOSED')
    ) AS e (day, t, type, actor, note, public, present)
    WHERE p.id BETWEEN base + lo AND base + hi AND e.present;

    -- 8. reviews
    INSERT INTO matter_review (matter_id, level, reason, requested_at, outcome, decision_text, decided_by,
                               decided_unit_id, decided_at)
    SELECT p.id, l.level, l.reason, (l.requested + time '09:00') AT TIME ZONE 'Asia/Shanghai',
           CASE WHEN l.decided IS NOT NULL THEN 'UPHOLD' END, CASE WHEN l.decided IS NOT NULL THEN l.text END,
           CASE WHEN l.decided IS NOT NULL THEN lower(u.code) || '-reviewer' END,
           CASE WHEN l.decided IS NOT NULL THEN u.id END,
           (l.decided + time '15:00') AT TIME ZONE 'Asia/Shanghai'
    FROM plan p
    JOIN units_here h ON h.id = p.handling
    JOIN units_here u ON u.id = h.parent_id
    CROSS JOIN LATERAL (VALUES
        ('REVIEW', '对处理意见不服，请求复查。', p.review_requested, p.review_decided, '经复查，维持原处理意见。'),
        ('REREVIEW', '对复查意见不服，请求复核。', p.rereview_requested, p.rereview_decided, '经复核，维持复查意见。')
    ) AS l (level, reason, requested, decided, text)
    WHERE p.id BETWEEN base + lo AND base + hi AND l.requested IS NOT NULL AND u.id IS NOT NULL;

    RETURN hi - lo + 1;
END $$;

CREATE OR REPLACE FUNCTION xf_bench.person_name(q BIGINT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT xf_bench.pick(xf_bench.w('surname'), q, 70) || xf_bench.pick(xf_bench.w('given'), q, 71)
$$;

-- An 18-character resident ID number of the right shape (region, birth date, sequence, check character).
CREATE OR REPLACE FUNCTION xf_bench.id_number(q BIGINT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT '5329' || lpad((21 + q % 9)::text, 2, '0')
        || to_char(date '1940-01-01' + (q * 7 % 25000)::int, 'YYYYMMDD')
        || lpad((q % 1000)::text, 3, '0') || substr('0123456789X', (q % 11)::int + 1, 1)
$$;

-- The sentences of a matter's content, by kind: who, when, where, what went wrong, what was tried, what is asked.
CREATE OR REPLACE FUNCTION xf_bench.sentences(n BIGINT, kind TEXT, count INT)
    RETURNS TABLE (k INT, sentence TEXT) LANGUAGE sql IMMUTABLE AS $$
    SELECT i, CASE
        WHEN kind = 'PROPOSAL' THEN
            CASE i % 3 WHEN 1 THEN xf_bench.pick(xf_bench.w('opinion'), n, 100 + i) || '，'
                                   || '方便群众就近' || xf_bench.pick(xf_bench.w('event'), n, 200 + i) || '。'
                       WHEN 2 THEN '目前' || xf_bench.pick(xf_bench.w('place'), n, 300 + i)
                                   || '在这方面还存在不足，' || xf_bench.pick(xf_bench.w('harm'), n, 400 + i) || '。'
                       ELSE '希望卫生健康部门认真研究，' || xf_bench.pick(xf_bench.w('ask'), n, 500 + i) || '。' END
        WHEN kind = 'REPORT' THEN
            CASE i % 3 WHEN 1 THEN '我实名举报' || xf_bench.pick(xf_bench.w('place'), n, 100 + i)
                                   || xf_bench.pick(xf_bench.w('accused'), n, 200 + i)
                                   || xf_bench.pick(xf_bench.w('wrong'), n, 300 + i) || '。'
                       WHEN 2 THEN '据了解，' || xf_bench.pick(xf_bench.w('when'), n, 400 + i)
                                   || '在' || xf_bench.pick(xf_bench.w('dept'), n, 500 + i)
                                   || '还存在' || xf_bench.pick(xf_bench.w('problem'), n, 600 + i) || '的情况。'
                       ELSE xf_bench.pick(xf_bench.w('ask'), n, 700 + i) || '，并对举报人信息予以保密。' END
        ELSE
            CASE i % 4 WHEN 1 THEN xf_bench.pick(xf_bench.w('who'), n, 100 + i)
                                   || xf_bench.pick(xf_bench.w('when'), n, 200 + i) || '在'
                                   || xf_bench.pick(xf_bench.w('place'), n, 300 + i)
                                   || xf_bench.pick(xf_bench.w('dept'), n, 400 + i)
                                   || xf_bench.pick(xf_bench.w('event'), n, 500 + i) || '时，'
                                   || xf_bench.pick(xf_bench.w('problem'), n, 600 + i) || '。'
                       WHEN 2 THEN '此事' || xf_bench.pick(xf_bench.w('harm'), n, 700 + i) || '。'
                       WHEN 3 THEN '我们' || xf_bench.pick(xf_bench.w('tried'), n, 800 + i) || '。'
                       ELSE '为此，' || xf_bench.pick(xf_bench.w('ask'), n, 900 + i) || '。' END
        END
    FROM generate_series(1, count) i
$$;

-- After all chunks: sequences past the generated ids, fresh statistics, the record of the load.
CREATE OR REPLACE FUNCTION xf_bench.finish(matters BIGINT, first_id BIGINT, seconds NUMERIC, today DATE)
    RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    PERFORM setval('matter_id_seq', greatest((SELECT max(id) FROM matter), 1));
    PERFORM setval('petitioner_id_seq', greatest((SELECT max(id) FROM petitioner), 1));
    PERFORM setval('matter_event_id_seq', greatest((SELECT max(id) FROM matter_event), 1));
    PERFORM setval('matter_review_id_seq', greatest((SELECT max(id) FROM matter_review), 1));
    INSERT INTO xf_bench.meta (id, matters, first_id, load_seconds, loaded_on)
    VALUES (1, matters, first_id, seconds, today)
    ON CONFLICT (id) DO UPDATE SET matters = EXCLUDED.matters, first_id = EXCLUDED.first_id,
        load_seconds = EXCLUDED.load_seconds, loaded_on = EXCLUDED.loaded_on, loaded_at = now();
END $$;

-- Empties the matter tables of a database that holds bench data only (the harness asks before a reload).
CREATE OR REPLACE FUNCTION xf_bench.reset() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    -- CASCADE: every table that refers to matters (hearings, reveals, key matters, …) is emptied with them
    TRUNCATE matter, petitioner, matter_deadline, matter_event, matter_review, matter_action, matter_checklist,
             document, document_counter, notification, sms_message, attachment, submission_replay,
             event_publication CASCADE;
    DELETE FROM xf_bench.meta;
END $$;
