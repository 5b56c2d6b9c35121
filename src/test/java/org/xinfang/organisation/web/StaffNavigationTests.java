package org.xinfang.organisation.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/** The staff navigation shows each role's links, and only those ({@link StaffNavigation}). */
@XinfangTest
class StaffNavigationTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Test
	void eachRoleSeesItsOwnLinks() {
		Unit commission = fixtures.commission();
		StaffPrincipal handler = fixtures.user(commission, Role.HANDLER);
		StaffPrincipal supervisor = fixtures.user(commission, Role.SUPERVISOR);
		StaffPrincipal registrarAndAdmin = fixtures.user(commission, Role.REGISTRAR, Role.ADMIN);

		String handlers = page(handler);
		assertThat(handlers).contains("href=\"/staff/work\"", "href=\"/staff/matters\"")
			.doesNotContain("href=\"/staff/inbox\"", "href=\"/staff/intake/new\"", "href=\"/staff/approvals\"",
					"href=\"/staff/reviews\"", "href=\"/staff/supervision\"", "href=\"/staff/bulletins\"",
					"href=\"/admin\"");

		String supervisors = page(supervisor);
		assertThat(supervisors).contains("href=\"/staff/supervision\"", "href=\"/staff/bulletins\"",
				"href=\"/staff/assessments\"")
			.doesNotContain("href=\"/staff/work\"", "href=\"/staff/inbox\"", "href=\"/admin\"");

		String both = page(registrarAndAdmin);
		assertThat(both).contains("href=\"/staff/intake/new\"", "href=\"/staff/inbox\"", "href=\"/admin\"",
				"href=\"/staff/bulletins\"")
			.doesNotContain("href=\"/staff/work\"", "href=\"/staff/supervision\"");
	}

	@Test
	void theLinksAreInTheRequestsLanguageAndTheUserIsNamed() {
		Unit commission = fixtures.commission();
		StaffPrincipal handler = fixtures.user(commission, Role.HANDLER);
		StaffPrincipal supervisor = fixtures.user(commission, Role.SUPERVISOR);
		FormClient client = new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD);
		String chinese = client.get("/staff").body();
		assertThat(chinese).contains("<a href=\"/staff\">工作台</a>", "<a href=\"/staff/work\">我的办件</a>")
			.contains("<span>" + handler.username() + "</span>");
		// the same role set in another language is built apart (and kept apart)
		String english = client.language("en").get("/staff/work").body();
		assertThat(english).contains("<a href=\"/staff\">Home</a>", "<a href=\"/staff/work\">My work</a>")
			.doesNotContain("工作台");
		assertThat(client.language("zh-CN").get("/staff").body()).contains("<a href=\"/staff/work\">我的办件</a>");
		// the dashboard link keeps its id
		assertThat(page(supervisor)).contains("<a id=\"nav-dashboard\" href=\"/staff/supervision\">督查督办</a>");
	}

	private String page(StaffPrincipal user) {
		return new FormClient(port).signIn(user.username(), Fixtures.PASSWORD).get("/staff").body();
	}
}
