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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.handling.internal.OverdueNotices;
import org.xinfang.intake.MatterDeadlines;
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

	@Autowired
	MatterDeadlines deadlines;

	@Autowired
	AuditTrail auditTrail;

	MatterFlow flow;

	Unit commission;

	Unit bureau;

	Unit hospital;

	StaffPrincipal registrar;

	StaffPrincipal head;

	StaffPrincipal handler;

	@BeforeEach
	void organisation() {
		flow = new MatterFlow(http);
		commission = fixtures.commission();
		Unit bureau = fixtures.bureauUnder(commission);
		this.bureau = bureau;
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

	@Test
	void acceptingAMatterWhoseHandlingPeriodReaches2027SucceedsWithAPendingDeadlineSettledWhenTheYearIsEntered() {
		clock.travelTo(LocalDate.of(2026, 11, 2));
		long id = assigned();
		// Nov 2 + 60 days = 2027-01-01: 2027 has no holiday data yet
		Map<?, ?> accepted = flow.act(head, id, "ACCEPT", null);
		assertThat(accepted.get("status")).isEqualTo("ACCEPTED");
		Map<?, ?> handling = deadline(accepted, "HANDLING");
		assertThat(handling.get("dueDate")).isNull();
		assertThat(handling.get("state")).isEqualTo("PENDING");
		Map<?, ?> pending = (Map<?, ?>) handling.get("pending");
		assertThat(pending.get("countedFrom")).isEqualTo("2026-11-02");
		assertThat(pending.get("amount")).isEqualTo(60);
		assertThat(pending.get("awaitingYear")).isEqualTo(2027);
		assertThat(deadlineState(id)).isEqualTo("PENDING");
		assertThat(list(flow.get(registrar, "/api/v1/matters?deadlineState=PENDING").get("items")))
			.extracting(i -> ((Number) ((Map<?, ?>) i).get("id")).longValue()).contains(id);
		assertThat(list(flow.get(registrar, "/api/v1/matters?deadlineState=ON_TRACK").get("items")))
			.extracting(i -> ((Number) ((Map<?, ?>) i).get("id")).longValue()).doesNotContain(id);
		assertThat(timelineTypes(id)).contains("DEADLINE_PENDING");

		// an extension approved while the period is pending is kept and applied when it settles
		flow.act(head, id, "ASSIGN_HANDLER", Map.of("username", handler.username()));
		flow.act(handler, id, "REQUEST_EXTENSION", Map.of("days", 30, "reason", "需要等待鉴定结论"));
		Map<?, ?> extended = flow.act(head, id, "APPROVE_EXTENSION", null);
		assertThat(deadline(extended, "HANDLING").get("state")).isEqualTo("PENDING");
		assertThat(((Map<?, ?>) deadline(extended, "HANDLING").get("pending")).get("addedPeriods")).isEqualTo(1);

		// the overdue job never looks at a pending deadline, however late it is
		clock.travelTo(LocalDate.of(2027, 6, 1));
		overdueNotices.noticeOverdue();
		assertThat(overdueEvents(id)).isZero();

		clock.travelTo(LocalDate.of(2026, 11, 20));
		StaffPrincipal admin = fixtures.user(fixtures.commission(), Role.ADMIN);
		try {
			deadlines.settlePending();
			assertThat(due(flow.matter(head, id), "HANDLING")).as("no data for 2027 yet").isNull();
			// the administrator enters 2027: New Year's Day holiday Jan 1–3
			for (String day : List.of("2027-01-01", "2027-01-02", "2027-01-03")) {
				calendarAdmin(admin, "/api/v1/calendar/days/" + day, Map.of("kind", "HOLIDAY", "nameZh", "元旦"));
			}
			calendarAdmin(admin, "/api/v1/calendar/years/2027", Map.of("complete", true, "note", "test"));

			deadlines.settlePending();
			deadlines.settlePending(); // exactly once

			// 2027-01-01 is a holiday → Mon Jan 4; + 30 days extension = Wed Feb 3
			Map<?, ?> settled = flow.matter(head, id);
			assertThat(due(settled, "HANDLING")).isEqualTo("2027-02-03");
			assertThat(deadline(settled, "HANDLING").get("state")).isEqualTo("ON_TRACK");
			assertThat(deadline(settled, "HANDLING").get("pending")).isNull();
			assertThat(timelineTypes(id).stream().filter("DEADLINE_SET"::equals)).hasSize(1);
			assertThat(auditTrail.forEntity("matter", id)).filteredOn(e -> e.action().equals("DEADLINE_SET"))
				.singleElement()
				.satisfies(e -> assertThat(e.details()).contains("HANDLING", "2027-02-03"));

			// once settled, the deadline is a deadline like any other
			clock.travelTo(LocalDate.of(2027, 2, 4));
			overdueNotices.noticeOverdue();
			assertThat(overdueEvents(id)).isEqualTo(1);
		}
		finally {
			clock.travelTo(LocalDate.of(2026, 11, 20));
			calendarAdmin(admin, "/api/v1/calendar/years/2027", Map.of("complete", false));
			for (String day : List.of("2027-01-01", "2027-01-02", "2027-01-03")) {
				http.delete().uri("/api/v1/calendar/days/" + day)
					.headers(h -> h.setBasicAuth(admin.username(), Fixtures.PASSWORD))
					.exchange()
					.expectStatus().isNoContent();
			}
		}
	}

	@Test
	void deliveryInDecemberOpensPendingWindowsWithinWhichThePetitionerAsksForReview() {
		clock.travelTo(LocalDate.of(2026, 10, 12));
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, null);
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, m.id(), "ACCEPT", null);
		flow.act(head, m.id(), "ASSIGN_HANDLER", Map.of("username", handler.username()));
		flow.act(handler, m.id(), "DRAFT_REPLY", Map.of("outcome", "EXPLAINED", "text", "解释说明。"));
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		clock.travelTo(LocalDate.of(2026, 12, 10));
		Map<?, ?> delivered = flow.act(handler, m.id(), "DELIVER", Map.of("method", "IN_PERSON", "deliveredOn", "2026-12-10"));
		assertThat(deadline(delivered, "REVIEW_REQUEST").get("state")).isEqualTo("PENDING");
		assertThat(deadline(delivered, "EVALUATION_WINDOW").get("state")).isEqualTo("PENDING");
		// the window's end is not known yet, so it has not passed: the matter cannot be closed meanwhile
		flow.act(head, m.id(), "CLOSE", null, 409);
		assertThat(flow.track(m).get("allowedActions")).asList().contains("EVALUATE", "REQUEST_REVIEW");
		Map<?, ?> review = flow.actAsPetitioner(m, "REQUEST_REVIEW", Map.of("reason", "不服处理意见"), 200);
		assertThat(review.get("status")).isEqualTo("UNDER_REVIEW");
		assertThat(deadline(flow.matter(head, m.id()), "REVIEW_DECISION").get("state")).isEqualTo("PENDING");
	}

	@Test
	void hearingDaysAreNotCountedInTheRereviewAndPushItsDecisionDeadlineOn() {
		StaffPrincipal reviewer = fixtures.user(bureau, Role.REVIEWER);
		StaffPrincipal rereviewer = fixtures.user(commission, Role.REVIEWER);
		clock.travelTo(LocalDate.of(2026, 5, 11));
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, null);
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, m.id(), "ACCEPT", null);
		flow.act(head, m.id(), "ASSIGN_HANDLER", Map.of("username", handler.username()));
		flow.act(handler, m.id(), "DRAFT_REPLY", Map.of("outcome", "NOT_SUPPORTED", "text", "诉求缺乏依据。"));
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		flow.act(handler, m.id(), "DELIVER", Map.of("method", "POST", "deliveredOn", "2026-05-11"));
		flow.actAsPetitioner(m, "REQUEST_REVIEW", Map.of("reason", "不服"), 200);
		flow.act(reviewer, m.id(), "DECIDE_REVIEW", Map.of("outcome", "UPHOLD", "text", "维持"));
		clock.travelTo(LocalDate.of(2026, 6, 1));
		flow.actAsPetitioner(m, "REQUEST_REREVIEW", Map.of("reason", "仍不服"), 200);
		// Mon Jun 1 + 30 days = Wed Jul 1
		assertThat(due(flow.matter(rereviewer, m.id()), "REREVIEW_DECISION")).isEqualTo("2026-07-01");
		assertThat(flow.matter(rereviewer, m.id()).get("allowedActions")).isEqualTo(List.of("RECORD_HEARING",
				"DECIDE_REREVIEW"));

		clock.travelTo(LocalDate.of(2026, 6, 15));
		Map<String, Object> hearing = Map.of("heldFrom", "2026-06-10", "heldTo", "2026-06-12", "note", "公开听证");
		// only the body deciding the re-review holds its hearing
		flow.act(reviewer, m.id(), "RECORD_HEARING", hearing, 403);
		assertThat(field(flow.act(rereviewer, m.id(), "RECORD_HEARING",
				Map.of("heldFrom", "2026-06-12", "heldTo", "2026-06-10"), 400))).isEqualTo("heldTo");
		assertThat(field(flow.act(rereviewer, m.id(), "RECORD_HEARING",
				Map.of("heldFrom", "2026-06-14", "heldTo", "2026-06-16"), 400))).isEqualTo("heldTo");
		assertThat(field(flow.act(rereviewer, m.id(), "RECORD_HEARING",
				Map.of("heldFrom", "2026-05-29", "heldTo", "2026-06-02"), 400))).isEqualTo("heldFrom");
		assertThat(field(flow.act(rereviewer, m.id(), "RECORD_HEARING", Map.of("heldTo", "2026-06-02"), 400)))
			.isEqualTo("heldFrom");

		Map<?, ?> heard = flow.act(rereviewer, m.id(), "RECORD_HEARING", hearing);
		assertThat(heard.get("status")).isEqualTo("UNDER_REREVIEW");
		// 3 days (Jun 10–12 inclusive) not counted: Jul 1 + 3 = Sat Jul 4 → Mon Jul 6
		assertThat(due(heard, "REREVIEW_DECISION")).isEqualTo("2026-07-06");
		// a day is never taken out twice
		assertThat(field(flow.act(rereviewer, m.id(), "RECORD_HEARING",
				Map.of("heldFrom", "2026-06-12", "heldTo", "2026-06-13"), 400))).isEqualTo("heldFrom");
		assertThat(timelineTypes(m.id())).containsOnlyOnce("RECORD_HEARING");
		assertThat(auditTrail.forEntity("matter", m.id())).filteredOn(e -> e.action().equals("MATTER_RECORD_HEARING"))
			.singleElement()
			.satisfies(e -> assertThat(e.details()).contains("2026-06-10", "2026-06-12", "2026-07-06"));

		// the moved deadline is the one the overdue job watches
		clock.travelTo(LocalDate.of(2026, 7, 6));
		overdueNotices.noticeOverdue();
		assertThat(overdueEvents(m.id())).isZero();
		clock.travelTo(LocalDate.of(2026, 7, 7));
		overdueNotices.noticeOverdue();
		assertThat(overdueEvents(m.id())).isEqualTo(1);

		flow.act(rereviewer, m.id(), "DECIDE_REREVIEW", Map.of("outcome", "UPHOLD", "text", "维持复查意见"));
		Map<?, ?> refused = flow.act(rereviewer, m.id(), "RECORD_HEARING", hearing, 409);
		assertThat(refused.get("type")).isEqualTo("https://xinfang.org/problems/action-not-allowed");
	}

	private static String field(Map<?, ?> problem) {
		return (String) ((Map<?, ?>) list(problem.get("errors")).get(0)).get("field");
	}

	private Map<?, ?> deadline(Map<?, ?> matter, String rule) {
		return list(matter.get("deadlines")).stream()
			.map(d -> (Map<?, ?>) d)
			.filter(d -> rule.equals(d.get("rule")))
			.findFirst()
			.orElseThrow();
	}

	private List<String> timelineTypes(long id) {
		return jdbc.sql("SELECT type FROM matter_event WHERE matter_id = :id ORDER BY id")
			.param("id", id)
			.query(String.class)
			.list();
	}

	private void calendarAdmin(StaffPrincipal admin, String uri, Map<String, Object> body) {
		http.put().uri(uri)
			.headers(h -> h.setBasicAuth(admin.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isOk();
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
