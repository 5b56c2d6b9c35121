package org.xinfang.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xinfang.organisation.UnitAdministrationTests.as;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class UserAdministrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Test
	void anAdministratorCreatesAndEditsAnAccountWithoutEverSeeingAHash() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(county);
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		String username = Fixtures.unique("new.user");

		String created = as(admin, http.post().uri("/api/v1/admin/users"))
			.body(Map.of("username", username, "displayName", "新同事", "password", "a-long-password", "unitCode",
					county.code(), "roles", List.of("REGISTRAR"), "email", "new@example.org"))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(created).contains("\"username\":\"" + username + "\"").doesNotContain("password", "bcrypt", "hash");

		as(admin, http.put().uri("/api/v1/admin/users/{u}", username))
			.body(Map.of("displayName", "新同事", "unitCode", hospital.code(), "roles", List.of("HANDLER", "UNIT_HEAD"),
					"enabled", true, "version", 0))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.unitCode").isEqualTo(hospital.code())
			.jsonPath("$.roles[0]").isEqualTo("HANDLER")
			.jsonPath("$.roles[1]").isEqualTo("UNIT_HEAD")
			.jsonPath("$.version").isEqualTo(1);

		http.get().uri("/api/v1/me").headers(h -> h.setBasicAuth(username, "a-long-password")).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.unitCode").isEqualTo(hospital.code());

		as(admin, http.get().uri("/api/v1/admin/users?unit={c}", hospital.code())).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$[0].username").isEqualTo(username).jsonPath("$.length()").isEqualTo(1);
	}

	@Test
	void aStaleUserEditAnswers409() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		StaffPrincipal user = fixtures.user(county, Role.HANDLER);

		as(admin, http.put().uri("/api/v1/admin/users/{u}", user.username()))
			.body(Map.of("displayName", "X", "unitCode", county.code(), "roles", List.of("HANDLER"), "version", 7))
			.exchange()
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("https://xinfang.org/problems/stale-version");
	}

	@Test
	void anAdministratorCannotShutThemselvesOut() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);

		as(admin, http.put().uri("/api/v1/admin/users/{u}", admin.username()))
			.body(Map.of("displayName", "X", "unitCode", county.code(), "roles", List.of("HANDLER"), "version", 0))
			.exchange()
			.expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("roles");
	}

	@Test
	void aTooShortPasswordIsRefusedNamingTheField() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		StaffPrincipal user = fixtures.user(county, Role.HANDLER);

		as(admin, http.post().uri("/api/v1/admin/users"))
			.body(Map.of("username", Fixtures.unique("short"), "displayName", "短密码", "password", "123456789",
					"unitCode", county.code(), "roles", List.of("HANDLER")))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
		as(admin, http.post().uri("/api/v1/admin/users/{u}/password", user.username()))
			.body(Map.of("password", "short"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
	}

	@Test
	void aResetPasswordReplacesTheOldOne() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		StaffPrincipal user = fixtures.user(county, Role.HANDLER);

		as(admin, http.post().uri("/api/v1/admin/users/{u}/password", user.username()))
			.body(Map.of("password", "brand-new-password"))
			.exchange()
			.expectStatus().isNoContent();
		me(user.username(), Fixtures.PASSWORD).expectStatus().isUnauthorized();
		me(user.username(), "brand-new-password").expectStatus().isOk();
	}

	@Test
	void aLockedUserCanSignInAfterUnlock() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		StaffPrincipal user = fixtures.user(county, Role.HANDLER);
		for (int i = 0; i < 5; i++) {
			me(user.username(), "wrong-password").expectStatus().isUnauthorized();
		}
		me(user.username(), Fixtures.PASSWORD).expectStatus().isUnauthorized();
		as(admin, http.get().uri("/api/v1/admin/users/{u}", user.username())).exchange()
			.expectBody().jsonPath("$.locked").isEqualTo(true).jsonPath("$.failedAttempts").isEqualTo(5);

		as(admin, http.post().uri("/api/v1/admin/users/{u}/unlock", user.username())).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.locked").isEqualTo(false).jsonPath("$.failedAttempts").isEqualTo(0);
		me(user.username(), Fixtures.PASSWORD).expectStatus().isOk();
	}

	private RestTestClient.ResponseSpec me(String username, String password) {
		return http.get().uri("/api/v1/me").headers(h -> h.setBasicAuth(username, password)).exchange();
	}
}
