package org.xinfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.support.FormClient;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/** Refusals and unknown pages read as a page in the user's language, with the right status. */
@XinfangTest
class ErrorPageTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Test
	void matterOutsideTheScopeIsAReadable404Page() {
		StaffPrincipal handler = fixtures.user(fixtures.bureauUnder(fixtures.commission()), Role.HANDLER);
		FormClient client = new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD);
		HttpResponse<String> response = client.get("/staff/matters/" + Long.MAX_VALUE);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("出错了").contains("未找到").contains("href=\"/staff\"");
	}

	@Test
	void unknownPageIsA404PageInEnglishForAnEnglishBrowser() {
		HttpResponse<String> response = new FormClient(port).language("en").get("/portal/no-such-page");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Something went wrong").contains("does not exist");
	}
}
