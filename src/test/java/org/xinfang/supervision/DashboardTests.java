package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.handling.TimeTravel;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * The supervisor dashboard (issue #6 item 7): overdue and due-soon matters by unit, worst first, each count
 * equal to the list its link opens; key matters with missing weekly reports; the month's indicators; roles and
 * scope; the page, its links and its languages. The fixture is {@link DashboardFixture}.
 */
@XinfangTest
@Import(TimeTravel.class)
class DashboardTests {

	@LocalServerPort
	int port;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	DashboardFixture f;

	@BeforeEach
	void fixture() {
		f = new DashboardFixture(fixtures, http, clock);
	}

	@Test
	void overdueAndDueSoonAreCountedByUnitWorstFirstAndMatchTheFilteredLists() {
		Map<String, Object> d = dashboard(f.supervisor, f.bureau.code());
		Map<String, Object> deadlines = map(d.get("deadlines"));
		assertThat(deadlines.get("dueSoonUntil")).isEqualTo("2026-04-02");
		assertThat(map(deadlines.get("total"))).containsEntry("code", f.bureau.code())
			.containsEntry("overdue", 5)
			.containsEntry("dueSoon", 2);
		List<Map<String, Object>> byUnit = list(deadlines.get("byUnit"));
		assertThat(byUnit).extracting(r -> r.get("code"))
			.containsExactly(f.hospitalA.code(), f.hospitalB.code(), f.hospitalC.code());
		assertThat(byUnit).extracting(r -> r.get("overdue")).containsExactly(3, 1, 0);
		assertThat(byUnit).extracting(r -> r.get("dueSoon")).containsExactly(0, 2, 0);

		// every number is the length of the staff list of matters it links to
		for (Map<String, Object> row : byUnit) {
			assertThat(listed(f.supervisor, row.get("code"), "OVERDUE")).isEqualTo(row.get("overdue"));
			assertThat(listed(f.supervisor, row.get("code"), "DUE_SOON")).isEqualTo(row.get("dueSoon"));
		}
		assertThat(listed(f.supervisor, f.bureau.code(), "OVERDUE")).isEqualTo(5);

		// on 1 April the two matters of hospital B (due 31 March) are overdue too
		clock.travelTo(DashboardFixture.TODAY.plusDays(2));
		Map<String, Object> later = map(dashboard(f.supervisor, f.bureau.code()).get("deadlines"));
		List<Map<String, Object>> laterRows = list(later.get("byUnit"));
		assertThat(laterRows.subList(0, 2)).extracting(r -> r.get("code"))
			.containsExactlyInAnyOrder(f.hospitalA.code(), f.hospitalB.code());
		assertThat(laterRows).extracting(r -> r.get("overdue")).containsExactly(3, 3, 0);
		assertThat(map(later.get("total"))).containsEntry("overdue", 7).containsEntry("dueSoon", 0);
	}

	@Test
	void aSubUnitCanBeOpenedAndTheUnitDefaultsToTheUsersOwn() {
		Map<String, Object> own = dashboard(f.supervisor, null);
		assertThat(map(own.get("unit"))).containsEntry("code", f.bureau.code());
		assertThat(list(own.get("subUnits"))).extracting(u -> u.get("code"))
			.containsExactly(f.hospitalA.code(), f.hospitalB.code(), f.hospitalC.code());

		Map<String, Object> b = dashboard(f.leader, f.hospitalB.code());
		assertThat(list(b.get("trail"))).extracting(u -> u.get("code")).containsExactly(f.bureau.code(), f.hospitalB.code());
		assertThat(map(map(b.get("deadlines")).get("total"))).containsEntry("overdue", 1).containsEntry("dueSoon", 2);
		assertThat(list(map(b.get("deadlines")).get("byUnit"))).isEmpty();
	}

	@Test
	void onlySupervisorsAndLeadersOfTheSubtreeSeeIt() {
		call(f.handler, "/api/v1/supervision/dashboard", 403);
		call(f.outsideSupervisor, "/api/v1/supervision/dashboard?unit=" + f.bureau.code(), 404);
		call(f.supervisor, "/api/v1/supervision/dashboard?unit=" + f.commission.code(), 404);
		call(f.supervisor, "/api/v1/supervision/dashboard?unit=NO-SUCH-UNIT", 404);
		http.get().uri("/api/v1/supervision/dashboard").exchange().expectStatus().isUnauthorized();
		assertThat(new FormClient(port).signIn(f.handler.username(), Fixtures.PASSWORD).get("/staff/supervision")
			.statusCode()).isEqualTo(403);
		// no count anywhere outside the user's scope: the other bureau's supervisor sees only its own (empty) units
		Map<String, Object> other = dashboard(f.outsideSupervisor, null);
		assertThat(map(map(other.get("deadlines")).get("total"))).containsEntry("overdue", 0).containsEntry("dueSoon", 0);
	}

	@Test
	void keyMattersWithMissingWeeklyReportsComeFirst() {
		long quiet = f.matters.get(0);
		long reporting = f.matters.get(1);
		clock.travelTo(DashboardFixture.EARLY.plusDays(2));
		f.markKey(quiet);
		f.markKey(reporting);
		clock.travelTo(DashboardFixture.TODAY);
		Map<String, Object> keys = map(dashboard(f.supervisor, f.bureau.code()).get("keyMatters"));
		assertThat(keys).containsEntry("total", 2).containsEntry("open", 2).containsEntry("missingReports", 2);
		// weeks of 9, 16 and 23 March ended without a report
		assertThat(list(keys.get("items"))).extracting(k -> k.get("missingWeeks")).containsExactly(3, 3);

		http.post().uri("/api/v1/matters/" + reporting + "/key/reports")
			.headers(h -> h.setBasicAuth(f.leader.username(), Fixtures.PASSWORD))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(Map.of("report", "本周已约谈医院负责人。"))
			.exchange().expectStatus().isOk();
		// a report this week fills no past week: both still miss three
		assertThat(map(dashboard(f.supervisor, f.bureau.code()).get("keyMatters"))).containsEntry("missingReports", 2);

		var page = new FormClient(port).signIn(f.supervisor.username(), Fixtures.PASSWORD).get("/staff/supervision");
		assertThat(page.body()).contains("id=\"key-" + quiet + "\"").contains("已登记").doesNotContain(">REGISTERED<");
	}

	@Test
	void flagsSpecialAssignmentsAndInterviewsHaveTheirPanels() {
		Map<String, Object> before = dashboard(f.supervisor, f.bureau.code());
		assertThat(map(before.get("flags"))).containsEntry("open", 0);
		assertThat(map(before.get("assignments"))).containsEntry("open", 0).containsEntry("stepsOverdue", 0);
		assertThat(map(map(before.get("interviews")).get("interviews"))).containsEntry("opened", 0)
			.containsEntry("reportsOverdue", 0);

		post(f.supervisor, "/api/v1/flags", Map.of("unitCode", f.hospitalA.code(), "ground", "SERIOUS_IMPACT",
				"matterId", f.matters.get(0), "reason", "群众反映强烈，影响恶劣。"));
		post(f.supervisor, "/api/v1/special-assignments", Map.of("unitCode", f.hospitalB.code(), "topic", "收费问题专项交办",
				"requirements", "逐件核查，按期报告。", "matterIds", List.of(f.matters.get(3))));
		Map<String, Object> after = dashboard(f.supervisor, f.bureau.code());
		Map<String, Object> flags = map(after.get("flags"));
		assertThat(flags).containsEntry("open", 1);
		assertThat(list(flags.get("byUnit"))).singleElement()
			.satisfies(c -> assertThat(map(c.get("unit"))).containsEntry("code", f.hospitalA.code()))
			.satisfies(c -> assertThat(c).containsEntry("count", 1));
		Map<String, Object> assignments = map(after.get("assignments"));
		assertThat(assignments).containsEntry("open", 1).containsEntry("stepsOverdue", 0);
		assertThat(list(assignments.get("due"))).singleElement()
			.satisfies(a -> assertThat(a).containsEntry("nextStep", "MEASURES").containsEntry("overdue", false));
		// a sub-unit sees only its own measures
		assertThat(map(dashboard(f.supervisor, f.hospitalC.code()).get("flags"))).containsEntry("open", 0);

		// two weeks on, the measures report (5 working days) is overdue
		clock.travelTo(DashboardFixture.TODAY.plusDays(14));
		assertThat(map(dashboard(f.supervisor, f.bureau.code()).get("assignments"))).containsEntry("stepsOverdue", 1);
		String page = new FormClient(port).signIn(f.supervisor.username(), Fixtures.PASSWORD).get("/staff/supervision").body();
		assertThat(page).contains("未摘牌的挂牌督办 1 件").contains("未办结的专项交办 1 件；逾期未报告的步骤 1 个")
			.contains("id=\"flags-" + f.hospitalA.code() + "\"").contains("id=\"interview-tally\"");
	}

	@Test
	void theMonthsIndicatorsAreThoseOfTheIndicatorApi() {
		Map<String, Object> indicators = map(dashboard(f.supervisor, f.bureau.code()).get("indicators"));
		assertThat(indicators).containsEntry("from", "2026-03-01").containsEntry("to", "2026-03-30");
		Map<String, Object> api = call(f.supervisor,
				"/api/v1/indicators?unit=" + f.bureau.code() + "&from=2026-03-01&to=2026-03-30", 200);
		assertThat(map(indicators.get("counts"))).isEqualTo(api.get("counts")).containsEntry("received", 7);
		assertThat(map(indicators.get("rates"))).containsEntry("timelyAcceptanceRate", api.get("timelyAcceptanceRate"))
			.containsEntry("onlineShare", 0.0);
	}

	@Test
	void thePageLinksEachCountToItsListInBothLanguages() {
		FormClient sup = new FormClient(port).signIn(f.supervisor.username(), Fixtures.PASSWORD);
		assertThat(sup.get("/staff").body()).contains("href=\"/staff/supervision\"").contains("id=\"home-dashboard\"");
		String page = sup.get("/staff/supervision").body();
		assertThat(page).contains("督查督办工作台").contains("<canvas id=\"deadline-chart\"")
			// the charts' figures are those the page computed, embedded once (no second computation by the API)
			.contains("<script type=\"application/json\" id=\"dashboard-data\">{\"unit\":{")
			.containsPattern("/webjars/chartjs/[0-9.]+/dist/chart.umd.js").contains("/js/dashboard.js")
			.contains("<a class=\"overdue\" href=\"/staff/matters?unit=" + f.hospitalA.code()
					+ "&amp;deadlineState=OVERDUE\">3</a>")
			.contains("id=\"total-overdue\" href=\"/staff/matters?unit=" + f.bureau.code() + "&amp;deadlineState=OVERDUE\">5</a>");
		assertThat(page.indexOf("id=\"unit-" + f.hospitalA.code())).isLessThan(page.indexOf("id=\"unit-" + f.hospitalB.code()));

		String list = sup.get("/staff/matters?unit=" + f.hospitalA.code() + "&deadlineState=OVERDUE").body();
		assertThat(list).contains("id=\"unit-filter\"").contains(f.hospitalA.name());
		assertThat(list.split("href=\"/staff/matters/\\d+\"", -1)).hasSize(4);

		String english = sup.language("en").get("/staff/supervision?unit=" + f.hospitalB.code()).body();
		assertThat(english).contains("Supervision dashboard").contains("Overdue").contains("Timely acceptance")
			.contains("id=\"no-sub-units\"");

		// the script and the charting library are served by the application itself
		assertThat(sup.get("/webjars/chartjs/dist/chart.umd.js").statusCode()).isEqualTo(200);
		assertThat(sup.get("/js/dashboard.js").body()).contains("/api/v1/supervision/dashboard");
		assertThat(new FormClient(port).signIn(f.handler.username(), Fixtures.PASSWORD).get("/staff").body())
			.doesNotContain("href=\"/staff/supervision\"");
	}

	@Test
	void theOpenApiDocumentDescribesTheDashboard() {
		String doc = http.get().uri("/api/v1/openapi").exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult().getResponseBody();
		assertThat(doc).contains("/api/v1/supervision/dashboard").contains("Supervisor dashboard of a unit's subtree")
			.contains("dueSoonUntil");
	}

	private Map<String, Object> dashboard(StaffPrincipal user, String unit) {
		return call(user, "/api/v1/supervision/dashboard" + (unit == null ? "" : "?unit=" + unit), 200);
	}

	private void post(StaffPrincipal user, String uri, Object body) {
		http.post().uri(uri).headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body)
			.exchange().expectStatus().is2xxSuccessful();
	}

	private int listed(StaffPrincipal user, Object unit, String state) {
		Map<String, Object> page = call(user, "/api/v1/matters?size=100&unit=" + unit + "&deadlineState=" + state, 200);
		return list(page.get("items")).size();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> call(StaffPrincipal user, String uri, int status) {
		return http.get().uri(uri).headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object json) {
		return (Map<String, Object>) json;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object json) {
		return (List<Map<String, Object>>) json;
	}
}
