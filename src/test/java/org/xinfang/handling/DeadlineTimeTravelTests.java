package org.xinfang.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xinfang.handling.MatterFlow.due;
import static org.xinfang.handling.MatterFlow.list;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.handling.internal.OverdueNotices;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * Periods that end in the 2026 Spring Festival (Feb 15–23, make-up working days Feb 14 and 28) and National
 * Day (Oct 1–7, make-up working day Oct 10) holidays, with the application's clock moved by hand.
 */
@XinfangTest
@Import(TimeTravel.class)
class DeadlineTimeTravelTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	OverdueNotices overdueNotices;

	@Autowired
	JdbcClient jdbc;

	MatterFlow flow;

	Unit hospital;

	StaffPrincipal registrar;

	StaffPrincipal head;

	StaffPrincipal handler;

	@BeforeEach
	void organisation() {
		flow = new MatterFlow(http);
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		hospital = fixtures.hospitalUnder(bureau);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		handler = fixtures.user(hospital, Role.HANDLER);
	}

	@AfterEach
	void backToMarch() {
		clock.travelTo(MatterHandlingApiTests.TODAY);
	}

	@Test
	void triagePeriodEndingInTheSpringFestivalMovesToTheNextWorkingDayAndIsNoticedOverdueOnceAfterIt() {
		clock.travelTo(LocalDate.of(2026, 2, 1));
		long id = flow.register(registrar, "GRIEVANCE", hospital, null).id();
		// Feb 1 + 15 days = Feb 16, inside the holiday → Tue Feb 24
		assertThat(due(flow.matter(registrar, id), "TRIAGE")).isEqualTo("2026-02-24");

		clock.travelTo(LocalDate.of(2026, 2, 24));
		assertThat(deadlineState(id)).isEqualTo("DUE_SOON");
		overdueNotices.noticeOverdue();
		assertThat(overdueEvents(id)).isZero();

		clock.travelTo(LocalDate.of(2026, 2, 25));
		assertThat(deadlineState(id)).isEqualTo("OVERDUE");
		assertThat(list(flow.get(registrar, "/api/v1/matters?deadlineState=OVERDUE").get("items"))).hasSize(1);
		overdueNotices.noticeOverdue();
		overdueNotices.noticeOverdue();
		assertThat(overdueEvents(id)).isEqualTo(1);
	}

	@Test
	void returnPeriodOfFiveWorkingDaysSkipsNationalDayAndCountsTheMakeUpSaturday() {
		clock.travelTo(LocalDate.of(2026, 9, 28));
		long onTime = assigned();
		long late = assigned();
		// Sep 29, Sep 30, (Oct 1–7 holiday), Oct 8, Oct 9, Sat Oct 10 (make-up working day)
		assertThat(due(flow.matter(head, onTime), "RETURN_BY_UNIT")).isEqualTo("2026-10-10");
		assertThat(due(flow.matter(head, onTime), "ACCEPTANCE")).isEqualTo("2026-10-13");

		clock.travelTo(LocalDate.of(2026, 10, 10));
		assertThat(flow.act(head, onTime, "RETURN", Map.of("reason", "不属本院职责")).get("status"))
			.isEqualTo("REGISTERED");
		clock.travelTo(LocalDate.of(2026, 10, 11));
		Map<?, ?> refused = flow.act(head, late, "RETURN", Map.of("reason", "不属本院职责"), 409);
		assertThat(refused.get("type")).isEqualTo("https://xinfang.org/problems/return-period-passed");
		assertThat(flow.matter(head, late).get("allowedActions")).isEqualTo(List.of("ACCEPT", "REJECT", "REJECT_FINAL"));
	}

	@Test
	void handlingPeriodEndingOnNationalDayMovesToOctoberEighthAndAnExtensionEndingOnSaturdayToMonday() {
		clock.travelTo(LocalDate.of(2026, 8, 2));
		long id = assigned();
		Map<?, ?> accepted = flow.act(head, id, "ACCEPT", null);
		// Aug 2 + 60 days = Oct 1 → first working day after the holiday
		assertThat(due(accepted, "HANDLING")).isEqualTo("2026-10-08");
		flow.act(head, id, "ASSIGN_HANDLER", Map.of("username", handler.username()));
		flow.act(handler, id, "REQUEST_EXTENSION", Map.of("days", 30, "reason", "需要等待鉴定结论"));
		// Oct 8 + 30 days = Sat Nov 7 → Mon Nov 9
		assertThat(due(flow.act(head, id, "APPROVE_EXTENSION", null), "HANDLING")).isEqualTo("2026-11-09");
	}

	@Test
	void reviewWindowEndingInTheSpringFestivalStaysOpenUntilItsMovedEndThenTheMatterCanBeClosed() {
		clock.travelTo(LocalDate.of(2026, 1, 5));
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, null);
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, m.id(), "ACCEPT", null);
		flow.act(head, m.id(), "ASSIGN_HANDLER", Map.of("username", handler.username()));
		flow.act(handler, m.id(), "DRAFT_REPLY", Map.of("outcome", "EXPLAINED", "text", "解释说明。"));
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		clock.travelTo(LocalDate.of(2026, 1, 20));
		Map<?, ?> delivered = flow.act(handler, m.id(), "DELIVER", Map.of("method", "IN_PERSON", "deliveredOn", "2026-01-20"));
		// Jan 20 + 30 days = Feb 19, inside the holiday → Feb 24
		assertThat(due(delivered, "REVIEW_REQUEST")).isEqualTo("2026-02-24");

		clock.travelTo(LocalDate.of(2026, 2, 24));
		assertThat(flow.track(m).get("allowedActions")).asList().contains("REQUEST_REVIEW");
		flow.act(head, m.id(), "CLOSE", null, 409);
		// a window given to the petitioner is never "overdue" staff work
		clock.travelTo(LocalDate.of(2026, 2, 25));
		overdueNotices.noticeOverdue();
		assertThat(overdueEvents(m.id())).isZero();
		flow.actAsPetitioner(m, "REQUEST_REVIEW", Map.of("reason", "逾期申请"), 409);
		assertThat(flow.act(head, m.id(), "CLOSE", null).get("status")).isEqualTo("CLOSED");
		assertThat(flow.track(m).get("allowedActions")).isEqualTo(List.of());
	}

	private long assigned() {
		long id = flow.register(registrar, "GRIEVANCE", hospital, null).id();
		flow.act(registrar, id, "ASSIGN", Map.of("unitCode", hospital.code()));
		return id;
	}

	private String deadlineState(long id) {
		Map<?, ?> item = (Map<?, ?>) list(flow.get(registrar, "/api/v1/matters").get("items")).stream()
			.filter(i -> ((Number) ((Map<?, ?>) i).get("id")).longValue() == id)
			.findFirst()
			.orElseThrow();
		return (String) ((Map<?, ?>) item.get("nextDeadline")).get("state");
	}

	private long overdueEvents(long id) {
		return jdbc.sql("SELECT count(*) FROM matter_event WHERE matter_id = :id AND type = 'OVERDUE'")
			.param("id", id)
			.query(Long.class)
			.single();
	}
}
