package org.xinfang.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class UnitAdministrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Units units;

	@Autowired
	AuditTrail audit;

	@Test
	void movingAUnitRewritesThePathsOfItsWholeSubtree() {
		Unit commission = fixtures.commission();
		StaffPrincipal admin = fixtures.user(commission, Role.ADMIN);
		Unit countyA = fixtures.bureauUnder(commission);
		Unit countyB = fixtures.bureauUnder(commission);
		String hospital = Fixtures.unique("H");
		String ward = Fixtures.unique("W");
		create(admin, hospital, countyA.code()).expectStatus().isCreated();
		create(admin, ward, hospital).expectStatus().isCreated();
		Unit h = units.byCode(hospital).orElseThrow();
		assertThat(h.path()).isEqualTo(countyA.path() + h.id() + "/");

		as(admin, http.post().uri("/api/v1/admin/units/{c}/move", hospital))
			.body(Map.of("parentCode", countyB.code(), "version", 0))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.parentCode").isEqualTo(countyB.code());

		Unit movedHospital = units.byCode(hospital).orElseThrow();
		Unit movedWard = units.byCode(ward).orElseThrow();
		assertThat(movedHospital.path()).isEqualTo(countyB.path() + h.id() + "/");
		assertThat(movedHospital.parentId()).isEqualTo(countyB.id());
		assertThat(movedWard.path()).isEqualTo(movedHospital.path() + movedWard.id() + "/");
		assertThat(units.subtree(countyA.id())).extracting(Unit::code).containsExactly(countyA.code());
		assertThat(units.subtree(countyB.id())).extracting(Unit::code)
			.containsExactly(countyB.code(), hospital, ward);
		assertThat(audit.forEntity("unit", hospital)).extracting(AuditTrail.Entry::action).contains("UNIT_MOVED");
	}

	@Test
	void aUnitCannotBeMovedUnderItsOwnDescendant() {
		Unit commission = fixtures.commission();
		StaffPrincipal admin = fixtures.user(commission, Role.ADMIN);
		Unit county = fixtures.bureauUnder(commission);
		Unit hospital = fixtures.hospitalUnder(county);

		as(admin, http.post().uri("/api/v1/admin/units/{c}/move", county.code()))
			.body(Map.of("parentCode", hospital.code(), "version", 0))
			.exchange()
			.expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://xinfang.org/problems/unit-move-into-own-subtree");
		assertThat(units.byCode(county.code()).orElseThrow().path()).isEqualTo(county.path());
	}

	@Test
	void deactivationWaitsForTheSubUnits() {
		Unit commission = fixtures.commission();
		StaffPrincipal admin = fixtures.user(commission, Role.ADMIN);
		Unit county = fixtures.bureauUnder(commission);
		Unit hospital = fixtures.hospitalUnder(county);

		as(admin, http.post().uri("/api/v1/admin/units/{c}/deactivate", county.code()))
			.body(Map.of("version", 0))
			.exchange()
			.expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://xinfang.org/problems/unit-has-active-children");
		as(admin, http.post().uri("/api/v1/admin/units/{c}/deactivate", hospital.code()))
			.body(Map.of("version", 0))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.active").isEqualTo(false);
		as(admin, http.post().uri("/api/v1/admin/units/{c}/deactivate", county.code()))
			.body(Map.of("version", 0))
			.exchange()
			.expectStatus().isOk();
		assertThat(units.byCode(county.code()).orElseThrow().active()).isFalse();
		create(admin, Fixtures.unique("X"), county.code()).expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://xinfang.org/problems/unit-inactive");
	}

	@Test
	void editingWithAStaleVersionAnswers409() {
		Unit commission = fixtures.commission();
		StaffPrincipal admin = fixtures.user(commission, Role.ADMIN);
		Unit county = fixtures.bureauUnder(commission);
		Map<String, Object> edit = Map.of("name", "改名后的卫健局", "level", "COUNTY", "type", "BUREAU",
				"petitionOffice", true, "active", true, "version", 0);

		as(admin, http.put().uri("/api/v1/admin/units/{c}", county.code())).body(edit).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.name").isEqualTo("改名后的卫健局").jsonPath("$.version").isEqualTo(1);
		as(admin, http.put().uri("/api/v1/admin/units/{c}", county.code())).body(edit).exchange()
			.expectStatus().isEqualTo(409)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("https://xinfang.org/problems/stale-version");
	}

	@Test
	void aCountyAdministratorCannotSeeOrTouchTheOtherCountyOrThePrefecture() {
		Unit commission = fixtures.commission();
		Unit mine = fixtures.bureauUnder(commission);
		Unit other = fixtures.bureauUnder(commission);
		Unit myHospital = fixtures.hospitalUnder(mine);
		StaffPrincipal admin = fixtures.user(mine, Role.ADMIN);
		StaffPrincipal otherUser = fixtures.user(other, Role.HANDLER);
		Map<String, Object> edit = Map.of("name", "被篡改", "level", "COUNTY", "type", "BUREAU", "version", 0);

		as(admin, http.get().uri("/api/v1/admin/units")).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$[*].code").value(codes -> assertThat((Iterable<?>) codes).asList()
				.containsExactly(mine.code(), myHospital.code()));
		as(admin, http.get().uri("/api/v1/admin/units/{c}", other.code())).exchange().expectStatus().isNotFound();
		as(admin, http.put().uri("/api/v1/admin/units/{c}", other.code())).body(edit).exchange()
			.expectStatus().isNotFound();
		as(admin, http.put().uri("/api/v1/admin/units/{c}", commission.code())).body(edit).exchange()
			.expectStatus().isNotFound();
		create(admin, Fixtures.unique("X"), other.code()).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://xinfang.org/problems/unknown-unit");
		as(admin, http.post().uri("/api/v1/admin/units/{c}/move", myHospital.code()))
			.body(Map.of("parentCode", other.code(), "version", 0)).exchange()
			.expectStatus().isBadRequest();
		as(admin, http.get().uri("/api/v1/admin/users/{u}", otherUser.username())).exchange()
			.expectStatus().isNotFound();
		as(admin, http.get().uri("/api/v1/admin/users?unit={c}", other.code())).exchange()
			.expectStatus().isNotFound();
		as(admin, http.post().uri("/api/v1/admin/users/{u}/unlock", otherUser.username())).exchange()
			.expectStatus().isNotFound();
		assertThat(units.byCode(other.code()).orElseThrow().name()).isEqualTo(other.name());
	}

	@Test
	void nonAdministratorsAreRefusedByTheAdminApi() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(county, Role.REGISTRAR, Role.SUPERVISOR);

		as(registrar, http.get().uri("/api/v1/admin/units")).exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		create(registrar, Fixtures.unique("X"), county.code()).expectStatus().isForbidden();
		as(registrar, http.get().uri("/api/v1/admin/users")).exchange().expectStatus().isForbidden();
		http.get().uri("/api/v1/admin/units").exchange().expectStatus().isUnauthorized();
	}

	private RestTestClient.ResponseSpec create(StaffPrincipal admin, String code, String parent) {
		return as(admin, http.post().uri("/api/v1/admin/units"))
			.body(Map.of("code", code, "name", "单位" + code, "parentCode", parent, "level", "INSTITUTION", "type",
					"HOSPITAL", "petitionOffice", false))
			.exchange();
	}

	static <S extends RestTestClient.RequestHeadersSpec<?>> S as(StaffPrincipal user, S spec) {
		spec.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD));
		return spec;
	}
}
