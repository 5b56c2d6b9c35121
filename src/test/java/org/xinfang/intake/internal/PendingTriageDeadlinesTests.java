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
import org.xinfang.calendar.DueDates;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class PendingTriageDeadlinesTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DueDates dueDates;

	@Autowired
	PendingTriageDeadlines pending;

	@Test
	void matterRegisteredWithoutATriageDeadlineGetsItOnceTheCalendarAllows() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		LocalDate receivedOn = LocalDate.of(2026, 2, 1);
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
		long id = ((Number) registered.get("id")).longValue();
		// as if registered while the year its period reaches had no calendar data
		jdbc.sql("DELETE FROM matter_deadline WHERE matter_id = :id").param("id", id).update();

		pending.settle();
		pending.settle(); // a second run changes nothing

		LocalDate due = jdbc.sql("SELECT due_date FROM matter_deadline WHERE matter_id = :id AND rule_code = 'TRIAGE'")
			.param("id", id)
			.query(LocalDate.class)
			.single();
		// 2026-02-01 + 15 days = 2026-02-16, inside the Spring Festival break: the next working day
		assertThat(due).isEqualTo(LocalDate.of(2026, 2, 24)).isEqualTo(dueDates.dueDate("TRIAGE", receivedOn));
		long events = jdbc.sql("SELECT count(*) FROM matter_event WHERE matter_id = :id AND type = 'DEADLINE_SET'")
			.param("id", id)
			.query(Long.class)
			.single();
		assertThat(events).isEqualTo(1);
	}
}
