package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xinfang.supervision.SupervisionCalls.fields;
import static org.xinfang.supervision.SupervisionCalls.id;
import static org.xinfang.supervision.SupervisionCalls.map;
import static org.xinfang.supervision.SupervisionCalls.type;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.handling.TimeTravel;
import org.xinfang.notification.Notifications;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.supervision.MeasureProposalConfirmed.Measure;
import org.xinfang.supervision.internal.InterviewReminders;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * Interviews (约谈, issue #6 item 4, DOMAIN §6): panel, interviewees and matters, the notice, the record, both
 * sides' signatures, the rectification report due 15 working days after the interview with one reminder when
 * overdue, the supervisor's acceptance; refused transitions, scope, the PDFs and the confirmed bulletin
 * proposal that opens an interview.
 */
@XinfangTest
@Import(TimeTravel.class)
class InterviewTests {

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

	@Autowired
	InterviewReminders reminders;

	@Autowired
	Notifications notifications;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	Interviews interviews;

	SupervisionCalls api;

	Unit bureau;

	Unit hospital;

	StaffPrincipal supervisor;

	StaffPrincipal leader;

	StaffPrincipal handler;

	StaffPrincipal head;

	StaffPrincipal deputy;

	StaffPrincipal outsideSupervisor;

	String trackingCode;

	@BeforeEach
	void fixture() {
		api = new SupervisionCalls(http, jdbc);
		clock.travelTo(LocalDate.of(2026, 3, 20));
		Unit commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		hospital = fixtures.hospitalUnder(bureau);
		Unit otherBureau = fixtures.bureauUnder(commission);
		supervisor = fixtures.user(bureau, Role.SUPERVISOR);
		leader = fixtures.user(bureau, Role.LEADER);
		handler = fixtures.user(bureau, Role.HANDLER);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		deputy = fixtures.user(hospital, Role.LEADER);
		jdbc.sql("UPDATE app_user SET phone = '13800000002' WHERE username = :u").param("u", head.username()).update();
		outsideSupervisor = fixtures.user(otherBureau, Role.SUPERVISOR);
		trackingCode = String.valueOf(api.register(fixtures.user(bureau, Role.REGISTRAR), hospital).get("trackingCode"));
	}

	@Test
	void interviewRunsFromPreparationToAcceptedRectificationWithOneOverdueReminder() {
		Map<String, Object> opened = api.call(supervisor, HttpMethod.POST, "/api/v1/interviews", opening(), 201);
		long id = id(opened);
		String uri = "/api/v1/interviews/" + id;
		assertThat(opened.get("status")).isEqualTo("PREPARING");
		assertThat(((List<?>) opened.get("interviewees"))).extracting(i -> map(i).get("post"))
			.containsExactly("PRINCIPAL", "DEPUTY");
		assertThat(((List<?>) opened.get("matters"))).extracting(m -> map(m).get("trackingCode")).containsExactly(trackingCode);
		assertThat(type(api.call(supervisor, HttpMethod.GET, uri + "/notice.pdf", null, 409))).contains("interview-status");

		Map<String, Object> notified = api.call(supervisor, HttpMethod.POST, uri + "/notify",
				Map.of("scheduledAt", "2026-03-25T09:30", "place", "县卫健局三楼会议室"), 200);
		assertThat(notified.get("status")).isEqualTo("NOTIFIED");
		assertThat(notified.get("notifiedOn")).isEqualTo("2026-03-20");
		String notice = api.pdfText(supervisor, uri + "/notice.pdf");
		assertThat(notice).contains("约谈通知书", hospital.name() + "：", "2026年3月25日9时30分", "县卫健局三楼会议室",
				"主要负责人测试用户", "分管负责人测试用户", trackingCode, "连续两个月按期办结率排名末位", "约〔2026〕" + id + "号");
		// no record before the interview is held; no report before it is signed
		assertThat(type(api.call(supervisor, HttpMethod.GET, uri + "/record.pdf", null, 409))).contains("interview-status");

		clock.travelTo(LocalDate.of(2026, 3, 25));
		Map<String, Object> held = api.call(supervisor, HttpMethod.POST, uri + "/hold",
				Map.of("minutes", "约谈组通报了有关事项办理超期情况，被约谈人作了说明。", "commitments", "十日内完成积案清理。"), 200);
		assertThat(held.get("status")).isEqualTo("HELD");
		assertThat(held.get("heldOn")).isEqualTo("2026-03-25");
		// 15 working days after Wednesday 25 March, the Qingming holiday (4 to 6 April) skipped
		assertThat(held.get("rectificationDue")).isEqualTo("2026-04-16");
		assertThat(held.get("dueMissingYear")).isNull();
		assertThat(type(api.call(head, HttpMethod.POST, uri + "/report", Map.of("report", "整改报告"), 409)))
			.contains("interview-status");

		// both sides sign: by themselves, or registered by the supervisor; nobody else, nobody twice
		api.call(handler, HttpMethod.POST, uri + "/signatures", Map.of(), 403);
		api.call(head, HttpMethod.POST, uri + "/signatures", Map.of(), 200);
		assertThat(type(api.call(head, HttpMethod.POST, uri + "/signatures", Map.of(), 409))).contains("interview-signed");
		api.call(head, HttpMethod.POST, uri + "/signatures", Map.of("username", deputy.username()), 403);
		api.call(supervisor, HttpMethod.POST, uri + "/signatures", Map.of("username", deputy.username()), 200);
		api.call(leader, HttpMethod.POST, uri + "/signatures", null, 200);
		Map<String, Object> signed = api.call(supervisor, HttpMethod.POST, uri + "/signatures", Map.of(), 200);
		assertThat(signed.get("status")).isEqualTo("SIGNED");
		assertThat((List<?>) signed.get("signatures")).hasSize(4);
		assertThat((List<?>) signed.get("unsigned")).isEmpty();
		String record = api.pdfText(supervisor, uri + "/record.pdf");
		assertThat(record).contains("约谈记录", "约谈组通报了有关事项办理超期情况", "十日内完成积案清理", "2026年4月16日前",
				"由" + supervisor.username() + "登记", "被约谈人签名：测试用户");

		// the due day itself is not overdue; the day after raises one reminder, once
		clock.travelTo(LocalDate.of(2026, 4, 16));
		assertThat(reminded(id)).isEmpty();
		assertThat(api.call(supervisor, HttpMethod.GET, uri, null, 200).get("overdue")).isEqualTo(false);
		clock.travelTo(LocalDate.of(2026, 4, 17));
		assertThat(reminded(id)).containsExactly(LocalDate.of(2026, 4, 16));
		assertThat(reminded(id)).isEmpty();
		assertThat(api.audit("interview", id, "INTERVIEW_REPORT_OVERDUE")).hasSize(1);
		assertThat(notifications.find("interview-" + id + "-report-overdue-" + head.username() + "-sms"))
			.hasValueSatisfying(n -> assertThat(n.body()).contains(hospital.name()).contains("2026-04-16"));
		Map<String, Object> overdue = api.call(head, HttpMethod.GET, uri, null, 200);
		assertThat(overdue.get("overdue")).isEqualTo(true);
		assertThat(overdue.get("remindedAt")).isNotNull();
		assertThat(interviews.tally(bureau.id(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 17)))
			.isEqualTo(new Interviews.Tally(1, 1, 1, 1));
		assertThat(interviews.tally(hospital.id(), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30), LocalDate.of(2026, 4, 16)))
			.isEqualTo(new Interviews.Tally(0, 0, 1, 0));
		List<?> listed = api.call(supervisor, HttpMethod.GET, "/api/v1/interviews?unit=" + bureau.code(), null, 200, List.class);
		assertThat(listed).anySatisfy(s -> assertThat(map(s)).containsEntry("id", (int) id).containsEntry("overdue", true));
		assertThat(api.call(supervisor, HttpMethod.GET, "/api/v1/interviews?unit=" + hospital.code() + "&from=2026-03-21",
				null, 200, List.class)).isEmpty();
		assertThat(api.call(supervisor, HttpMethod.GET, "/api/v1/interviews?unit=" + hospital.code()
				+ "&from=2026-03-20&to=2026-03-20", null, 200, List.class)).hasSize(1);

		// out of scope: not found
		api.call(outsideSupervisor, HttpMethod.GET, uri, null, 404);
		api.call(outsideSupervisor, HttpMethod.POST, uri + "/accept", Map.of(), 404);
		api.call(outsideSupervisor, HttpMethod.GET, "/api/v1/interviews?unit=" + bureau.code(), null, 404);

		// the unit files its report; the supervisor (not the unit itself) accepts and closes
		api.call(supervisor, HttpMethod.POST, uri + "/report", Map.of("report", "已完成整改"), 403);
		Map<String, Object> reported = api.call(head, HttpMethod.POST, uri + "/report",
				Map.of("report", "已完成积案清理，建立办理时限预警。"), 200);
		assertThat(reported.get("status")).isEqualTo("REPORTED");
		assertThat(reported.get("overdue")).isEqualTo(false);
		api.call(deputy, HttpMethod.POST, uri + "/accept", Map.of(), 403);
		assertThat(api.call(supervisor, HttpMethod.POST, uri + "/accept", Map.of("note", "整改到位"), 200).get("status"))
			.isEqualTo("CLOSED");
		assertThat(type(api.call(supervisor, HttpMethod.POST, uri + "/accept", Map.of(), 409))).contains("interview-status");
		assertThat(type(api.call(supervisor, HttpMethod.POST, uri + "/cancel", Map.of("reason", "x"), 409)))
			.contains("interview-status");

		for (String action : List.of("INTERVIEW_OPENED", "INTERVIEW_NOTIFIED", "INTERVIEW_HELD",
				"INTERVIEW_SIGNATURES_COMPLETE", "INTERVIEW_REPORT_FILED", "INTERVIEW_CLOSED")) {
			assertThat(api.audit("interview", id, action)).as(action).hasSize(1);
		}
		assertThat(api.audit("interview", id, "INTERVIEW_SIGNED")).hasSize(4);
		assertThat(api.audit("interview", id, "INTERVIEW_REPORT_FILED").get(0)).contains("true");
	}

	@Test
	void openingIsCheckedForRolesFieldsPanelAndInterviewees() {
		api.call(handler, HttpMethod.POST, "/api/v1/interviews", opening(), 403);
		assertThat(fields(api.call(supervisor, HttpMethod.POST, "/api/v1/interviews", Map.of(), 400)))
			.containsExactlyInAnyOrder("unitCode", "reason");
		Map<String, Object> outside = new LinkedHashMap<>(opening());
		outside.put("unitCode", outsideSupervisor.unitCode());
		assertThat(fields(api.call(supervisor, HttpMethod.POST, "/api/v1/interviews", outside, 400))).containsExactly("unitCode");

		Map<String, Object> bad = new LinkedHashMap<>(opening());
		bad.put("preparation", Map.of("panel", List.of(handler.username()),
				"interviewees", List.of(Map.of("username", outsideSupervisor.username(), "post", "PRINCIPAL"),
						Map.of("username", head.username(), "post", "CHAIR")),
				"matters", List.of("XF-NO-SUCH")));
		assertThat(fields(api.call(supervisor, HttpMethod.POST, "/api/v1/interviews", bad, 400)))
			.containsExactlyInAnyOrder("panel", "interviewees", "matters");
		assertThat(jdbc.sql("SELECT count(*) FROM interview i JOIN unit u ON u.id = i.unit_id WHERE u.code = :c")
			.param("c", hospital.code()).query(Long.class).single()).isZero();

		// an empty preparation opens, but cannot be notified until the panel and interviewees are named
		Map<String, Object> bare = new LinkedHashMap<>(opening());
		bare.remove("preparation");
		long id = id(api.call(leader, HttpMethod.POST, "/api/v1/interviews", bare, 201));
		String uri = "/api/v1/interviews/" + id;
		assertThat(fields(api.call(supervisor, HttpMethod.POST, uri + "/notify",
				Map.of("scheduledAt", "2026-03-19T09:00", "place", "会议室"), 400)))
			.containsExactlyInAnyOrder("scheduledAt", "panel", "interviewees");
		assertThat(type(api.call(supervisor, HttpMethod.POST, uri + "/hold", Map.of("minutes", "m", "commitments", "c"), 409)))
			.contains("interview-status");
		api.call(handler, HttpMethod.PUT, uri + "/preparation", opening().get("preparation"), 403);
		assertThat((List<?>) api.call(supervisor, HttpMethod.PUT, uri + "/preparation", opening().get("preparation"), 200)
			.get("panel")).hasSize(2);
		api.call(supervisor, HttpMethod.POST, uri + "/cancel", Map.of("reason", " "), 400);
		assertThat(api.call(supervisor, HttpMethod.POST, uri + "/cancel", Map.of("reason", "情况已变化"), 200).get("status"))
			.isEqualTo("CANCELLED");
		assertThat(type(api.call(supervisor, HttpMethod.POST, uri + "/notify",
				Map.of("scheduledAt", "2026-03-25T09:00", "place", "会议室"), 409))).contains("interview-status");
		assertThat(api.audit("interview", id, "INTERVIEW_CANCELLED")).hasSize(1);
	}

	@Test
	void aDueDateReachingAYearWithoutHolidayDataStaysOpenAndRaisesNoReminder() {
		clock.travelTo(LocalDate.of(2026, 12, 18));
		long id = id(api.call(supervisor, HttpMethod.POST, "/api/v1/interviews", opening(), 201));
		String uri = "/api/v1/interviews/" + id;
		api.call(supervisor, HttpMethod.POST, uri + "/notify", Map.of("scheduledAt", "2026-12-21T09:00", "place", "会议室"), 200);
		clock.travelTo(LocalDate.of(2026, 12, 21));
		Map<String, Object> held = api.call(supervisor, HttpMethod.POST, uri + "/hold",
				Map.of("minutes", "约谈情况", "commitments", "整改承诺"), 200);
		assertThat(held.get("rectificationDue")).isNull();
		assertThat(held.get("dueMissingYear")).isEqualTo(2027);
		assertThat(api.pdfText(supervisor, uri + "/record.pdf")).contains("待录入2027年节假日数据后确定具体日期");
		FormClient page = new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD);
		assertThat(page.get("/staff/interviews/" + id).body()).contains("id=\"due-missing\"").contains("2027");
		clock.travelTo(LocalDate.of(2027, 3, 1));
		assertThat(reminded(id)).isEmpty();
		assertThat(api.call(supervisor, HttpMethod.GET, uri, null, 200).get("overdue")).isEqualTo(false);
	}

	@Test
	void aConfirmedInterviewProposalOpensOneInterviewInPreparation() {
		long proposal = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
		for (Measure measure : List.of(Measure.REMINDER, Measure.FLAG, Measure.INTERVIEW, Measure.INTERVIEW)) {
			tx.executeWithoutResult(s -> events.publishEvent(new MeasureProposalConfirmed(proposal, hospital.id(),
					hospital.code(), measure, "连续两期常规通报排名后三位", supervisor.username())));
		}
		List<Map<String, Object>> rows = jdbc.sql("SELECT id, status, reason, issuing_unit_id FROM interview WHERE proposal_id = :p")
			.param("p", proposal).query().listOfRows();
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).containsEntry("status", "PREPARING").containsEntry("reason", "连续两期常规通报排名后三位")
			.containsEntry("issuing_unit_id", bureau.id());
		long id = ((Number) rows.get(0).get("id")).longValue();
		Map<String, Object> interview = api.call(supervisor, HttpMethod.GET, "/api/v1/interviews/" + id, null, 200);
		assertThat(interview.get("proposalId")).isEqualTo(proposal);
		assertThat(map(interview.get("unit")).get("code")).isEqualTo(hospital.code());
		assertThat(api.audit("interview", id, "INTERVIEW_OPENED")).hasSize(1);
		assertThat(jdbc.sql("SELECT count(*) FROM interview i JOIN unit u ON u.id = i.unit_id WHERE u.code = :c")
			.param("c", hospital.code()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void pagesOpenNotifyHoldSignAndShowTheInterview() {
		FormClient sup = new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD);
		assertThat(sup.get("/staff/interviews").body()).contains("id=\"open-form\"");
		var refused = sup.post("/staff/interviews", Map.of("unitCode", hospital.code(), "reason", "", "panel", "",
				"interviewees", "", "matters", ""));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("reason");
		var opened = sup.post("/staff/interviews", Map.of("unitCode", hospital.code(), "reason", "办理超期",
				"panel", supervisor.username() + " " + leader.username(),
				"interviewees", head.username() + ":PRINCIPAL, " + deputy.username() + ":DEPUTY", "matters", trackingCode));
		assertThat(opened.statusCode()).isEqualTo(302);
		String location = opened.headers().firstValue("Location").orElseThrow();
		String path = location.substring(location.indexOf("/staff/interviews/"));
		assertThat(sup.get(path).body()).contains("办理超期").contains(trackingCode).contains("id=\"notify-form\"");
		assertThat(sup.post(path + "/notify", Map.of("scheduledAt", "2026-03-25T09:30", "place", "三楼会议室")).statusCode())
			.isEqualTo(302);
		assertThat(sup.get(path).body()).contains("三楼会议室").contains("notice.pdf");
		clock.travelTo(LocalDate.of(2026, 3, 25));
		assertThat(sup.post(path + "/hold", Map.of("heldOn", "", "minutes", "约谈记录内容", "commitments", "整改承诺内容"))
			.statusCode()).isEqualTo(302);
		assertThat(sup.post(path + "/signatures", Map.of("username", head.username())).statusCode()).isEqualTo(302);
		String body = sup.get(path).body();
		assertThat(body).contains("2026-04-16").contains("约谈记录内容").contains("id=\"sign-form\"");
		assertThat(sup.download(path.replace("/staff/", "/api/v1/") + "/record.pdf").statusCode()).isEqualTo(200);
		// the interviewed unit sees it; another bureau does not
		assertThat(new FormClient(port).signIn(head.username(), Fixtures.PASSWORD).get(path).statusCode()).isEqualTo(200);
		assertThat(new FormClient(port).signIn(outsideSupervisor.username(), Fixtures.PASSWORD).get(path).statusCode())
			.isEqualTo(404);
		assertThat(sup.get("/staff/interviews?unit=" + bureau.code()).body()).contains(hospital.name());
	}

	private Map<String, Object> opening() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unitCode", hospital.code());
		body.put("reason", "连续两个月按期办结率排名末位");
		body.put("preparation", Map.of("panel", List.of(supervisor.username(), leader.username()),
				"interviewees", List.of(Map.of("username", deputy.username(), "post", "DEPUTY"),
						Map.of("username", head.username(), "post", "PRINCIPAL")),
				"matters", List.of(trackingCode)));
		return body;
	}

	private List<LocalDate> reminded(long id) {
		return reminders.remindOverdueReports().stream().filter(r -> r.interviewId() == id)
			.map(InterviewReminders.Reminder::dueOn).toList();
	}
}
