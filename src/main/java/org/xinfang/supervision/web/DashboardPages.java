package org.xinfang.supervision.web;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.xinfang.supervision.IndicatorReport;
import org.xinfang.supervision.SupervisionDashboard;
import org.xinfang.supervision.SupervisionDashboard.Dashboard;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervisor's dashboard page ({@code /staff/supervision?unit=CODE}): the tables are rendered here, the
 * charts drawn in the browser (Chart.js, served from the app's WebJar) from {@link DashboardApi}'s JSON.
 */
@Controller
class DashboardPages {

	private final SupervisionDashboard dashboard;

	private final JsonMapper json;

	DashboardPages(SupervisionDashboard dashboard, JsonMapper json) {
		this.dashboard = dashboard;
		this.json = json;
	}

	@GetMapping("/staff/supervision")
	String dashboard(@RequestParam(required = false) String unit, Model model) {
		Dashboard d = dashboard.compute(unit);
		IndicatorReport.Rates r = d.indicators().rates();
		model.addAttribute("d", d);
		// the charts draw the figures computed here, as the API gives them, rather than fetching them again:
		// "</" is escaped so that no unit name can end the script element
		model.addAttribute("chartData", json.writeValueAsString(d).replace("</", "<\\/"));
		// in the order of the chart, which reads its labels from this table
		model.addAttribute("rates", List.of(new Rate("timelyAcceptanceRate", r.timelyAcceptanceRate()),
				new Rate("onTimeCompletionRate", r.onTimeCompletionRate()),
				new Rate("participationRate", r.participationRate()), new Rate("satisfactionRate", r.satisfactionRate()),
				new Rate("repeatRate", r.repeatRate()),
				new Rate("resolvedWithoutRepeatRate", r.resolvedWithoutRepeatRate()),
				new Rate("resolvedAtUnitLevelRate", r.resolvedAtUnitLevelRate()), new Rate("onlineShare", r.onlineShare())));
		return "supervision/dashboard";
	}

	/** One rate of the indicator table: its name in the JSON (and the message key) and value (null: no data). */
	record Rate(String name, Double value) {
	}
}
