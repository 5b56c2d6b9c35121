package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.xinfang.handling.TimeTravel;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.ChineseFont;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * Bulletins (issue #6 item 5, DOMAIN §6): a regular bulletin generated from the indicators and ranked as worked
 * out by hand, special bulletins, publication freezing the figures, the trigger rules over time (bottom three
 * twice in a row, named twice in a row, reminded twice in a row, and nothing for bulletins that are not
 * consecutive), confirming and dismissing proposals with the event published, PDF and Excel opened and read.
 */
@XinfangTest
@Import(TimeTravel.class)
class BulletinTests {

	/** Every MeasureProposalConfirmed published, and whether a transaction was active when it was. */
	static final List<MeasureProposalConfirmed> confirmed = new CopyOnWriteArrayList<>();

	static final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

	static boolean listening;

	@LocalServerPort
	int port;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConfigurableApplicationContext context;

	Unit commission;

	Unit bureau;

	List<Unit> h = new ArrayList<>();

	StaffPrincipal supervisor;

	StaffPrincipal leader;

	StaffPrincipal handler;

	StaffPrincipal outsideSupervisor;

	@BeforeAll
	static void font() {
		ChineseFont.ensureInstalled();
	}

	@BeforeEach
	void fixture() {
		if (!listening) {
			context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
				if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof MeasureProposalConfirmed m) {
					confirmed.add(m);
					inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
				}
			});
			listening = true;
		}
		clock.travelTo(LocalDate.of(2026, 4, 20));
		commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		for (int i = 0; i < 6; i++) {
			h.add(fixtures.hospitalUnder(bureau));
		}
		Unit otherBureau = fixtures.bureauUnder(commission);
		supervisor = fixtures.user(bureau, Role.SUPERVISOR);
		leader = fixtures.user(bureau, Role.LEADER);
		handler = fixtures.user(bureau, Role.HANDLER);
		outsideSupervisor = fixtures.user(otherBureau, Role.SUPERVISOR);
	}

	// ------------------------------------------------------------------ ranking

	/**
	 * March 2026 by hand (the bureau ranks its six hospitals; its own matter is not ranked):
	 * <pre>
	 * h0: acceptance 2/2, completion 2/2, satisfaction 1/2, unit level 2/2, without repeat 2/2 → 90.00
	 * h1: acceptance 0/1, completion 1/1, no evaluation, unit level 0/1 (review), without repeat 0/1
	 *     → (30·1 + 0 + 0 + 0) / 80 = 37.50
	 * h2: acceptance 1/2, completion 0/1 (open, overdue) → (30·0 + 20·0.5) / 50 = 20.00
	 * h3: acceptance 3/4 → 75.00;  h5: acceptance 3/4 → 75.00;  h4: no matters → unranked
	 * </pre>
	 * Ranks 1, 2, 2, 4, 5; the bottom three are h1, h2 and, tied with the third-last, h3 and h5.
	 */
	@Test
	void aMonthlyBulletinRanksTheChildUnitsAsComputedByHand() {
		acceptance(h.get(0), "2026-03", 2, 0);
		handled(h.get(0), "SATISFIED", false);
		handled(h.get(0), "DISSATISFIED", false);
		acceptance(h.get(1), "2026-03", 0, 1);
		handled(h.get(1), null, true);
		acceptance(h.get(2), "2026-03", 1, 1);
		long open = matter(h.get(2), "2026-01-10");
		deadline(open, "HANDLING", "2026-03-12", null);
		acceptance(h.get(3), "2026-03", 3, 1);
		acceptance(h.get(5), "2026-03", 3, 1);
		acceptance(null, "2026-03", 0, 3); // the bureau's own, late: not ranked

		Map<String, Object> b = call(supervisor, HttpMethod.POST, "/api/v1/bulletins",
				Map.of("kind", "MONTHLY", "unitCode", bureau.code(), "period", "2026-03"), 201);
		assertThat(b.get("status")).isEqualTo("DRAFT");
		assertThat(b.get("title")).isEqualTo(bureau.name() + "2026年3月信访工作情况通报");
		assertThat(b.get("periodFrom")).isEqualTo("2026-03-01");
		assertThat(b.get("periodTo")).isEqualTo("2026-03-31");
		List<Map<String, Object>> entries = entries(b);
		String tieFirst = h.get(3).code().compareTo(h.get(5).code()) < 0 ? h.get(3).code() : h.get(5).code();
		String tieSecond = tieFirst.equals(h.get(3).code()) ? h.get(5).code() : h.get(3).code();
		assertThat(entries).extracting(e -> (Object) ((Map<?, ?>) e.get("unit")).get("code"))
			.containsExactly(h.get(0).code(), tieFirst, tieSecond, h.get(1).code(), h.get(2).code(), h.get(4).code());
		assertThat(entries).extracting(e -> e.get("rank")).containsExactly(1, 2, 2, 4, 5, null);
		assertThat(entries).extracting(e -> e.get("score")).containsExactly(90.0, 75.0, 75.0, 37.5, 20.0, null);
		assertThat(entries).extracting(e -> e.get("bottomThree")).containsExactly(false, true, true, true, true, false);
		Map<String, Object> first = entries.get(0);
		assertThat(first.get("timelyAcceptanceRate")).isEqualTo(1.0);
		assertThat(first.get("satisfactionRate")).isEqualTo(0.5);
		assertThat(first.get("lagging")).isEqualTo(List.of());
		assertThat(entries.get(3).get("lagging"))
			.isEqualTo(List.of("BOTTOM_THREE", "UNIT_LEVEL_BELOW_80", "ACCEPTANCE_BELOW_90"));
		assertThat(entries.get(4).get("lagging"))
			.isEqualTo(List.of("BOTTOM_THREE", "COMPLETION_BELOW_90", "ACCEPTANCE_BELOW_90"));
		assertThat(entries.get(4).get("openOverdue")).isEqualTo(1);
		assertThat(entries).noneMatch(e -> ((Map<?, ?>) e.get("unit")).get("code").equals(bureau.code()));

		// the supervisor writes the foreword; a second March bulletin is refused; publishing freezes it
		long id = id(b);
		call(supervisor, HttpMethod.PUT, "/api/v1/bulletins/" + id, Map.of("foreword", "3月份各单位信访工作总体平稳。"), 200);
		assertThat(call(supervisor, HttpMethod.POST, "/api/v1/bulletins",
				Map.of("kind", "MONTHLY", "unitCode", bureau.code(), "period", "2026-03"), 409).get("type").toString())
			.contains("bulletin-exists");
		Map<String, Object> published = call(supervisor, HttpMethod.POST, "/api/v1/bulletins/" + id + "/publish", null, 200);
		assertThat(published.get("status")).isEqualTo("PUBLISHED");
		assertThat(published.get("foreword")).isEqualTo("3月份各单位信访工作总体平稳。");
		// a matter added later does not change the published figures
		acceptance(h.get(4), "2026-03", 0, 2);
		assertThat(call(supervisor, HttpMethod.PUT, "/api/v1/bulletins/" + id, Map.of("foreword", "改"), 409).get("type")
			.toString()).contains("bulletin-published");
		call(supervisor, HttpMethod.POST, "/api/v1/bulletins/" + id + "/regenerate", null, 409);
		call(supervisor, HttpMethod.POST, "/api/v1/bulletins/" + id + "/publish", null, 409);
		assertThat(entries(call(leader, HttpMethod.GET, "/api/v1/bulletins/" + id, null, 200))).last()
			.satisfies(e -> assertThat(e.get("rank")).isNull());
		assertThat(audit(id)).containsExactly("BULLETIN_GENERATED", "BULLETIN_EDITED", "BULLETIN_PUBLISHED");
		// the OpenAPI document describes the endpoints
		assertThat(http.get().uri("/api/v1/openapi").exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult().getResponseBody()).contains("/api/v1/bulletins/{bulletinId}/publish")
			.contains("/api/v1/bulletin-proposals/{proposalId}/confirm").contains("/api/v1/bulletins/{bulletinId}/xlsx");
	}

	@Test
	void onlySupervisorsWriteWithinTheirSubtreeAndPeriodsMustHaveEnded() {
		Map<String, Object> body = Map.of("kind", "MONTHLY", "unitCode", bureau.code(), "period", "2026-03");
		call(handler, HttpMethod.POST, "/api/v1/bulletins", body, 403);
		call(leader, HttpMethod.POST, "/api/v1/bulletins", body, 403);
		call(outsideSupervisor, HttpMethod.POST, "/api/v1/bulletins", body, 404);
		assertThat(fields(call(supervisor, HttpMethod.POST, "/api/v1/bulletins",
				Map.of("kind", "MONTHLY", "unitCode", bureau.code(), "period", "2026-04"), 400))).containsExactly("period");
		assertThat(fields(call(supervisor, HttpMethod.POST, "/api/v1/bulletins",
				Map.of("kind", "YEARLY", "unitCode", bureau.code(), "period", "2026-03"), 400))).containsExactly("period");
		assertThat(fields(call(supervisor, HttpMethod.POST, "/api/v1/bulletins", Map.of("kind", "WEEKLY"), 400)))
			.containsExactlyInAnyOrder("kind", "unitCode");
		long id = id(call(supervisor, HttpMethod.POST, "/api/v1/bulletins", body, 201));
		call(outsideSupervisor, HttpMethod.GET, "/api/v1/bulletins/" + id, null, 404);
		call(handler, HttpMethod.GET, "/api/v1/bulletins/" + id, null, 403);
		call(leader, HttpMethod.POST, "/api/v1/bulletins/" + id + "/publish", null, 403);
		assertThat((List<?>) call(outsideSupervisor, HttpMethod.GET, "/api/v1/bulletins", null, 200, List.class)).isEmpty();
		assertThat((List<?>) call(leader, HttpMethod.GET, "/api/v1/bulletins?unit=" + bureau.code(), null, 200, List.class))
			.extracting(s -> (Object) ((Map<?, ?>) s).get("id")).contains((int) id);
	}

	// ------------------------------------------------------------------ trigger rules over time

	@Test
	void bottomThreeInTwoConsecutiveMonthlyBulletinsProposesAReminderOrInterview() {
		// March: h0 100 %, h1 80 %, h2 60 %, h3 40 %, h4 20 % → bottom h2 h3 h4
		scores("2026-03", 5, 4, 3, 2, 1);
		// April: h0 100 %, h3 80 %, h2 60 %, h1 40 %, h4 20 % → bottom h2 h1 h4
		scores("2026-04", 5, 2, 3, 4, 1);
		// June (no May bulletin): h3 at the bottom again
		scores("2026-06", 5, 4, 3, 1, 2);

		clock.travelTo(LocalDate.of(2026, 4, 2));
		long march = publishMonth("2026-03");
		assertThat(proposals(march)).isEmpty();
		clock.travelTo(LocalDate.of(2026, 5, 2));
		long april = publishMonth("2026-04");
		List<Map<String, Object>> raised = proposals(april);
		assertThat(raised).extracting(p -> (Object) ((Map<?, ?>) p.get("unit")).get("code"))
			.containsExactlyInAnyOrder(h.get(2).code(), h.get(4).code());
		assertThat(raised).allSatisfy(p -> {
			assertThat(p.get("rule")).isEqualTo("BOTTOM_THREE_TWICE");
			assertThat(p.get("proposed")).isEqualTo("REMINDER_OR_INTERVIEW");
			assertThat(p.get("status")).isEqualTo("PROPOSED");
			assertThat(((Map<?, ?>) p.get("earlier")).get("id")).isEqualTo((int) march);
			assertThat(((Map<?, ?>) p.get("later")).get("id")).isEqualTo((int) april);
			assertThat(p.get("reason").toString()).contains("连续两期常规通报").contains("2026年3月").contains("2026年4月");
		});
		assertThat(call(supervisor, HttpMethod.GET, "/api/v1/bulletins/" + april, null, 200).get("previousId"))
			.isEqualTo((int) march);

		// June follows April with a gap: not consecutive, nothing is proposed
		clock.travelTo(LocalDate.of(2026, 7, 2));
		long june = publishMonth("2026-06");
		assertThat(proposals(june)).isEmpty();
		assertThat(call(supervisor, HttpMethod.GET, "/api/v1/bulletins/" + june, null, 200).get("previousId")).isNull();
		// one proposal per unit and pair: nothing was raised twice
		assertThat(jdbc.sql("SELECT count(*) FROM bulletin_proposal WHERE later_bulletin_id IN (:a, :j)")
			.param("a", april).param("j", june).query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'BULLETIN_PROPOSAL_RAISED' AND entity_id IN ("
				+ "SELECT id::text FROM bulletin_proposal WHERE later_bulletin_id = :a)").param("a", april)
			.query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void aBulletinPublishedLateStillFindsItsNeighbours() {
		scores("2026-03", 5, 4, 3, 2, 1);
		scores("2026-04", 5, 4, 3, 2, 1);
		scores("2026-05", 5, 4, 3, 2, 1);
		clock.travelTo(LocalDate.of(2026, 6, 2));
		long march = publishMonth("2026-03");
		long may = publishMonth("2026-05");
		assertThat(proposals(may)).isEmpty();
		long april = publishMonth("2026-04");
		// April links March before it and May after it: both pairs fire, each once
		assertThat(proposals(april)).hasSize(3);
		assertThat(proposals(may)).hasSize(3).allSatisfy(p -> assertThat(((Map<?, ?>) p.get("earlier")).get("id"))
			.isEqualTo((int) april));
		assertThat(call(supervisor, HttpMethod.GET, "/api/v1/bulletins/" + may, null, 200).get("previousId"))
			.isEqualTo((int) april);
		assertThat(march).isLessThan(april);
	}

	@Test
	void namedInTwoConsecutiveSpecialBulletinsProposesAReminderOrInterview() throws Exception {
		long first = publishSpecial("关于部分单位信访件转办不及时的通报", h.get(0), h.get(1));
		assertThat(proposals(first)).isEmpty();
		long second = publishSpecial("关于信访答复意见书不规范问题的通报", h.get(1), h.get(2));
		assertThat(proposals(second)).singleElement().satisfies(p -> {
			assertThat(((Map<?, ?>) p.get("unit")).get("code")).isEqualTo(h.get(1).code());
			assertThat(p.get("rule")).isEqualTo("NAMED_TWICE");
			assertThat(((Map<?, ?>) p.get("earlier")).get("id")).isEqualTo((int) first);
		});
		// h0 again, but it was not named in the special bulletin just before: not consecutive
		long third = publishSpecial("关于信访事项办理超期问题的通报", h.get(0));
		assertThat(proposals(third)).isEmpty();
		// a special bulletin names units below the issuing unit only, and needs a body
		Map<String, Object> bad = new LinkedHashMap<>();
		bad.put("kind", "SPECIAL");
		bad.put("unitCode", bureau.code());
		bad.put("title", "x");
		bad.put("namedUnits", List.of(Map.of("unitCode", bureau.code(), "note", "本单位")));
		assertThat(fields(call(supervisor, HttpMethod.POST, "/api/v1/bulletins", bad, 400)))
			.containsExactlyInAnyOrder("body", "namedUnits");

		// a draft special bulletin on its page: the named units, editable one per line; its PDF lists them
		Map<String, Object> draft = new LinkedHashMap<>();
		draft.put("kind", "SPECIAL");
		draft.put("unitCode", bureau.code());
		draft.put("title", "关于群众反映强烈问题的专项通报");
		draft.put("body", "近期群众反映集中。");
		draft.put("namedUnits", List.of(Map.of("unitCode", h.get(3).code(), "note", "答复不规范")));
		long id = id(call(supervisor, HttpMethod.POST, "/api/v1/bulletins", draft, 201));
		FormClient sup = new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD);
		assertThat(sup.get("/staff/bulletins/" + id).body()).contains("id=\"e-named\"").contains(h.get(3).code() + " 答复不规范")
			.contains(h.get(3).name() + "：答复不规范");
		assertThat(sup.post("/staff/bulletins/" + id, Map.of("title", "关于群众反映强烈问题的专项通报", "body", "近期群众反映集中。",
				"named", h.get(4).code() + " 超期未办结\n" + h.get(3).code() + " 答复不规范")).statusCode()).isEqualTo(302);
		assertThat(entries(call(supervisor, HttpMethod.GET, "/api/v1/bulletins/" + id, null, 200)))
			.extracting(e -> (Object) ((Map<?, ?>) e.get("unit")).get("code")).containsExactly(h.get(4).code(), h.get(3).code());
		try (PDDocument doc = Loader.loadPDF(download(leader, "/api/v1/bulletins/" + id + "/pdf", "application/pdf"))) {
			assertThat(new PDFTextStripper().getText(doc)).contains("点名单位").contains(h.get(4).name() + "：超期未办结");
		}
	}

	@Test
	void remindedTwiceInARowProposesAFlagAndConfirmingPublishesTheEvent() {
		// h4 at the bottom in March, April and May; h3 at the bottom too but its first proposal goes to interview
		scores("2026-03", 5, 4, 3, 2, 1);
		scores("2026-04", 5, 4, 3, 2, 1);
		scores("2026-05", 5, 4, 3, 2, 1);
		clock.travelTo(LocalDate.of(2026, 4, 2));
		publishMonth("2026-03");
		clock.travelTo(LocalDate.of(2026, 5, 2));
		long april = publishMonth("2026-04");
		long p1 = proposalOf(april, h.get(4));
		long q1 = proposalOf(april, h.get(3));
		long r1 = proposalOf(april, h.get(2));

		int before = confirmed.size();
		// the measure must fit the proposal; a handler may not decide; outside the subtree it does not exist
		assertThat(fields(call(supervisor, HttpMethod.POST, confirm(p1), Map.of("measure", "FLAG"), 400))).containsExactly("measure");
		call(handler, HttpMethod.POST, confirm(p1), Map.of("measure", "REMINDER"), 403);
		call(outsideSupervisor, HttpMethod.POST, confirm(p1), Map.of("measure", "REMINDER"), 404);
		Map<String, Object> c1 = call(supervisor, HttpMethod.POST, confirm(p1), Map.of("measure", "REMINDER"), 200);
		assertThat(c1.get("status")).isEqualTo("CONFIRMED");
		assertThat(c1.get("measure")).isEqualTo("REMINDER");
		assertThat(c1.get("decidedBy")).isEqualTo(supervisor.username());
		call(supervisor, HttpMethod.POST, confirm(p1), Map.of("measure", "INTERVIEW"), 409);
		call(supervisor, HttpMethod.POST, confirm(q1), Map.of("measure", "INTERVIEW"), 200);
		assertThat(fields(call(supervisor, HttpMethod.POST, dismiss(r1), Map.of("reason", " "), 400))).containsExactly("reason");
		Map<String, Object> d = call(supervisor, HttpMethod.POST, dismiss(r1), Map.of("reason", "该院已于4月底完成整改"), 200);
		assertThat(d.get("status")).isEqualTo("DISMISSED");
		assertThat(d.get("dismissReason")).isEqualTo("该院已于4月底完成整改");
		call(supervisor, HttpMethod.POST, confirm(r1), Map.of("measure", "REMINDER"), 409);

		List<MeasureProposalConfirmed> events = confirmed.subList(before, confirmed.size());
		assertThat(events).extracting(MeasureProposalConfirmed::proposalId).containsExactly(p1, q1);
		MeasureProposalConfirmed e1 = events.get(0);
		assertThat(e1.unitId()).isEqualTo(h.get(4).id());
		assertThat(e1.unitCode()).isEqualTo(h.get(4).code());
		assertThat(e1.measure()).isEqualTo(MeasureProposalConfirmed.Measure.REMINDER);
		assertThat(e1.reason()).contains(h.get(4).name()).contains("后三位");
		assertThat(e1.confirmedBy()).isEqualTo(supervisor.username());
		assertThat(events.get(1).measure()).isEqualTo(MeasureProposalConfirmed.Measure.INTERVIEW);
		assertThat(inTransaction.subList(before, confirmed.size())).containsOnly(true);
		// one reminder so far: no flag
		assertThat(flagsFor(h.get(4))).isEmpty();

		clock.travelTo(LocalDate.of(2026, 6, 2));
		long may = publishMonth("2026-05");
		long p2 = proposalOf(may, h.get(4));
		long q2 = proposalOf(may, h.get(3));
		call(supervisor, HttpMethod.POST, confirm(p2), Map.of("measure", "REMINDER"), 200);
		call(supervisor, HttpMethod.POST, confirm(q2), Map.of("measure", "REMINDER"), 200);
		// h4 reminded after April and after May: a flag is proposed; h3 was interviewed, then reminded: no flag
		assertThat(flagsFor(h.get(3))).isEmpty();
		List<Map<String, Object>> flags = flagsFor(h.get(4));
		assertThat(flags).singleElement().satisfies(f -> {
			assertThat(f.get("rule")).isEqualTo("REMINDED_TWICE");
			assertThat(f.get("proposed")).isEqualTo("FLAG");
			assertThat(((Map<?, ?>) f.get("earlier")).get("id")).isEqualTo((int) april);
			assertThat(((Map<?, ?>) f.get("later")).get("id")).isEqualTo((int) may);
		});
		long flag = ((Number) flags.get(0).get("id")).longValue();
		assertThat(fields(call(supervisor, HttpMethod.POST, confirm(flag), Map.of("measure", "REMINDER"), 400)))
			.containsExactly("measure");
		call(supervisor, HttpMethod.POST, confirm(flag), Map.of("measure", "FLAG"), 200);
		assertThat(confirmed).last().satisfies(e -> {
			assertThat(e.proposalId()).isEqualTo(flag);
			assertThat(e.measure()).isEqualTo(MeasureProposalConfirmed.Measure.FLAG);
			assertThat(e.reason()).contains("连续两次被提醒");
		});
		assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE entity_type = 'bulletin_proposal' AND entity_id = :id ORDER BY seq")
			.param("id", String.valueOf(flag)).query(String.class).list())
			.containsExactly("BULLETIN_PROPOSAL_RAISED", "BULLETIN_PROPOSAL_CONFIRMED");
		// the open proposals of the bureau are listed for it, not for the other bureau
		assertThat((List<?>) call(supervisor, HttpMethod.GET, "/api/v1/bulletin-proposals?unit=" + bureau.code() + "&status=CONFIRMED",
				null, 200, List.class)).hasSize(5);
		assertThat((List<?>) call(outsideSupervisor, HttpMethod.GET, "/api/v1/bulletin-proposals", null, 200, List.class)).isEmpty();
	}

	// ------------------------------------------------------------------ PDF, Excel, pages

	@Test
	void pdfAndExcelCarryTheRankingWithACharts() throws Exception {
		scores("2026-03", 5, 4, 3, 2, 1);
		clock.travelTo(LocalDate.of(2026, 4, 2));
		long id = id(call(supervisor, HttpMethod.POST, "/api/v1/bulletins",
				Map.of("kind", "MONTHLY", "unitCode", bureau.code(), "period", "2026-03"), 201));
		call(supervisor, HttpMethod.PUT, "/api/v1/bulletins/" + id, Map.of("foreword", "请各单位对照排名查找差距，限期整改。"), 200);

		byte[] pdf = download(leader, "/api/v1/bulletins/" + id + "/pdf", "application/pdf");
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains(bureau.name() + "2026年3月信访工作情况通报").contains("（草稿，未发布）")
				.contains("请各单位对照排名查找差距").contains("一、综合排名").contains("综合得分排名").contains("二、点名单位")
				.contains(h.get(0).name()).contains("100.00").contains("20.00").contains("综合排名后三位")
				.contains("及时受理率低于90%");
			// the bar chart: a grey track and a coloured bar per ranked unit (6 units, h5 unranked), plus the header
			int rects = 0;
			for (PDPage page : doc.getPages()) {
				for (Object token : new PDFStreamParser(page).parse()) {
					if (token instanceof Operator op && op.getName().equals("re")) {
						rects++;
					}
				}
			}
			assertThat(rects).isEqualTo(1 + 2 * 5);
		}

		byte[] xlsx = download(leader, "/api/v1/bulletins/" + id + "/xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			XSSFSheet sheet = book.getSheetAt(0);
			DataFormatter format = new DataFormatter();
			assertThat(sheet.getSheetName()).isEqualTo("综合排名");
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).endsWith("2026年3月信访工作情况通报");
			assertThat(format.formatCellValue(sheet.getRow(3).getCell(3))).isEqualTo("综合得分");
			assertThat(sheet.getRow(4).getCell(2).getStringCellValue()).isEqualTo(h.get(0).name());
			assertThat(sheet.getRow(4).getCell(0).getNumericCellValue()).isEqualTo(1.0);
			assertThat(sheet.getRow(4).getCell(3).getNumericCellValue()).isEqualTo(100.0);
			assertThat(format.formatCellValue(sheet.getRow(5).getCell(5))).isEqualTo("80.0%");
			assertThat(sheet.getRow(8).getCell(1).getStringCellValue()).isEqualTo(h.get(4).code());
			assertThat(sheet.getRow(8).getCell(3).getNumericCellValue()).isEqualTo(20.0);
			assertThat(sheet.getRow(8).getCell(15).getStringCellValue()).contains("综合排名后三位");
			// h5 has no matters: listed unranked, without a score
			assertThat(sheet.getRow(9).getCell(0)).isNull();
			assertThat(sheet.getRow(9).getCell(3)).isNull();
			List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
			assertThat(charts).hasSize(1);
			assertThat(charts.get(0).getChartSeries()).singleElement()
				.satisfies(s -> assertThat(s.getSeries(0).getValuesData().getPointCount()).isEqualTo(5));
		}
	}

	@Test
	void pagesGenerateEditPublishAndDecide() {
		scores("2026-03", 5, 4, 3, 2, 1);
		scores("2026-04", 5, 4, 3, 2, 1);
		clock.travelTo(LocalDate.of(2026, 5, 2));
		FormClient sup = new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD);
		assertThat(sup.get("/staff").body()).contains("href=\"/staff/bulletins\"");
		var refused = sup.post("/staff/bulletins", Map.of("kind", "MONTHLY", "unitCode", bureau.code(), "period", "2026-13"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("id=\"error\"").contains("period");
		for (String month : List.of("2026-03", "2026-04")) {
			var made = sup.post("/staff/bulletins", Map.of("kind", "MONTHLY", "unitCode", bureau.code(), "period", month));
			assertThat(made.statusCode()).isEqualTo(302);
			String location = made.headers().firstValue("Location").orElseThrow();
			String path = location.substring(location.indexOf("/staff/bulletins/"));
			assertThat(sup.post(path, Map.of("title", "通报 " + month, "foreword", "按语 " + month)).statusCode()).isEqualTo(302);
			String page = sup.get(path).body();
			assertThat(page).contains("按语 " + month).contains("id=\"ranking\"").contains("id=\"entry-" + h.get(4).code() + "\"")
				.contains("id=\"publish-form\"");
			assertThat(sup.post(path + "/publish", Map.of()).statusCode()).isEqualTo(302);
			assertThat(sup.get(path).body()).doesNotContain("id=\"publish-form\"").contains("已发布");
		}
		assertThat(sup.get("/staff/bulletins?unit=" + bureau.code()).body()).contains("通报 2026-03").contains("通报 2026-04");
		String proposals = sup.get("/staff/bulletin-proposals?unit=" + bureau.code()).body();
		List<Map<String, Object>> open = proposalsOfUnit(bureau, "PROPOSED");
		assertThat(open).hasSize(3);
		long first = ((Number) open.get(0).get("id")).longValue();
		long second = ((Number) open.get(1).get("id")).longValue();
		assertThat(proposals).contains("id=\"proposal-" + first + "\"").contains("提醒或约谈");
		assertThat(sup.post("/staff/bulletin-proposals/" + first + "/confirm", Map.of("measure", "INTERVIEW")).statusCode())
			.isEqualTo(302);
		var noReason = sup.post("/staff/bulletin-proposals/" + second + "/dismiss", Map.of("reason", ""));
		assertThat(noReason.statusCode()).isEqualTo(400);
		assertThat(noReason.body()).contains("reason");
		assertThat(sup.post("/staff/bulletin-proposals/" + second + "/dismiss", Map.of("reason", "已整改到位")).statusCode())
			.isEqualTo(302);
		assertThat(proposalsOfUnit(bureau, "PROPOSED")).hasSize(1);
		assertThat(sup.get("/staff/bulletin-proposals?unit=" + bureau.code() + "&status=").body()).contains("已整改到位");

		// readers without the supervisor's role see but do not write; handlers do not see
		FormClient lead = new FormClient(port).signIn(leader.username(), Fixtures.PASSWORD);
		assertThat(lead.get("/staff/bulletins").body()).doesNotContain("id=\"generate-form\"");
		assertThat(lead.get("/staff/bulletin-proposals").body()).doesNotContain("confirm-form");
		assertThat(new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD).get("/staff/bulletins").statusCode())
			.isEqualTo(403);
	}

	// ------------------------------------------------------------------ target letters and the yearly assessment

	/**
	 * 2026 to early May, by hand: h0..h4 met 5, 4, 3, 2, 1 of five acceptance periods in March and in April, so
	 * h2, h3 and h4 were in the bottom three of both published bulletins; h4's proposal was confirmed.
	 * <pre>
	 * h0: acceptance 10/10 against 0.9 → 80; no bulletin record → 20; total 100
	 * h5: a satisfaction target, no data → 80 (marked); total 100
	 * h3: acceptance 4/10 against 0.8 → 0.5, repeat 0 under 0.1 → 1; mean 0.75 → 60; twice bottom → 10; total 70
	 * h4: acceptance 2/10 against 0.5 → 0.4 → 32; twice bottom, one measure → 5; total 37
	 * </pre>
	 */
	@Test
	void yearlyAssessmentScoresUnitsAgainstTheirLettersAndBulletinRecord() throws Exception {
		scores("2026-03", 5, 4, 3, 2, 1);
		scores("2026-04", 5, 4, 3, 2, 1);
		clock.travelTo(LocalDate.of(2026, 5, 2));
		publishMonth("2026-03");
		long april = publishMonth("2026-04");
		call(supervisor, HttpMethod.POST, confirm(proposalOf(april, h.get(4))), Map.of("measure", "REMINDER"), 200);

		String letters = "/api/v1/target-letters/";
		call(handler, HttpMethod.PUT, letters + h.get(0).code() + "/2026", Map.of("timelyAcceptance", 0.9), 403);
		call(outsideSupervisor, HttpMethod.PUT, letters + h.get(0).code() + "/2026", Map.of("timelyAcceptance", 0.9), 404);
		assertThat(fields(call(supervisor, HttpMethod.PUT, letters + h.get(0).code() + "/2026", Map.of("timelyAcceptance", 1.5), 400)))
			.containsExactly("timelyAcceptance");
		assertThat(fields(call(supervisor, HttpMethod.PUT, letters + h.get(0).code() + "/2026", Map.of(), 400)))
			.containsExactly("targets");
		call(supervisor, HttpMethod.PUT, letters + h.get(0).code() + "/2026", Map.of("timelyAcceptance", 0.5), 200);
		Map<String, Object> changed = call(supervisor, HttpMethod.PUT, letters + h.get(0).code() + "/2026",
				Map.of("timelyAcceptance", 0.9, "note", "2026年度目标"), 200);
		assertThat(changed.get("version")).isEqualTo(1);
		call(supervisor, HttpMethod.PUT, letters + h.get(3).code() + "/2026", Map.of("timelyAcceptance", 0.8, "maxRepeatRate", 0.1), 200);
		call(supervisor, HttpMethod.PUT, letters + h.get(4).code() + "/2026", Map.of("timelyAcceptance", 0.5), 200);
		call(supervisor, HttpMethod.PUT, letters + h.get(5).code() + "/2026", Map.of("satisfaction", 0.9), 200);
		assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE entity_type = 'unit' AND entity_id = :id ORDER BY seq")
			.param("id", String.valueOf(h.get(0).id())).query(String.class).list())
			.containsExactly("TARGET_LETTER_SET", "TARGET_LETTER_CHANGED");
		assertThat((List<?>) call(leader, HttpMethod.GET, "/api/v1/target-letters?unit=" + bureau.code() + "&year=2026", null, 200,
				List.class)).hasSize(4);

		List<Map<String, Object>> scores = maps(call(leader, HttpMethod.GET,
				"/api/v1/assessments?unit=" + bureau.code() + "&year=2026", null, 200, List.class));
		String tieFirst = h.get(0).code().compareTo(h.get(5).code()) < 0 ? h.get(0).code() : h.get(5).code();
		assertThat(scores).extracting(a -> (Object) ((Map<?, ?>) a.get("unit")).get("code")).hasSize(4)
			.startsWith(tieFirst).endsWith(h.get(3).code(), h.get(4).code());
		Map<String, Map<String, Object>> byUnit = new LinkedHashMap<>();
		scores.forEach(a -> byUnit.put((String) ((Map<?, ?>) a.get("unit")).get("code"), a));
		assertThat(byUnit.get(h.get(0).code())).containsEntry("score", 100.0).containsEntry("indicatorPart", 80.0)
			.containsEntry("bulletinPart", 20.0).containsEntry("timesInBottomThree", 0);
		assertThat(byUnit.get(h.get(5).code())).containsEntry("score", 100.0).containsEntry("noIndicatorData", true);
		assertThat(byUnit.get(h.get(3).code())).containsEntry("score", 70.0).containsEntry("indicatorPart", 60.0)
			.containsEntry("bulletinPart", 10.0).containsEntry("timesInBottomThree", 2).containsEntry("supervisionMeasures", 0);
		assertThat(byUnit.get(h.get(4).code())).containsEntry("score", 37.0).containsEntry("indicatorPart", 32.0)
			.containsEntry("bulletinPart", 5.0).containsEntry("supervisionMeasures", 1);
		call(handler, HttpMethod.GET, "/api/v1/assessments?unit=" + bureau.code() + "&year=2026", null, 403);
		call(outsideSupervisor, HttpMethod.GET, "/api/v1/assessments?unit=" + bureau.code() + "&year=2026", null, 404);

		byte[] xlsx = download(leader, "/api/v1/assessments/export.xlsx?unit=" + bureau.code() + "&year=2026",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			XSSFSheet sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("考核得分");
			assertThat(sheet.getRow(6).getCell(0).getStringCellValue()).isEqualTo(h.get(3).code());
			assertThat(sheet.getRow(6).getCell(2).getNumericCellValue()).isEqualTo(70.0);
			assertThat(sheet.getRow(7).getCell(5).getNumericCellValue()).isEqualTo(2.0);
			assertThat(sheet.getRow(7).getCell(7).getNumericCellValue()).isEqualTo(0.2);
		}
		FormClient sup = new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD);
		assertThat(sup.get("/staff/assessments?unit=" + bureau.code() + "&year=2026").body())
			.contains("id=\"assessment-" + h.get(4).code() + "\"").contains("37.00").contains("责任追究建议按当年");
		assertThat(sup.post("/staff/assessments/letters", Map.of("parent", bureau.code(), "year", "2026", "unitCode",
				h.get(1).code(), "timelyAcceptance", "85")).statusCode()).isEqualTo(302);
		assertThat((List<?>) call(leader, HttpMethod.GET, "/api/v1/target-letters?unit=" + bureau.code() + "&year=2026", null, 200,
				List.class)).hasSize(5);
	}

	// ------------------------------------------------------------------ helpers

	/** Per hospital h0..h4, how many of five acceptance periods settled in the month were met in time. */
	private void scores(String month, int... inTime) {
		for (int i = 0; i < inTime.length; i++) {
			acceptance(h.get(i), month, inTime[i], 5 - inTime[i]);
		}
	}

	private long publishMonth(String month) {
		long id = id(call(supervisor, HttpMethod.POST, "/api/v1/bulletins",
				Map.of("kind", "MONTHLY", "unitCode", bureau.code(), "period", month), 201));
		call(supervisor, HttpMethod.POST, "/api/v1/bulletins/" + id + "/publish", null, 200);
		return id;
	}

	private long publishSpecial(String title, Unit... named) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", "SPECIAL");
		body.put("unitCode", bureau.code());
		body.put("title", title);
		body.put("body", "经查，下列单位存在" + title + "所述问题，现予通报。");
		List<Map<String, String>> units = new ArrayList<>();
		for (Unit u : named) {
			units.add(Map.of("unitCode", u.code(), "note", "存在问题"));
		}
		body.put("namedUnits", units);
		long id = id(call(supervisor, HttpMethod.POST, "/api/v1/bulletins", body, 201));
		call(supervisor, HttpMethod.POST, "/api/v1/bulletins/" + id + "/publish", null, 200);
		return id;
	}

	private List<Map<String, Object>> proposals(long bulletinId) {
		return maps(call(supervisor, HttpMethod.GET, "/api/v1/bulletins/" + bulletinId, null, 200).get("proposals"));
	}

	private long proposalOf(long bulletinId, Unit unit) {
		return proposals(bulletinId).stream()
			.filter(p -> ((Map<?, ?>) p.get("unit")).get("code").equals(unit.code()))
			.map(p -> ((Number) p.get("id")).longValue())
			.findFirst()
			.orElseThrow();
	}

	private List<Map<String, Object>> flagsFor(Unit unit) {
		return proposalsOfUnit(bureau, null).stream()
			.filter(p -> p.get("rule").equals("REMINDED_TWICE") && ((Map<?, ?>) p.get("unit")).get("code").equals(unit.code()))
			.toList();
	}

	private List<Map<String, Object>> proposalsOfUnit(Unit unit, String status) {
		List<Map<String, Object>> all = maps(call(supervisor, HttpMethod.GET, "/api/v1/bulletin-proposals?unit=" + unit.code()
				+ (status == null ? "" : "&status=" + status), null, 200, List.class));
		return all.stream().sorted(java.util.Comparator.comparing(p -> ((Number) p.get("id")).longValue())).toList();
	}

	private static String confirm(long proposal) {
		return "/api/v1/bulletin-proposals/" + proposal + "/confirm";
	}

	private static String dismiss(long proposal) {
		return "/api/v1/bulletin-proposals/" + proposal + "/dismiss";
	}

	private List<String> audit(long bulletinId) {
		return jdbc.sql("SELECT action FROM audit_entry WHERE entity_type = 'bulletin' AND entity_id = :id ORDER BY seq")
			.param("id", String.valueOf(bulletinId))
			.query(String.class)
			.list();
	}

	private byte[] download(StaffPrincipal user, String uri, String type) {
		return http.get().uri(uri).headers(x -> x.setBasicAuth(user.username(), Fixtures.PASSWORD)).accept(MediaType.parseMediaType(type))
			.exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
	}

	/** Acceptance periods of the unit (null: the bureau's own) settled in the month: in time, and late. */
	private void acceptance(Unit unit, String month, int inTime, int late) {
		YearMonth m = YearMonth.parse(month);
		for (int i = 0; i < inTime; i++) {
			long id = matter(unit, m.atDay(1).toString());
			deadline(id, "ACCEPTANCE", m.atDay(16).toString(), m.atDay(10).toString());
		}
		for (int i = 0; i < late; i++) {
			long id = matter(unit, m.atDay(1).toString());
			deadline(id, "ACCEPTANCE", m.atDay(5).toString(), m.atDay(20).toString());
		}
	}

	/** A January matter of the unit whose reply was delivered in time on 18 March, evaluated or not, reviewed or not. */
	private void handled(Unit unit, String rating, boolean reviewed) {
		long id = matter(unit, "2026-01-10");
		deadline(id, "HANDLING", "2026-03-20", "2026-03-18");
		jdbc.sql("""
				UPDATE matter SET status = 'DELIVERED', delivery_method = 'POST', delivered_on = DATE '2026-03-18',
				       evaluation_rating = :rating, evaluated_at = CASE WHEN :rating IS NULL THEN NULL ELSE :at END
				WHERE id = :id""")
			.param("rating", rating, java.sql.Types.VARCHAR)
			.param("at", OffsetDateTime.of(2026, 3, 25, 9, 0, 0, 0, ZoneOffset.ofHours(8)))
			.param("id", id)
			.update();
		deadline(id, "EVALUATION_WINDOW", "2026-04-17", rating == null ? null : "2026-03-25");
		if (reviewed) {
			jdbc.sql("INSERT INTO matter_review (matter_id, level, reason, requested_at) VALUES (:id, 'REVIEW', '不服', :at)")
				.param("id", id)
				.param("at", OffsetDateTime.of(2026, 4, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8)))
				.update();
		}
	}

	/** A matter handled by the hospital (received through the bureau); null: the bureau's own. */
	private long matter(Unit handling, String receivedOn) {
		LocalDate on = LocalDate.parse(receivedOn);
		OffsetDateTime at = on.atTime(10, 0).atOffset(ZoneOffset.ofHours(8));
		String code = Fixtures.randomTrackingCode();
		return jdbc.sql("""
				INSERT INTO matter (tracking_code, query_secret_hash, channel, kind, status, title, content, category_code,
				                    receiving_unit_id, handling_unit_id, received_on, received_at, created_at, updated_at)
				VALUES (:code, repeat('0', 64), 'LETTER', 'GRIEVANCE', :status, '通报测试', '通报测试', 'MEDICAL_QUALITY',
				        :receiving, :handling, :on, :at, :at, :at)
				RETURNING id""")
			.param("code", code)
			.param("status", handling == null ? "REGISTERED" : "IN_HANDLING")
			.param("receiving", bureau.id())
			.param("handling", handling == null ? null : handling.id(), java.sql.Types.BIGINT)
			.param("on", on)
			.param("at", at)
			.query(Long.class)
			.single();
	}

	private void deadline(long matter, String rule, String due, String met) {
		jdbc.sql("INSERT INTO matter_deadline (matter_id, rule_code, due_date, met_on) VALUES (:m, :r, :d, :met)")
			.param("m", matter)
			.param("r", rule)
			.param("d", LocalDate.parse(due))
			.param("met", met == null ? null : LocalDate.parse(met), java.sql.Types.DATE)
			.update();
	}

	private static long id(Map<String, Object> json) {
		return ((Number) json.get("id")).longValue();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> entries(Map<String, Object> bulletin) {
		return (List<Map<String, Object>>) bulletin.get("entries");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> maps(Object json) {
		return (List<Map<String, Object>>) json;
	}

	private static List<Object> fields(Map<String, Object> problem) {
		return ((List<?>) problem.get("errors")).stream().map(e -> (Object) ((Map<?, ?>) e).get("field")).distinct().toList();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> call(StaffPrincipal user, HttpMethod method, String uri, Object body, int status) {
		return call(user, method, uri, body, status, Map.class);
	}

	private <T> T call(StaffPrincipal user, HttpMethod method, String uri, Object body, int status, Class<T> type) {
		var request = http.method(method).uri(uri).headers(x -> x.setBasicAuth(user.username(), Fixtures.PASSWORD));
		var spec = body == null ? request.exchange()
				: request.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
		return spec.expectStatus().isEqualTo(status).expectBody(type).returnResult().getResponseBody();
	}
}
