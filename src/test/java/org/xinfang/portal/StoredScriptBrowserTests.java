package org.xinfang.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Browser;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * Issue #5 item 4, the browser half: script a citizen submits through the public API is stored as text and
 * never runs in a staff page. A registrar opens the matter list, the inbox and the matter page in chromium;
 * each payload would set {@code window.__xss} if it ran, and its text must be shown literally.
 */
@XinfangTest
class StoredScriptBrowserTests {

	static final String TITLE = "<script>window.__xss='title'</script>夜间门诊";

	static final String CONTENT = "<img src=x onerror=\"window.__xss='content'\">建议增设夜间门诊"
			+ "<a href=\"javascript:window.__xss='link'\">点此</a>";

	static final String NAME = "<svg onload=window.__xss='name'>";

	@LocalServerPort
	int port;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void submittedScriptIsShownAsTextAndNeverRunsInStaffPages() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		Map<String, Object> petitioner = new LinkedHashMap<>();
		petitioner.put("name", NAME);
		petitioner.put("phone", "1370000" + String.format("%04d", (int) (System.nanoTime() % 10000)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", "PROPOSAL");
		body.put("title", TITLE);
		body.put("content", CONTENT);
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", hospital.code());
		body.put("petitioner", petitioner);
		Map<?, ?> created = http.post().uri("/api/v1/public/petitions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String code = (String) created.get("trackingCode");
		long id = jdbc.sql("SELECT id FROM matter WHERE tracking_code = :c").param("c", code).query(Long.class).single();

		try (Browser browser = Browser.open(port)) {
			browser.signIn(registrar.username(), Fixtures.PASSWORD);
			for (String page : List.of("/staff/matters", "/staff/inbox", "/staff/matters/" + id)) {
				browser.go(page);
				browser.waitForText(code);
				Object ran = ((JavascriptExecutor) browser.driver()).executeScript("return window.__xss || null;");
				assertThat(ran).as("a payload ran on %s", page).isNull();
				assertThat(browser.text()).as(page).contains("<script>window.__xss='title'</script>夜间门诊");
			}
			// the matter page shows the content and the petitioner's name as typed
			assertThat(browser.text()).contains("<img src=x onerror=", "<svg onload=window.__xss='name'>");
			assertThat(browser.findAll("a[href^='javascript']")).isEmpty();
		}
	}
}
