package org.xinfang.intake.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.audit.AuditLog;
import org.xinfang.intake.MatterDeadlines;
import org.xinfang.intake.Channel;
import org.xinfang.intake.Kind;
import org.xinfang.intake.MatterStatus;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;

/**
 * Demo data (profile {@code demo} only): 300 matters over the last 120 days, spread over the channels,
 * kinds, categories and the county units created by the organisation demo loader ({@code @Order(10)}), in
 * varied states with matching timeline events. Loaded once, into a database without matters. Every demo
 * matter's query secret is {@value #DEMO_SECRET}, so the portal can be tried with any demo tracking code.
 * Titles and contents are composed from health-sector phrases; the names are invented.
 */
@Component
@Profile("demo")
@Order(20)
class DemoMatters implements ApplicationRunner {

	static final String DEMO_SECRET = "DEMODEMO22";

	private static final Log log = LogFactory.getLog(DemoMatters.class);

	private static final String[] UNIT_SUFFIXES = { "RMYY", "ZYY", "CDC", "WSJD", "FYBJ", "XZWSY1", "XZWSY2",
			"XZWSY3", "YZK", "BGS" };

	private static final String[][] TOPICS = {
			{ "MEDICAL_DISPUTE", "手术后出现并发症", "对手术后出现的并发症有异议，认为术前告知不充分，请求查明责任。" },
			{ "MEDICAL_QUALITY", "门诊候诊时间过长", "门诊挂号后候诊超过三小时，导诊人员态度生硬，希望改进预约分时段就诊。" },
			{ "MEDICAL_QUALITY", "护士服务态度差", "住院期间夜班护士多次不耐烦，呼叫铃长时间无人应答。" },
			{ "CHARGES", "住院费用清单有疑问", "出院结算清单中有未实际使用的耗材和检查项目，请求核查并退还多收费用。" },
			{ "CHARGES", "检查项目重复收费", "同一天内同一项检验被收取两次费用，请求核实。" },
			{ "MEDICAL_INSURANCE", "异地就医报销困难", "在外地住院后回乡报销，材料反复退回，报销迟迟不能办理。" },
			{ "PUBLIC_HEALTH", "疫苗接种预约难", "乡镇卫生院儿童疫苗接种预约名额少，希望增加接种门诊开放时间。" },
			{ "PUBLIC_HEALTH", "村卫生室长期无人值守", "村卫生室白天经常关门，老人看病拿药不方便。" },
			{ "HEALTH_SUPERVISION", "诊所无证行医", "街道上一家诊所无医疗机构执业许可证，仍在开展输液治疗。" },
			{ "HEALTH_SUPERVISION", "医疗废物处置不规范", "医院后门医疗废物随意堆放，气味难闻，担心污染环境。" },
			{ "DRUGS", "药房缺少常用药品", "卫生院药房长期缺少降压药，只能到县城购买。" },
			{ "STAFF_RIGHTS", "乡村医生补助未发放", "本人为乡村医生，去年下半年基本公共卫生服务补助至今未发放。" },
			{ "STAFF_RIGHTS", "临聘人员加班费问题", "医院临聘护理人员长期加班，未按规定支付加班费。" },
			{ "FAMILY_PLANNING", "孕产妇保健服务建议", "建议妇幼保健院增加孕妇学校课程，提供周末产检服务。" },
			{ "CONDUCT", "医生收受红包", "反映某科室医生在手术前收受患者家属红包。" },
			{ "CONDUCT", "违规推销药品", "反映医生开药时推荐患者到指定药店购买高价药品。" },
			{ "OTHER", "建议改善医院停车", "医院停车位严重不足，周边道路拥堵，建议规划停车场。" } };

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "龙", "杨", "吴", "石" };

	private static final String[] GIVEN = { "明", "芳", "军", "丽", "强", "敏", "洪", "英", "涛", "燕", "建国", "秀兰", "国华", "春梅" };

	private static final Channel[] CHANNELS = { Channel.LETTER, Channel.LETTER, Channel.VISIT, Channel.VISIT,
			Channel.ONLINE, Channel.ONLINE, Channel.ONLINE, Channel.PHONE, Channel.PHONE, Channel.LEADER_MAILBOX,
			Channel.TRANSFERRED, Channel.GROUP_VISIT, Channel.LEADER_RECEPTION };

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Units units;

	private final MatterDeadlines deadlines;

	private final MatterRows rows;

	private final AuditLog audit;

	private final Clock clock;

	DemoMatters(JdbcClient jdbc, TransactionTemplate tx, Units units, MatterDeadlines deadlines, MatterRows rows,
			AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.units = units;
		this.deadlines = deadlines;
		this.rows = rows;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (jdbc.sql("SELECT count(*) FROM matter").query(Long.class).single() > 0) {
			return;
		}
		List<Unit[]> counties = new ArrayList<>();
		for (String county : List.of("1", "2")) {
			Unit bureau = units.byCode("XWJJ" + county).orElse(null);
			if (bureau == null) {
				log.warn("Demo matters skipped: the organisation demo units (XWJJ1, XWJJ2) are missing");
				return;
			}
			List<Unit> members = new ArrayList<>();
			members.add(bureau);
			for (String suffix : UNIT_SUFFIXES) {
				units.byCode("X" + county + "-" + suffix).ifPresent(members::add);
			}
			counties.add(members.toArray(Unit[]::new));
		}
		Unit prefecture = units.byCode("ZWJW").orElse(counties.get(0)[0]);
		tx.executeWithoutResult(status -> {
			Random random = new Random(20240601L);
			for (int i = 0; i < 300; i++) {
				one(random, counties.get(random.nextInt(counties.size())), prefecture);
			}
			audit.record("DEMO_MATTERS_LOADED", "matter", null, Map.of("count", 300));
		});
		log.info("Loaded 300 demo matters; the query secret of every demo matter is " + DEMO_SECRET);
	}

	private void one(Random random, Unit[] county, Unit prefecture) {
		Unit bureau = county[0];
		Unit concerned = county[1 + random.nextInt(county.length - 1)];
		String[] topic = TOPICS[random.nextInt(TOPICS.length)];
		Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
		Kind kind = topic[0].equals("CONDUCT") ? Kind.REPORT
				: topic[2].startsWith("建议") || topic[1].startsWith("建议") ? Kind.PROPOSAL : Kind.GRIEVANCE;
		LocalDate today = LocalDate.now(clock);
		int age = random.nextInt(120);
		LocalDate receivedOn = today.minusDays(age);
		OffsetDateTime receivedAt = receivedOn.atTime(LocalTime.of(8 + random.nextInt(9), random.nextInt(60)))
			.atZone(clock.getZone())
			.toOffsetDateTime();
		Unit receiving = channel == Channel.ONLINE && random.nextInt(4) == 0 ? prefecture : bureau;
		int headcount = channel == Channel.GROUP_VISIT ? 5 + random.nextInt(40) : 1;
		List<String[]> path = lifecycle(random, kind, age);
		MatterStatus status = MatterStatus.valueOf(path.get(path.size() - 1)[0]);
		long id = jdbc.sql("""
				INSERT INTO matter (tracking_code, query_secret_hash, channel, kind, status, title, content,
				                    category_code, concerned_unit_id, receiving_unit_id, received_on, received_at,
				                    registered_by, headcount, source_body, source_reference, repeat_count,
				                    created_at, updated_at, concerned_unit_complained_about)
				VALUES (:code, :hash, :channel, :kind, :status, :title, :content, :category, :concerned, :receiving,
				        :receivedOn, :receivedAt, :registeredBy, :headcount, :sourceBody, :sourceReference, :repeats,
				        :receivedAt, :receivedAt, :complainedAbout)
				RETURNING id
				""")
			.param("code", Codes.trackingCode())
			.param("hash", Codes.hashSecret(DEMO_SECRET))
			.param("channel", channel.name())
			.param("kind", kind.name())
			.param("status", status.name())
			.param("title", topic[1])
			.param("content", topic[2])
			.param("category", topic[0])
			.param("concerned", concerned.id())
			// a report accuses the unit it names (V13 matter_report_complains)
			.param("complainedAbout", kind == Kind.REPORT)
			.param("receiving", receiving.id())
			.param("receivedOn", receivedOn)
			.param("receivedAt", receivedAt)
			.param("registeredBy", channel == Channel.ONLINE ? null : "demo-registrar")
			.param("headcount", headcount)
			.param("sourceBody", channel == Channel.TRANSFERRED ? "州信访局" : null)
			.param("sourceReference", channel == Channel.TRANSFERRED ? "州信转〔" + receivedOn.getYear() + "〕" + (10 + random.nextInt(300)) + "号" : null)
			.param("repeats", random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0)
			.query(Long.class)
			.single();
		int people = channel == Channel.GROUP_VISIT ? 2 + random.nextInt(4) : 1;
		for (int p = 1; p <= people; p++) {
			jdbc.sql("""
					INSERT INTO petitioner (matter_id, ordinal, name, phone, id_number, address, representative)
					VALUES (:id, :ordinal, :name, :phone, :idNumber, :address, :rep)
					""")
				.param("id", id)
				.param("ordinal", p)
				.param("name", SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)])
				.param("phone", "13" + String.format("%09d", random.nextInt(1_000_000_000)))
				.param("idNumber", random.nextBoolean() ? null
						: String.format("522601%04d%02d%02d%03d%d", 1950 + random.nextInt(50), 1 + random.nextInt(12),
								1 + random.nextInt(28), random.nextInt(1000), random.nextInt(10)))
				.param("address", "某县某镇某村")
				.param("rep", channel == Channel.GROUP_VISIT)
				.update();
		}
		LocalDate metOn = null;
		OffsetDateTime at = receivedAt;
		for (String[] step : path) {
			rows.event(id, at, step[0], step[0].equals("REGISTERED") && channel == Channel.ONLINE ? "public" : "demo-registrar",
					null, true);
			if (!step[0].equals("REGISTERED") && metOn == null) {
				metOn = at.toLocalDate();
			}
			at = at.plusDays(1 + random.nextInt(Math.max(1, Math.min(12, age / path.size() + 1))));
			OffsetDateTime now = OffsetDateTime.now(clock);
			if (at.isAfter(now)) {
				at = now;
			}
		}
		deadlines.open(id, JdbcIntake.TRIAGE, receivedOn, true);
		if (metOn != null) {
			jdbc.sql("UPDATE matter_deadline SET met_on = :met WHERE matter_id = :id AND rule_code = 'TRIAGE'")
				.param("id", id)
				.param("met", metOn)
				.update();
		}
	}

	/** A plausible sequence of states for a matter of this kind and age (days since receipt). */
	private static List<String[]> lifecycle(Random random, Kind kind, int age) {
		List<String[]> steps = new ArrayList<>();
		steps.add(new String[] { "REGISTERED" });
		if (age < 3 || (age < 20 && random.nextInt(3) == 0) || random.nextInt(25) == 0) {
			return steps; // fresh, or (a few) left overdue at the receiving office
		}
		if (kind == Kind.REPORT && random.nextBoolean()) {
			steps.add(new String[] { "ROUTED_TO_DISCIPLINE" });
			return steps;
		}
		if (kind == Kind.GRIEVANCE && random.nextInt(6) == 0) {
			steps.add(new String[] { "REDIRECTED" });
			return steps;
		}
		steps.add(new String[] { "ASSIGNED" });
		if (age < 10) {
			return steps;
		}
		if (random.nextInt(12) == 0) {
			steps.add(new String[] { "NOT_ACCEPTED" });
			return steps;
		}
		steps.add(new String[] { "ACCEPTED" });
		if (age < 25) {
			return steps;
		}
		steps.add(new String[] { "IN_HANDLING" });
		if (age < 50) {
			return steps;
		}
		steps.add(new String[] { "REPLY_DRAFTED" });
		if (age < 60) {
			return steps;
		}
		steps.add(new String[] { "REPLY_APPROVED" });
		steps.add(new String[] { "DELIVERED" });
		if (age > 95) {
			steps.add(new String[] { "CLOSED" });
		}
		return steps;
	}
}
