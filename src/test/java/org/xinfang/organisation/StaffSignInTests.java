package org.xinfang.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class StaffSignInTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Test
	void meReturnsNameRolesAndUnitOverBasicAuth() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal user = fixtures.user(bureau, Role.REGISTRAR, Role.SUPERVISOR);

		http.get().uri("/api/v1/me")
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.username").isEqualTo(user.username())
			.jsonPath("$.unitCode").isEqualTo(bureau.code())
			.jsonPath("$.roles[0]").isEqualTo("REGISTRAR")
			.jsonPath("$.roles[1]").isEqualTo("SUPERVISOR");
	}

	@Test
	void apiWithoutCredentialsAnswers401Problem() {
		http.get().uri("/api/v1/me")
			.exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void accountLocksAfterFiveWrongPasswords() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal user = fixtures.user(bureau, Role.HANDLER);
		for (int i = 0; i < 4; i++) {
			me(user.username(), "wrong-password").expectStatus().isUnauthorized();
		}
		me(user.username(), Fixtures.PASSWORD).expectStatus().isOk(); // four failures: not yet locked, count reset
		for (int i = 0; i < 5; i++) {
			me(user.username(), "wrong-password").expectStatus().isUnauthorized();
		}
		me(user.username(), Fixtures.PASSWORD).expectStatus().isUnauthorized(); // locked: right password refused
	}

	private RestTestClient.ResponseSpec me(String username, String password) {
		return http.get().uri("/api/v1/me").headers(h -> h.setBasicAuth(username, password)).exchange();
	}

	@Test
	void portalHomeRendersChinese() {
		String body = http.get().uri("/")
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("网上信访");
	}
}
