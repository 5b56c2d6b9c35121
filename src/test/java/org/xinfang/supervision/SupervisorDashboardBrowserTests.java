package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.handling.TimeTravel;
import org.xinfang.support.Browser;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervisor's path in headless Chromium (issue #6 item 8): sign in, open the dashboard from the navigation,
 * see the chart drawn from the API's numbers and the overdue counts of the fixture, follow a unit's overdue
 * link to the matter list, open a matter, mark it key on the key-matter page, and find it on the dashboard —
 * a week later with its missing weekly report.
 */
@XinfangTest
@Import(TimeTravel.class)
class SupervisorDashboardBrowserTests {

	/** Counts the canvas's pixels that are not transparent: a chart that was drawn has thousands. */
	static final String PAINTED = """
			var c = document.getElementById(arguments[0]);
			var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
			var n = 0;
			for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { n++; } }
			return n;""";

	@LocalServerPort
	int port;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JsonMapper json;

	DashboardFixture f;

	@BeforeEach
	void fixture() {
		f = new DashboardFixture(fixtures, http, clock);
	}

	@Test
	void supervisorFollowsTheOverdueCountsToAMatterMarksItKeyAndSeesItOnTheDashboard() {
		Map<?, ?> api = http.get().uri("/api/v1/supervision/dashboard?unit=" + f.bureau.code())
			.headers(h -> h.setBasicAuth(f.supervisor.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
		List<?> apiRows = (List<?>) ((Map<?, ?>) api.get("deadlines")).get("byUnit");

		try (Browser browser = Browser.open(port)) {
			browser.signIn(f.supervisor.username(), Fixtures.PASSWORD);
			assertThat(browser.path()).isEqualTo("/staff");
			browser.click("#nav-dashboard");
			browser.waitForText("督查督办工作台");
			assertThat(browser.path()).isEqualTo("/staff/supervision");

			// the chart: drawn (painted pixels) from the API's numbers, in the order of the table
			browser.waitUntil(d -> "true".equals(browser.find("#deadline-chart").getDomAttribute("data-rendered")) ? true : null);
			assertThat(((Number) js(browser).executeScript(PAINTED, "deadline-chart")).longValue()).isGreaterThan(500);
			Map<?, ?> drawn = json.readValue(browser.find("#deadline-chart").getDomAttribute("data-values"), Map.class);
			assertThat(drawn.get("units")).isEqualTo(apiRows.stream().map(r -> ((Map<?, ?>) r).get("code")).toList())
				.isEqualTo(List.of(f.hospitalA.code(), f.hospitalB.code(), f.hospitalC.code()));
			assertThat(drawn.get("overdue")).isEqualTo(List.of(3, 1, 0));
			assertThat(drawn.get("dueSoon")).isEqualTo(List.of(0, 2, 0));
			browser.waitUntil(d -> "true".equals(browser.find("#indicator-chart").getDomAttribute("data-rendered")) ? true : null);
			assertThat(((Number) js(browser).executeScript("return Chart.getChart('deadline-chart').data.datasets.length"))
				.intValue()).isEqualTo(2);

			// the counts of the fixture, worst unit first
			assertThat(browser.find("#total-overdue").getText()).isEqualTo("5");
			assertThat(browser.find("#total-due-soon").getText()).isEqualTo("2");
			assertThat(browser.findAll("#deadline-units tbody tr")).extracting(r -> r.getDomAttribute("id"))
				.containsExactly("unit-" + f.hospitalA.code(), "unit-" + f.hospitalB.code(), "unit-" + f.hospitalC.code());
			assertThat(browser.find("#unit-" + f.hospitalA.code() + " a.overdue").getText()).isEqualTo("3");
			assertThat(browser.find("#unit-" + f.hospitalB.code() + " a.due-soon").getText()).isEqualTo("2");
			browser.screenshot("supervisor-dashboard");

			// hospital A's overdue matters: the filtered list, three of them
			browser.click("#unit-" + f.hospitalA.code() + " a.overdue");
			browser.waitUntil(d -> browser.path().equals("/staff/matters") ? true : null);
			browser.find("#unit-filter");
			assertThat(browser.findAll("#matters tbody tr")).hasSize(3);
			assertThat(browser.text()).contains("已超期").contains(f.hospitalA.name());

			// open the first, then its key-matter page, and mark it key
			String code = browser.find("#matters tbody tr td a").getText();
			browser.click("#matters tbody tr td a");
			browser.waitForText(code);
			long matterId = Long.parseLong(browser.path().substring("/staff/matters/".length()));
			assertThat(f.matters.subList(0, 3)).contains(matterId);
			browser.click("#key-matter-link");
			browser.find("#mark-form");
			assertThat(browser.find("#not-key").getText()).isNotBlank();
			new Select(browser.find("#supervisingLevel")).selectByValue("PREFECTURE");
			browser.type("#leaderUsername", f.leader.username());
			browser.type("#plan-input", "分管领导包案，两周内化解。");
			browser.click("#mark-form button[type=submit]");
			browser.find("#notice");
			assertThat(browser.find("#status").getText()).isEqualTo("已登记");
			assertThat(browser.find("#rank").getText()).isEqualTo("副职");

			// the dashboard shows it, without missing reports yet
			browser.click("#nav-dashboard");
			browser.find("#key-" + matterId);
			assertThat(browser.find("#key-" + matterId + " td.missing").getText()).isEqualTo("0");
			assertThat(browser.find("#key-matters").getText()).contains("未销号重点事项 1 件，其中缺报每周进展的 0 件");

			// a week later the week of 30 March (marked on its Monday, so due whole) ended without a report
			clock.travelTo(DashboardFixture.TODAY.plusDays(8));
			browser.go("/staff/supervision");
			assertThat(browser.find("#key-" + matterId + " td.missing").getText()).isEqualTo("1");
			assertThat(browser.find("#key-matters").getText()).contains("其中缺报每周进展的 1 件");
			browser.screenshot("supervisor-dashboard-key-matter");
		}
	}

	private static JavascriptExecutor js(Browser browser) {
		return (JavascriptExecutor) browser.driver();
	}
}
