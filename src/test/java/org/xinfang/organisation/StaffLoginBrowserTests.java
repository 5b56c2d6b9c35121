package org.xinfang.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xinfang.support.Browser;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class StaffLoginBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Test
	void staffSignInLandsOnTheirHomePageAndSignsOut() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		try (Browser browser = Browser.open(port)) {
			browser.signIn(registrar.username(), Fixtures.PASSWORD);
			assertThat(browser.path()).isEqualTo("/staff");
			browser.waitForText(bureau.name());
			browser.screenshot("staff-home");
			browser.click("form[action='/logout'] button");
			browser.waitForText("您已安全退出");
			// signed out: staff pages send the browser back to the login form
			browser.go("/staff");
			assertThat(browser.path()).isEqualTo("/login");
		}
	}

	@Test
	void wrongPasswordShowsAReadableMessage() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		try (Browser browser = Browser.open(port)) {
			browser.signIn(registrar.username(), "not-the-password");
			browser.waitForText("用户名或密码错误");
			assertThat(browser.path()).isEqualTo("/login");
		}
	}
}
