package org.xinfang.supervision.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.supervision.SupervisionDashboard;
import org.xinfang.supervision.SupervisionDashboard.Dashboard;

/**
 * {@code GET /api/v1/supervision/dashboard?unit=CODE}: the supervisor's dashboard of a unit's subtree (default:
 * the user's unit) as JSON, the data of the dashboard page's charts. The sections and their rules are
 * documented on {@link SupervisionDashboard}.
 */
@RestController
class DashboardApi {

	private final SupervisionDashboard dashboard;

	DashboardApi(SupervisionDashboard dashboard) {
		this.dashboard = dashboard;
	}

	@GetMapping("/api/v1/supervision/dashboard")
	@Operation(summary = "Supervisor dashboard of a unit's subtree",
			description = "For supervisors and leaders (403 for other roles; 404 for a unit outside the user's subtree). "
					+ "Sections: deadlines — open matters overdue (nearest open deadline of a staff obligation before "
					+ "today) and due soon (from today to dueSoonUntil) for the whole subtree (total) and each direct "
					+ "sub-unit's subtree (byUnit, most overdue first; a matter counts for a unit when its receiving, "
					+ "concerned or handling unit lies in that unit's subtree, as in GET /api/v1/matters?unit=&deadlineState=); "
					+ "keyMatters — the key matters (包案) of the subtree, those with missing weekly reports first; "
					+ "indicators — the rates and counts of GET /api/v1/indicators for the current month up to today. "
					+ "Only units and officials are counted, never petitioners.")
	Dashboard dashboard(@Parameter(description = "a unit code in the user's subtree; default the user's own unit")
	@RequestParam(required = false) String unit) {
		return dashboard.compute(unit);
	}
}
