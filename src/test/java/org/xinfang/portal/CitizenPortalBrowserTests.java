package org.xinfang.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xinfang.support.Browser;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/** A citizen on a phone submits a petition on the portal and then looks it up with code and secret. */
@XinfangTest
class CitizenPortalBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Test
	void citizenSubmitsOnlineAndTracksTheMatter() {
		fixtures.commission(); // a petition office to receive online submissions
		try (Browser browser = Browser.open(port)) {
			browser.driver().manage().window().setSize(new Dimension(390, 844)); // a phone
			browser.go("/").waitForText("网上信访");
			browser.click("a[href='/portal/submit']");
			browser.click("input[name=kind][value=PROPOSAL]")
				.type("#title", "建议延长县人民医院周末门诊时间")
				.type("#content", "县人民医院周末只开半天门诊，上班族看病很不方便，建议周六全天开放内科和儿科门诊。")
				.type("#name", "李建国")
				.type("#phone", "13800138000");
			browser.screenshot("portal-submit-phone");
			browser.click("button[type=submit]");
			String code = browser.find("#tracking-code").getText();
			String secret = browser.find("#query-secret").getText();
			assertThat(code).matches("XF[A-Z0-9]{10}");
			assertThat(secret).hasSizeGreaterThanOrEqualTo(8);
			browser.screenshot("portal-submitted-phone");

			browser.go("/portal/track").type("#code", code).type("#secret", secret).click("button[type=submit]");
			browser.waitForText(code);
			assertThat(browser.find("#status-label").getText()).isEqualTo("已登记");
			assertThat(browser.text()).contains("办理过程");
			browser.screenshot("portal-status-phone");

			// a wrong secret reveals nothing about the matter
			browser.go("/portal/track").type("#code", code).type("#secret", "WRONGSECRET").click("button[type=submit]");
			assertThat(browser.find("p.error[role=alert]").getText()).contains("查询码或查询密码不正确");
			assertThat(browser.text()).doesNotContain("已登记").doesNotContain("周末门诊");
		}
	}
}
