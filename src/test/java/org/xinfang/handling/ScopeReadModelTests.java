package org.xinfang.handling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * The read model of the lists ({@code matter_scope_entry}, V26): one row per matter and unit of its scope, with the
 * matter's state and nearest deadline, kept by triggers through registration, assignment to another unit and
 * acceptance; and the lists read from it (work queues, the default list) show what the general query shows.
 */
@XinfangTest
@Import(TimeTravel.class)
class ScopeReadModelTests {

	static final LocalDate TODAY = MatterHandlingApiTests.TODAY;

	@LocalServerPort
	int port;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	MatterFlow flow;

	Unit bureau;

	Unit hospital;

	Unit otherHospital;

	StaffPrincipal registrar;

	StaffPrincipal head;

	StaffPrincipal handler;

	@BeforeEach
	void organisation() {
		clock.travelTo(TODAY);
		flow = new MatterFlow(http);
		bureau = fixtures.bureauUnder(fixtures.commission());
		hospital = fixtures.hospitalUnder(bureau);
		otherHospital = fixtures.hospitalUnder(bureau);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		handler = fixtures.user(hospital, Role.HANDLER);
	}

	@Test
	void theEntriesFollowTheMatterThroughItsLifecycle() {
		// about the other hospital: the first hospital is not in the scope until the matter is assigned to it
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", otherHospital, null);
		entriesMatchTheMatter(m.id());
		assertThat(units(m.id())).contains(bureau.id(), otherHospital.id()).doesNotContain(hospital.id());

		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		entriesMatchTheMatter(m.id());
		assertThat(units(m.id())).contains(bureau.id(), otherHospital.id(), hospital.id());

		flow.act(head, m.id(), "ACCEPT", null);
		entriesMatchTheMatter(m.id());
		assertThat(jdbc.sql("SELECT DISTINCT status FROM matter_scope_entry WHERE matter_id = :id")
			.param("id", m.id()).query(String.class).list()).containsExactly("ACCEPTED");

		FormClient worker = new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD);
		assertThat(worker.get("/staff/work").body()).contains(m.code());
	}

	@Test
	void listsFromTheReadModelShowWhatTheGeneralQueryShows() {
		for (int i = 0; i < 4; i++) {
			MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, TODAY.minusDays(i));
			flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
			if (i % 2 == 0) {
				flow.act(head, m.id(), "ACCEPT", null);
			}
		}
		// the default list and a status filter of a queue state come from the read model; a kind filter (every
		// matter here is a grievance) takes the general query over the same matters
		assertThat(ids(head, "/api/v1/matters?size=100")).hasSize(4)
			.isEqualTo(ids(head, "/api/v1/matters?size=100&kind=GRIEVANCE"));
		assertThat(ids(head, "/api/v1/matters?size=100&status=ACCEPTED")).hasSize(2)
			.isEqualTo(ids(head, "/api/v1/matters?size=100&status=ACCEPTED&kind=GRIEVANCE"));
		assertThat(ids(registrar, "/api/v1/matters?size=2&page=1"))
			.isEqualTo(ids(registrar, "/api/v1/matters?size=2&page=1&kind=GRIEVANCE"));
		Map<?, ?> page = flow.get(registrar, "/api/v1/matters?size=2");
		assertThat(page.get("total")).isEqualTo(4);
		assertThat(page.get("totalExact")).isEqualTo(true);
	}

	private void entriesMatchTheMatter(long id) {
		List<String> expected = jdbc.sql("""
				SELECT u || ' ' || m.status || ' ' || coalesce(m.next_due_date::text, '-') || ' ' || m.received_at
				FROM matter m, unnest(m.scope_unit_ids) AS u WHERE m.id = :id ORDER BY 1
				""").param("id", id).query(String.class).list();
		List<String> entries = jdbc.sql("""
				SELECT unit_id || ' ' || status || ' ' || coalesce(next_due_date::text, '-') || ' ' || received_at
				FROM matter_scope_entry WHERE matter_id = :id ORDER BY 1
				""").param("id", id).query(String.class).list();
		assertThat(entries).isNotEmpty().isEqualTo(expected);
	}

	private List<Long> units(long id) {
		return jdbc.sql("SELECT unit_id FROM matter_scope_entry WHERE matter_id = :id").param("id", id)
			.query(Long.class).list();
	}

	private List<Object> ids(StaffPrincipal user, String uri) {
		return ((List<?>) flow.get(user, uri).get("items")).stream().<Object>map(item -> ((Map<?, ?>) item).get("id")).toList();
	}
}
