package org.xinfang.organisation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.organisation.OrganisationAdministration;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.support.XinfangTest;

/**
 * The demo loader against the shared test database: its "is the database empty" check is replaced by "is
 * there no ZWJW yet", since other tests have created units. This is the only test that creates the demo codes.
 */
@XinfangTest
class DemoDataLoaderTests {

	@Autowired
	OrganisationAdministration admin;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	Units units;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RestTestClient http;

	@Autowired
	ApplicationContext context;

	@Test
	void loadsTheDocumentedOrganisationAndStaffOnce() {
		assumeTrue(units.byCode("ZWJW").isEmpty(), "demo codes already present in the shared database");
		new DemoDataLoader(admin, tx, () -> units.byCode("ZWJW").isEmpty()).run(null);

		Unit prefecture = units.byCode("ZWJW").orElseThrow();
		assertThat(prefecture.parentId()).isNull();
		assertThat(prefecture.petitionOffice()).isTrue();
		for (String county : new String[] { "1", "2" }) {
			Unit bureau = units.byCode("XWJJ" + county).orElseThrow();
			assertThat(bureau.parentId()).isEqualTo(prefecture.id());
			assertThat(bureau.petitionOffice()).isTrue();
			assertThat(units.subtree(bureau.id())).extracting(Unit::code)
				.containsExactlyInAnyOrder("XWJJ" + county, "X" + county + "-RMYY", "X" + county + "-ZYY",
						"X" + county + "-CDC", "X" + county + "-WSJD", "X" + county + "-FYBJ", "X" + county + "-XZWSY1",
						"X" + county + "-XZWSY2", "X" + county + "-XZWSY3", "X" + county + "-YZK", "X" + county + "-BGS");
		}
		assertThat(units.byCode("X1-YZK").orElseThrow().type()).isEqualTo(Unit.UnitType.DEPARTMENT);
		assertThat(units.byCode("X2-XZWSY1").orElseThrow().type()).isEqualTo(Unit.UnitType.HEALTH_CENTRE);

		Map<String, String[]> documented = Map.of("demo-registrar", new String[] { "REGISTRAR", "XWJJ1" },
				"demo-supervisor", new String[] { "SUPERVISOR", "XWJJ1" }, "demo-leader",
				new String[] { "LEADER", "XWJJ1" }, "demo-admin", new String[] { "ADMIN", "XWJJ1" }, "demo-handler",
				new String[] { "HANDLER", "X1-RMYY" }, "demo-head", new String[] { "UNIT_HEAD", "X1-RMYY" },
				"demo-reviewer", new String[] { "REVIEWER", "ZWJW" }, "demo-prefecture-admin",
				new String[] { "ADMIN", "ZWJW" }, "demo-registrar2", new String[] { "REGISTRAR", "XWJJ2" });
		documented.forEach((username, roleAndUnit) -> http.get().uri("/api/v1/me")
			.headers(h -> h.setBasicAuth(username, DemoDataLoader.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.roles.length()").isEqualTo(1)
			.jsonPath("$.roles[0]").isEqualTo(roleAndUnit[0])
			.jsonPath("$.unitCode").isEqualTo(roleAndUnit[1]));

		// the county administrator sees their county only, in tree order (siblings as created)
		http.get().uri("/api/v1/admin/units")
			.headers(h -> h.setBasicAuth("demo-admin", DemoDataLoader.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.length()").isEqualTo(11)
			.jsonPath("$[0].code").isEqualTo("XWJJ1")
			.jsonPath("$[1].code").isEqualTo("X1-RMYY")
			.jsonPath("$[10].code").isEqualTo("X1-BGS");

		long before = jdbc.sql("SELECT count(*) FROM unit").query(Long.class).single();
		new DemoDataLoader(admin, tx, jdbc).run(null); // the real check: units exist, so nothing happens
		assertThat(jdbc.sql("SELECT count(*) FROM unit").query(Long.class).single()).isEqualTo(before);
		assertThat(EnumSet.allOf(Role.class)).allSatisfy(role -> assertThat(jdbc
			.sql("SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username LIKE 'demo-%' AND r.role = :r")
			.param("r", role.name()).query(Long.class).single()).as(role.name()).isPositive());
	}

	@Test
	void isNotABeanWithoutTheDemoProfile() {
		assertThat(context.getBeanNamesForType(DemoDataLoader.class)).isEmpty();
	}
}
