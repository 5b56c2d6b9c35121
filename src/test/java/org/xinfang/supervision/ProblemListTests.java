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
 * Problem lists (问题清单, issue #6 item 4, DOMAIN §6): drafted and issued to a unit, each item's rectification
 * reported by the unit and verified by the supervisor (accepted or sent back), closed when all are accepted;
 * overdue items, refused transitions, scope, the PDF and the pages.
 */
@XinfangTest
@Import(TimeTravel.class)
class ProblemListTests {

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
	ProblemLists problemLists;

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
		clock.travelTo(LocalDate.of(2026, 5, 11));
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
	void listIsIssuedRectifiedItemByItemAndClosesWhenAllAreAccepted() {
		Map<String, Object> drafted = api.call(supervisor, HttpMethod.POST, "/api/v1/problem-lists", draft(), 201);
		long id = id(drafted);
		String uri = "/api/v1/problem-lists/" + id;
		assertThat(drafted.get("status")).isEqualTo("DRAFT");
		List<?> items = (List<?>) drafted.get("items");
		assertThat(items).hasSize(1);
		assertThat(map(items.get(0))).containsEntry("trackingCode", trackingCode).containsEntry("status", "OPEN");
		assertThat(type(api.call(supervisor, HttpMethod.GET, uri + "/document.pdf", null, 409))).contains("problem-list-status");
		Map<String, Object> withTwo = api.call(supervisor, HttpMethod.POST, uri + "/items", Map.of("kind", "INCOMPLETE",
				"problem", "答复意见未逐项回应诉求", "requirement", "重新审核答复意见", "dueOn", "2026-05-29"), 200);
		long first = ((Number) map(((List<?>) withTwo.get("items")).get(0)).get("id")).longValue();
		long second = ((Number) map(((List<?>) withTwo.get("items")).get(1)).get("id")).longValue();
		// the unit cannot report on a draft
		assertThat(type(api.call(head, HttpMethod.POST, uri + "/items/" + first + "/report",
				Map.of("rectification", "x"), 409))).contains("problem-list-status");

		api.call(handler, HttpMethod.POST, uri + "/issue", null, 403);
		Map<String, Object> issued = api.call(supervisor, HttpMethod.POST, uri + "/issue", null, 200);
		assertThat(issued.get("status")).isEqualTo("ISSUED");
		assertThat(issued.get("issuedOn")).isEqualTo("2026-05-11");
		assertThat(type(api.call(supervisor, HttpMethod.POST, uri + "/issue", null, 409))).contains("problem-list-status");
		assertThat(type(api.call(supervisor, HttpMethod.POST, uri + "/items", ((List<?>) draft().get("items")).get(0), 409)))
			.contains("problem-list-status");
		String pdf = api.pdfText(supervisor, uri + "/document.pdf");
		assertThat(pdf).contains("问题清单", hospital.name() + "：", "一、办理不及时：受理告知书超期出具", trackingCode,
				"二、办理不到位", "2026年5月22日前", "督查〔2026〕" + id + "号");

		// the unit reports; the supervisor sends the first back, then accepts it; nothing is verified twice
		api.call(supervisor, HttpMethod.POST, uri + "/items/" + first + "/report", Map.of("rectification", "x"), 403);
		assertThat(fields(api.call(head, HttpMethod.POST, uri + "/items/" + first + "/report",
				Map.of("rectification", " "), 400))).containsExactly("rectification");
		api.call(head, HttpMethod.POST, uri + "/items/" + first + "/report", Map.of("rectification", "已补发告知书"), 200);
		assertThat(type(api.call(head, HttpMethod.POST, uri + "/items/" + first + "/report",
				Map.of("rectification", "again"), 409))).contains("problem-item-status");
		api.call(head, HttpMethod.POST, uri + "/items/" + first + "/accept", null, 403);
		api.call(supervisor, HttpMethod.POST, uri + "/items/" + first + "/reject", Map.of("reason", " "), 400);
		Map<String, Object> rejected = api.call(supervisor, HttpMethod.POST, uri + "/items/" + first + "/reject",
				Map.of("reason", "未附送达凭证"), 200);
		assertThat(map(((List<?>) rejected.get("items")).get(0))).containsEntry("status", "OPEN")
			.containsEntry("rejectionReason", "未附送达凭证");
		assertThat(type(api.call(supervisor, HttpMethod.POST, uri + "/items/" + first + "/accept", null, 409)))
			.contains("problem-item-status");
		api.call(head, HttpMethod.POST, uri + "/items/" + first + "/report", Map.of("rectification", "已补发并附送达凭证"), 200);
		Map<String, Object> oneAccepted = api.call(supervisor, HttpMethod.POST, uri + "/items/" + first + "/accept", null, 200);
		assertThat(oneAccepted.get("status")).isEqualTo("ISSUED");

		// the second item is overdue after its due date; the list says how many are
		clock.travelTo(LocalDate.of(2026, 5, 30));
		Map<String, Object> late = api.call(supervisor, HttpMethod.GET, uri, null, 200);
		assertThat(late.get("overdueItems")).isEqualTo(1);
		assertThat(map(((List<?>) late.get("items")).get(1)).get("overdue")).isEqualTo(true);
		List<?> listed = api.call(supervisor, HttpMethod.GET, "/api/v1/problem-lists?unit=" + bureau.code(), null, 200, List.class);
		assertThat(listed).anySatisfy(l -> assertThat(map(l)).containsEntry("id", (int) id)
			.containsEntry("items", 2).containsEntry("acceptedItems", 1).containsEntry("overdueItems", 1));
		api.call(outsideSupervisor, HttpMethod.GET, uri, null, 404);
		api.call(outsideSupervisor, HttpMethod.POST, uri + "/items/" + second + "/accept", null, 404);

		api.call(head, HttpMethod.POST, uri + "/items/" + second + "/report", Map.of("rectification", "已重新答复"), 200);
		Map<String, Object> closed = api.call(supervisor, HttpMethod.POST, uri + "/items/" + second + "/accept", null, 200);
		assertThat(closed.get("status")).isEqualTo("CLOSED");
		assertThat(closed.get("overdueItems")).isEqualTo(0);
		assertThat(problemLists.tally(bureau.id(), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 31), LocalDate.of(2026, 5, 30)))
			.isEqualTo(new ProblemLists.Tally(1, 2, 2, 0));
		for (String action : List.of("PROBLEM_LIST_DRAFTED", "PROBLEM_ITEM_ADDED", "PROBLEM_LIST_ISSUED",
				"PROBLEM_ITEM_REJECTED", "PROBLEM_LIST_CLOSED")) {
			assertThat(api.audit("problem_list", id, action)).as(action).hasSize(1);
		}
		assertThat(api.audit("problem_list", id, "PROBLEM_ITEM_REPORTED")).hasSize(3);
		assertThat(api.audit("problem_list", id, "PROBLEM_ITEM_ACCEPTED")).hasSize(2);
	}

	@Test
	void draftingChecksRoleFieldsAndScope() {
		api.call(handler, HttpMethod.POST, "/api/v1/problem-lists", draft(), 403);
		Map<String, Object> bad = new LinkedHashMap<>();
		bad.put("unitCode", outsideSupervisor.unitCode());
		bad.put("items", List.of(Map.of("kind", "SLOW", "dueOn", "2026-05-01", "matter", "XF-NONE")));
		assertThat(fields(api.call(supervisor, HttpMethod.POST, "/api/v1/problem-lists", bad, 400)))
			.containsExactlyInAnyOrder("unitCode", "title", "inspection", "items[0].kind", "items[0].problem",
					"items[0].requirement", "items[0].dueOn", "items[0].matter");
		long empty = id(api.call(supervisor, HttpMethod.POST, "/api/v1/problem-lists",
				Map.of("unitCode", hospital.code(), "title", "检查", "inspection", "过程检查"), 201));
		assertThat(fields(api.call(supervisor, HttpMethod.POST, "/api/v1/problem-lists/" + empty + "/issue", null, 400)))
			.containsExactly("items");
	}

	@Test
	void pagesDraftIssueReportAndVerify() {
		FormClient sup = new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD);
		assertThat(sup.get("/staff/problem-lists").body()).contains("id=\"draft-form\"");
		var refused = sup.post("/staff/problem-lists", Map.of("unitCode", hospital.code(), "title", "", "inspection", "x",
				"kind", "LATE", "problem", "p", "matter", "", "requirement", "r", "dueOn", "2026-05-22"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("title");
		var drafted = sup.post("/staff/problem-lists", Map.of("unitCode", hospital.code(), "title", "五月过程检查",
				"inspection", "抽查办结事项", "kind", "LATE", "problem", "告知书超期", "matter", trackingCode,
				"requirement", "补发告知书", "dueOn", "2026-05-22"));
		assertThat(drafted.statusCode()).isEqualTo(302);
		String location = drafted.headers().firstValue("Location").orElseThrow();
		String path = location.substring(location.indexOf("/staff/problem-lists/"));
		assertThat(sup.get(path).body()).contains("告知书超期").contains(trackingCode).contains("id=\"issue-form\"");
		assertThat(sup.post(path + "/issue", Map.of()).statusCode()).isEqualTo(302);
		assertThat(sup.get(path).body()).contains("document.pdf").doesNotContain("id=\"issue-form\"");
		long item = jdbc.sql("SELECT id FROM problem_item WHERE list_id = :id").param("id",
				Long.parseLong(path.substring(path.lastIndexOf('/') + 1))).query(Long.class).single();

		FormClient unit = new FormClient(port).signIn(head.username(), Fixtures.PASSWORD);
		assertThat(unit.get(path).body()).contains("class=\"report-form\"");
		assertThat(unit.post(path + "/items/" + item + "/report", Map.of("rectification", "已补发")).statusCode()).isEqualTo(302);
		assertThat(sup.get(path).body()).contains("class=\"verify-form\"");
		assertThat(sup.post(path + "/items/" + item + "/verify", Map.of("decision", "ACCEPT", "reason", "")).statusCode())
			.isEqualTo(302);
		assertThat(sup.get(path).body()).contains("已办结");
		assertThat(new FormClient(port).signIn(outsideSupervisor.username(), Fixtures.PASSWORD).get(path).statusCode())
			.isEqualTo(404);
	}

	private Map<String, Object> draft() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unitCode", hospital.code());
		body.put("title", "2026年5月过程检查问题清单");
		body.put("inspection", "抽查2026年4月办结事项20件");
		body.put("items", List.of(Map.of("kind", "LATE", "problem", "受理告知书超期出具", "matter", trackingCode,
				"requirement", "补发告知书并说明原因", "dueOn", "2026-05-22")));
		return body;
	}
}
