package org.xinfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * Static files are served under {@code /css/**}, {@code /js/**} and {@code /webjars/**} only (application.yml): mapped to
 * {@code /**}, every link a template builds was looked up as a file in the jar (BENCHMARKS.md, "Causes and
 * fixes"). The style sheet and the version-resolved htmx must still reach the browser.
 */
@XinfangTest
class StaticResourcesTests {

	@LocalServerPort
	int port;

	@Test
	void styleSheetAndVersionedWebjarAreServed() {
		FormClient client = new FormClient(port);
		HttpResponse<String> login = client.get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("href=\"/css/xinfang.css\"");
		// the resource chain still writes the webjar's version into the link
		Matcher htmx = Pattern.compile("src=\"(/webjars/htmx\\.org/[0-9][^/\"]*/dist/htmx\\.min\\.js)\"")
			.matcher(login.body());
		assertThat(htmx.find()).isTrue();

		HttpResponse<String> css = client.get("/css/xinfang.css");
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
		assertThat(css.body()).isNotBlank();
		HttpResponse<String> script = client.get(htmx.group(1));
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).contains("htmx");

		// the application's own scripts have a handler of their own (StaticScripts)
		HttpResponse<String> dashboard = client.get("/js/dashboard.js");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("javascript"));
		assertThat(dashboard.body()).contains("dashboard-data");
	}
}
