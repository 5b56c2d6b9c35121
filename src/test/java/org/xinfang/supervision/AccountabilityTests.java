package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xinfang.supervision.SupervisionCalls.fields;
import static org.xinfang.supervision.SupervisionCalls.id;
import static org.xinfang.supervision.SupervisionCalls.map;
import static org.xinfang.supervision.SupervisionCalls.type;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.handling.TimeTravel;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * Accountability recommendations (责任追究, issue #6 item 4, DOMAIN §6): recorded against a unit and named
 * officials (staff only), sent to the competent body with the PDF, the outcome recorded; refused transitions,
 * scope, the pages, and the read API that counts them by type.
 */
@XinfangTest
@Import(TimeTravel.class)
class AccountabilityTests {

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
	Accountability accountability;

	SupervisionCalls api;

	Unit bureau;

	Unit hospital;

	StaffPrincipal supervisor;

	StaffPrincipal head;

	StaffPrincipal handler;

	StaffPrincipal outsideSupervisor;

	String trackingCode;

	@BeforeEach
	void fixture() {
		api = new SupervisionCalls(http, jdbc);
		clock.travelTo(LocalDate.of(2026, 6, 1));
		Unit commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		hospital = fixtures.hospitalUnder(bureau);
		supervisor = fixtures.user(bureau, Role.SUPERVISOR);
		handler = fixtures.user(bureau, Role.HANDLER);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		outsideSupervisor = fixtures.user(fixtures.bureauUnder(commission), Role.SUPERVISOR);
		trackingCode = String.valueOf(api.register(fixtures.user(bureau, Role.REGISTRAR), hospital).get("trackingCode"));
	}

	@Test
	void recommendationIsRecordedSentWithItsDocumentAndConcluded() {
		Map<String, Object> recorded = api.call(supervisor, HttpMethod.POST, "/api/v1/accountability", draft(), 201);
		long id = id(recorded);
		String uri = "/api/v1/accountability/" + id;
		assertThat(recorded.get("status")).isEqualTo("DRAFT");
		assertThat((List<?>) recorded.get("officials")).extracting(o -> map(o).get("post")).containsExactly("院长");
		assertThat(type(api.call(supervisor, HttpMethod.GET, uri + "/document.pdf", null, 409))).contains("accountability-status");
		assertThat(type(api.call(supervisor, HttpMethod.POST, uri + "/outcome", Map.of("outcome", "x"), 409)))
			.contains("accountability-status");

		api.call(handler, HttpMethod.POST, uri + "/send", null, 403);
		api.call(outsideSupervisor, HttpMethod.POST, uri + "/send", null, 404);
		Map<String, Object> sent = api.call(supervisor, HttpMethod.POST, uri + "/send", null, 200);
		assertThat(sent.get("status")).isEqualTo("SENT");
		assertThat(sent.get("sentOn")).isEqualTo("2026-06-01");
		assertThat(type(api.call(supervisor, HttpMethod.POST, uri + "/send", null, 409))).contains("accountability-status");
		String pdf = api.pdfText(supervisor, uri + "/document.pdf");
		assertThat(pdf).contains("责任追究建议书", "县纪委监委：", hospital.name(), "多次超期办理信访事项", "测试用户（院长）",
				trackingCode, "追责问责", "责追〔2026〕" + id + "号", "2026年6月1日");

		clock.travelTo(LocalDate.of(2026, 7, 15));
		assertThat(fields(api.call(supervisor, HttpMethod.POST, uri + "/outcome",
				Map.of("outcome", " ", "outcomeOn", "2026-08-01"), 400))).containsExactlyInAnyOrder("outcome", "outcomeOn");
		assertThat(fields(api.call(supervisor, HttpMethod.POST, uri + "/outcome",
				Map.of("outcome", "已处理", "outcomeOn", "2026-05-31"), 400))).containsExactly("outcomeOn");
		Map<String, Object> concluded = api.call(supervisor, HttpMethod.POST, uri + "/outcome",
				Map.of("outcome", "给予院长诫勉谈话处理", "outcomeOn", "2026-07-10"), 200);
		assertThat(concluded.get("status")).isEqualTo("CONCLUDED");
		assertThat(concluded.get("outcomeOn")).isEqualTo("2026-07-10");
		for (String action : List.of("ACCOUNTABILITY_RECORDED", "ACCOUNTABILITY_SENT", "ACCOUNTABILITY_CONCLUDED")) {
			assertThat(api.audit("accountability", id, action)).as(action).hasSize(1);
		}
		assertThat(accountability.tally(bureau.id(), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30)))
			.isEqualTo(new Accountability.Tally(0, 0, 1));
		assertThat(accountability.tally(bureau.id(), LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31)))
			.isEqualTo(new Accountability.Tally(0, 0, 0));
		api.call(outsideSupervisor, HttpMethod.GET, uri, null, 404);
		api.call(outsideSupervisor, HttpMethod.GET, "/api/v1/accountability?unit=" + hospital.code(), null, 404);
		assertThat(api.call(head, HttpMethod.GET, "/api/v1/accountability", null, 200, List.class))
			.anySatisfy(r -> assertThat(map(r)).containsEntry("id", (int) id).containsEntry("type", "DISCIPLINE"));
	}

	@Test
	void onlyStaffOfTheUnitMayBeNamedAndFieldsAreChecked() {
		api.call(handler, HttpMethod.POST, "/api/v1/accountability", draft(), 403);
		Map<String, Object> bad = new LinkedHashMap<>(draft());
		bad.put("type", "PUNISH");
		bad.put("grounds", "");
		// an official of another unit, or a name that is no staff account (a petitioner, say), is refused
		bad.put("officials", List.of(Map.of("username", outsideSupervisor.username(), "post", "局长"),
				Map.of("username", "wangwu", "post", "信访人")));
		bad.put("matters", List.of("XF-NONE"));
		assertThat(fields(api.call(supervisor, HttpMethod.POST, "/api/v1/accountability", bad, 400)))
			.containsExactlyInAnyOrder("type", "grounds", "officials", "matters");
		assertThat(jdbc.sql("SELECT count(*) FROM accountability_recommendation a JOIN unit u ON u.id = a.unit_id WHERE u.code = :c")
			.param("c", hospital.code()).query(Long.class).single()).isZero();
	}

	@Test
	void pagesRecordSendAndConclude() {
		FormClient sup = new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD);
		assertThat(sup.get("/staff/accountability").body()).contains("id=\"record-form\"");
		var refused = sup.post("/staff/accountability", Map.of("unitCode", hospital.code(), "type", "IMPROVE_WORK",
				"grounds", "", "competentBody", "县卫健局", "officials", "", "matters", "", "relatedRecords", ""));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("grounds");
		var recorded = sup.post("/staff/accountability", Map.of("unitCode", hospital.code(), "type", "IMPROVE_WORK",
				"grounds", "答复不规范", "competentBody", "县卫健局", "officials", head.username() + ":院长",
				"matters", trackingCode, "relatedRecords", "问题清单"));
		assertThat(recorded.statusCode()).isEqualTo(302);
		String location = recorded.headers().firstValue("Location").orElseThrow();
		String path = location.substring(location.indexOf("/staff/accountability/"));
		assertThat(sup.get(path).body()).contains("答复不规范").contains(trackingCode).contains("id=\"send-form\"");
		assertThat(sup.post(path + "/send", Map.of()).statusCode()).isEqualTo(302);
		assertThat(sup.get(path).body()).contains("document.pdf").contains("id=\"outcome-form\"");
		assertThat(sup.post(path + "/outcome", Map.of("outcome", "已整改", "outcomeOn", "")).statusCode()).isEqualTo(302);
		assertThat(sup.get(path).body()).contains("已整改").doesNotContain("id=\"outcome-form\"");
		assertThat(new FormClient(port).language("en").signIn(supervisor.username(), Fixtures.PASSWORD).get(path).body())
			.contains("Accountability recommendation").contains("Improve work").contains("Concluded");
		assertThat(new FormClient(port).signIn(outsideSupervisor.username(), Fixtures.PASSWORD).get(path).statusCode())
			.isEqualTo(404);
	}

	@Test
	void openApiDocumentDescribesInterviewsProblemListsAndAccountability() {
		String doc = http.get().uri("/api/v1/openapi").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(doc).contains("/api/v1/interviews/{interviewId}/notice.pdf", "/api/v1/interviews/{interviewId}/signatures",
				"/api/v1/problem-lists/{listId}/items/{itemId}/reject", "/api/v1/accountability/{recommendationId}/outcome");
	}

	private Map<String, Object> draft() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unitCode", hospital.code());
		body.put("type", "DISCIPLINE");
		body.put("grounds", "多次超期办理信访事项，经约谈后仍未整改");
		body.put("competentBody", "县纪委监委");
		body.put("officials", List.of(Map.of("username", head.username(), "post", "院长")));
		body.put("matters", List.of(trackingCode));
		body.put("relatedRecords", "约谈记录、问题清单");
		return body;
	}
}
