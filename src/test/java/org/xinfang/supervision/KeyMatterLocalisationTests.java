package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.handling.TimeTravel;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * The key-matter pages and API speak the user's language: the matter's status by its name (not the code),
 * field errors by the field's label with a readable message — zh-CN by default, English on request.
 */
@XinfangTest
@Import(TimeTravel.class)
class KeyMatterLocalisationTests {

	@LocalServerPort
	int port;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	DashboardFixture f;

	long matter;

	@BeforeEach
	void fixture() {
		f = new DashboardFixture(fixtures, http, clock);
		matter = f.matters.get(0);
	}

	@Test
	void pagesShowTheStatusNameAndFieldErrorsInChineseByDefault() {
		FormClient sup = new FormClient(port).signIn(f.supervisor.username(), Fixtures.PASSWORD);
		sup.get("/staff/key-matters/" + matter);
		var refused = sup.post("/staff/key-matters/" + matter + "/mark", Map.of("supervisingLevel", "TOWN",
				"leaderUsername", f.handler.username(), "leaderRank", "", "team", "nobody-such-user", "plan", ""));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("督办层级：必须为中央、省级、市级或县级")
			.contains("包案领导：必须是能够查看该事项的单位中已启用的领导")
			.contains("工作专班：用户不存在、已停用或所在单位无权查看该事项：nobody-such-user")
			.contains("化解方案：必填，最多 4000 个字")
			.doesNotContain("is required");

		f.markKey(matter);
		String page = sup.get("/staff/key-matters/" + matter).body();
		assertThat(page).contains("<span id=\"status\">已登记</span>").doesNotContain(">REGISTERED<");
		assertThat(sup.get("/staff/key-matters?unit=" + f.bureau.code()).body())
			.contains("<td class=\"status\">已登记</td>").doesNotContain(">REGISTERED<");

		FormClient lead = new FormClient(port).signIn(f.leader.username(), Fixtures.PASSWORD);
		lead.get("/staff/key-matters/" + matter);
		var blank = lead.post("/staff/key-matters/" + matter + "/reports", Map.of("report", " "));
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("本周进展：必填，最多 4000 个字");
	}

	@Test
	void pagesAndApiSpeakEnglishOnRequest() {
		FormClient sup = new FormClient(port).language("en").signIn(f.supervisor.username(), Fixtures.PASSWORD);
		sup.get("/staff/key-matters/" + matter);
		var refused = sup.post("/staff/key-matters/" + matter + "/mark", Map.of("supervisingLevel", "PROVINCE",
				"leaderUsername", f.leader.username(), "leaderRank", "BOSS", "team", "", "plan", " "));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Leader rank: must be PRINCIPAL or DEPUTY")
			.contains("Plan: is required, at most 4000 characters");
		f.markKey(matter);
		assertThat(sup.get("/staff/key-matters/" + matter).body()).contains("<span id=\"status\">Registered</span>");

		Map<String, Object> body = new LinkedHashMap<>();
		body.put("supervisingLevel", "TOWN");
		body.put("leaderUsername", f.leader.username());
		body.put("plan", "x");
		assertThat(problems(body, "en")).containsExactly("must be CENTRAL, PROVINCE, PREFECTURE or COUNTY");
		assertThat(problems(body, "zh-CN")).containsExactly("必须为中央、省级、市级或县级");
	}

	private List<Object> problems(Map<String, Object> body, String language) {
		Map<?, ?> problem = http.put().uri("/api/v1/matters/" + matter + "/key")
			.headers(h -> {
				h.setBasicAuth(f.supervisor.username(), Fixtures.PASSWORD);
				h.set("Accept-Language", language);
			})
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange().expectStatus().isBadRequest().expectBody(Map.class).returnResult().getResponseBody();
		return ((List<?>) problem.get("errors")).stream().map(e -> (Object) ((Map<?, ?>) e).get("message")).toList();
	}
}
