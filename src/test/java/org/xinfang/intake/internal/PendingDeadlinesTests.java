package org.xinfang.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.calendar.DueDates;
import org.xinfang.intake.MatterDeadlines;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class PendingDeadlinesTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DueDates dueDates;

	@Autowired
	MatterDeadlines deadlines;

	@Autowired
	AuditTrail auditTrail;

	@Test
	void pendingTriageDeadlineIsShownAsPendingAndSettledOnceTheCalendarAllows() {
		StaffPrincipal registrar = registrar();
		LocalDate receivedOn = LocalDate.of(2026, 2, 1);
		long id = register(registrar, receivedOn);
		// as if registered while the year its period reaches had no calendar data
		makePending(id, receivedOn);

		Map<?, ?> triage = triage(registrar, id);
		assertThat(triage.get("state")).isEqualTo("PENDING");
		assertThat(triage.get("dueDate")).isNull();
		Map<?, ?> pending = (Map<?, ?>) triage.get("pending");
		assertThat(pending.get("countedFrom")).isEqualTo("2026-02-01");
		assertThat(pending.get("amount")).isEqualTo(15);
		// the data of 2026 is there: nothing to wait for but the next run
		assertThat(pending.get("awaitingYear")).isNull();

		deadlines.settlePending();
		deadlines.settlePending(); // a second run changes nothing

		LocalDate due = jdbc.sql("SELECT due_date FROM matter_deadline WHERE matter_id = :id AND rule_code = 'TRIAGE'")
			.param("id", id)
			.query(LocalDate.class)
			.single();
		// 2026-02-01 + 15 days = 2026-02-16, inside the Spring Festival break: the next working day
		assertThat(due).isEqualTo(LocalDate.of(2026, 2, 24)).isEqualTo(dueDates.dueDate("TRIAGE", receivedOn));
		assertThat(events(id, "DEADLINE_SET")).isEqualTo(1);
		assertThat(auditTrail.forEntity("matter", id)).extracting(AuditTrail.Entry::action)
			.containsOnlyOnce("DEADLINE_SET");
		assertThat(triage(registrar, id).get("state")).isNotEqualTo("PENDING");
	}

	@Test
	void deadlineWhoseYearStillHasNoDataKeepsWaiting() {
		StaffPrincipal registrar = registrar();
		long id = register(registrar, LocalDate.of(2026, 2, 1));
		// 2026-12-20 + 15 days reaches 2027, which has no data
		makePending(id, LocalDate.of(2026, 12, 20));

		deadlines.settlePending();

		assertThat(events(id, "DEADLINE_SET")).isZero();
		Map<?, ?> triage = triage(registrar, id);
		assertThat(triage.get("state")).isEqualTo("PENDING");
		assertThat(((Map<?, ?>) triage.get("pending")).get("awaitingYear")).isEqualTo(2027);
		assertThat((String) ((Map<?, ?>) triage.get("pending")).get("note")).contains("2027");
	}

	private StaffPrincipal registrar() {
		return fixtures.user(fixtures.bureauUnder(fixtures.commission()), Role.REGISTRAR);
	}

	private long register(StaffPrincipal registrar, LocalDate receivedOn) {
		Map<?, ?> registered = http.post().uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("channel", "LETTER", "kind", "PROPOSAL", "title", "建议增加儿科夜间门诊",
					"content", "建议县医院增设儿科夜间门诊。", "receivedOn", receivedOn.toString(),
					"petitioners", List.of(Map.of("name", "孙八", "phone", "1380000" + (System.nanoTime() % 10000)))))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((Number) registered.get("id")).longValue();
	}

	private void makePending(long id, LocalDate from) {
		jdbc.sql("""
				UPDATE matter_deadline SET due_date = NULL, start_date = :from, amount = 15, unit = 'CALENDAR_DAYS'
				WHERE matter_id = :id AND rule_code = 'TRIAGE'
				""").param("id", id).param("from", from).update();
	}

	private Map<?, ?> triage(StaffPrincipal user, long id) {
		Map<?, ?> matter = http.get().uri("/api/v1/matters/" + id)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((List<?>) matter.get("deadlines")).stream()
			.map(d -> (Map<?, ?>) d)
			.filter(d -> "TRIAGE".equals(d.get("rule")))
			.findFirst()
			.orElseThrow();
	}

	private long events(long id, String type) {
		return jdbc.sql("SELECT count(*) FROM matter_event WHERE matter_id = :id AND type = :type")
			.param("id", id)
			.param("type", type)
			.query(Long.class)
			.single();
	}
}
