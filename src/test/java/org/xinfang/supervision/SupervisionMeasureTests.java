package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.handling.TimeTravel;
import org.xinfang.notification.Notifications;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.supervision.MeasureProposalConfirmed.Measure;
import org.xinfang.supervision.internal.SpecialAssignmentReminders;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * Supervision measures (issue #6 items 3 and 4a, DOMAIN §6): special assignments with their 5 / 15 / 30
 * working-day steps and one reminder per overdue step, reminders by SMS or formal letter, flagged supervision
 * through its five steps, and the measures a confirmed bulletin proposal opens. All aimed at units and their
 * officials, never at petitioners.
 */
@XinfangTest
@Import(TimeTravel.class)
class SupervisionMeasureTests {

	/** A Monday in March 2026, for which the holiday calendar is shipped. */
	static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

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
	Notifications notifications;

	@Autowired
	SpecialAssignmentReminders stepReminders;

	@Autowired
	Reminders reminders;

	@Autowired
	Flags flags;

	@Autowired
	SpecialAssignments assignments;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	Unit bureau;

	Unit hospital;

	Unit quietHospital;

	StaffPrincipal supervisor;

	StaffPrincipal head;

	StaffPrincipal leader;

	StaffPrincipal hospitalHandler;

	StaffPrincipal outsideSupervisor;

	long matter;

	String trackingCode;

	@BeforeEach
	void fixture() {
		clock.travelTo(MONDAY);
		Unit commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		hospital = fixtures.hospitalUnder(bureau);
		quietHospital = fixtures.hospitalUnder(bureau);
		Unit otherBureau = fixtures.bureauUnder(commission);
		supervisor = fixtures.user(bureau, Role.SUPERVISOR);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		leader = fixtures.user(hospital, Role.LEADER);
		hospitalHandler = fixtures.user(hospital, Role.HANDLER);
		fixtures.user(quietHospital, Role.UNIT_HEAD); // no phone: cannot be texted
		phone(head, "13800000011");
		phone(leader, "13800000012");
		outsideSupervisor = fixtures.user(otherBureau, Role.SUPERVISOR);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		matter = register(registrar, hospital);
		trackingCode = jdbc.sql("SELECT tracking_code FROM matter WHERE id = :id").param("id", matter)
			.query(String.class).single();
	}

	// ------------------------------------------------------------------ special assignments

	@Test
	void assignmentStepsAreDueIn5And15And30WorkingDaysAndEachOverdueStepIsRemindedOnce() throws IOException {
		Map<String, Object> a = call(supervisor, HttpMethod.POST, "/api/v1/special-assignments",
				assignment(hospital, List.of(matter)), 201);
		long id = id(a);
		assertThat(a.get("status")).isEqualTo("OPEN");
		assertThat(a.get("number").toString()).contains("督交〔2026〕");
		// 5 working days from Monday 2 March: 9 March; 15: 23 March; 30: 14 April (Qingming, 4-6 April, skipped)
		assertThat(steps(a)).extracting(s -> s.get("dueOn"))
			.containsExactly("2026-03-09", "2026-03-23", "2026-04-14");
		assertThat(steps(a)).extracting(s -> s.get("state")).containsExactly("DUE", "DUE", "DUE");
		assertThat(audit("special_assignment", id, "SPECIAL_ASSIGNMENT_ISSUED")).hasSize(1);

		String notice = pdfText(supervisor, "/api/v1/special-assignments/" + id + "/notice.pdf");
		assertThat(notice).contains("专项交办单", a.get("number").toString(), hospital.name(), bureau.name(),
				"核查医院收费问题", trackingCode, "2026年3月9日", "2026年3月23日", "2026年4月14日", "2026年3月2日");

		// the due day itself is not overdue
		clock.travelTo(LocalDate.of(2026, 3, 9));
		assertThat(raisedFor(id)).isEmpty();

		// the day after: the measures are overdue, one reminder texted to the hospital's head and leader
		clock.travelTo(LocalDate.of(2026, 3, 10));
		List<Reminders.Reminder> raised = raisedFor(id);
		assertThat(raised).hasSize(1);
		Reminders.Reminder reminder = raised.get(0);
		assertThat(reminder.kind()).isEqualTo(Reminders.Kind.GENERAL);
		assertThat(reminder.assignmentStep()).isEqualTo("MEASURES");
		assertThat(reminder.recipients()).containsExactlyInAnyOrder(head.username(), leader.username());
		assertThat(notifications.find("reminder-" + reminder.id() + "-" + head.username() + "-sms"))
			.hasValueSatisfying(n -> {
				assertThat(n.recipient()).isEqualTo("13800000011");
				assertThat(n.body()).contains(hospital.name()).contains("工作措施").contains("2026年3月9日");
			});
		assertThat(raisedFor(id)).isEmpty();
		assertThat(call(supervisor, HttpMethod.GET, "/api/v1/special-assignments/" + id, null, 200))
			.satisfies(x -> assertThat(steps(x).get(0)).containsEntry("state", "OVERDUE").containsEntry("reminded", true));

		// steps in order, each once; the late one is shown late
		assertThat(type(call(head, HttpMethod.POST, step(id, "PROGRESS"), Map.of("report", "进展"), 409)))
			.endsWith("step-out-of-order");
		call(supervisor, HttpMethod.POST, step(id, "MEASURES"), Map.of("report", "措施"), 403);
		assertThat(fields(call(head, HttpMethod.POST, step(id, "MEASURES"), Map.of("report", " "), 400)))
			.containsExactly("report");
		Map<String, Object> measures = call(head, HttpMethod.POST, step(id, "MEASURES"),
				Map.of("report", "成立专班，逐项核查收费。"), 200);
		assertThat(steps(measures).get(0)).containsEntry("state", "REPORTED_LATE").containsEntry("reportedBy", head.username());
		assertThat(type(call(leader, HttpMethod.POST, step(id, "MEASURES"), Map.of("report", "再报"), 409)))
			.endsWith("step-reported");
		assertThat(type(call(supervisor, HttpMethod.POST, "/api/v1/special-assignments/" + id + "/close", Map.of(), 409)))
			.endsWith("illegal-transition");

		clock.travelTo(LocalDate.of(2026, 3, 20));
		Map<String, Object> progress = call(hospitalHandler, HttpMethod.POST, step(id, "PROGRESS"),
				Map.of("report", "已退还多收费用。"), 200);
		assertThat(steps(progress).get(1)).containsEntry("state", "REPORTED");

		// the result passes its due date: one reminder for that step, none again
		clock.travelTo(LocalDate.of(2026, 4, 15));
		assertThat(raisedFor(id)).extracting(Reminders.Reminder::assignmentStep).containsExactly("RESULT");
		assertThat(raisedFor(id)).isEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM reminder WHERE assignment_id = :id").param("id", id)
			.query(Long.class).single()).isEqualTo(2);

		Map<String, Object> result = call(head, HttpMethod.POST, step(id, "RESULT"), Map.of("report", "已办结。"), 200);
		assertThat(result.get("status")).isEqualTo("RESULT_REPORTED");
		call(head, HttpMethod.POST, "/api/v1/special-assignments/" + id + "/close", Map.of(), 403);
		Map<String, Object> closed = call(supervisor, HttpMethod.POST, "/api/v1/special-assignments/" + id + "/close",
				Map.of("note", "办理到位。"), 200);
		assertThat(closed.get("status")).isEqualTo("CLOSED");
		assertThat(type(call(supervisor, HttpMethod.POST, "/api/v1/special-assignments/" + id + "/close", Map.of(), 409)))
			.endsWith("illegal-transition");
		assertThat(type(call(head, HttpMethod.POST, step(id, "RESULT"), Map.of("report", "x"), 409)))
			.endsWith("illegal-transition");
		assertThat(audit("special_assignment", id, "SPECIAL_ASSIGNMENT_STEP_REPORTED")).hasSize(3);
		assertThat(audit("special_assignment", id, "SPECIAL_ASSIGNMENT_CLOSED")).hasSize(1);
		// a closed assignment raises nothing more
		clock.travelTo(LocalDate.of(2026, 5, 15));
		assertThat(raisedFor(id)).isEmpty();
	}

	@Test
	void assignmentsAreIssuedBySupervisorsWithinTheirSubtreeAndHiddenOutsideIt() {
		call(head, HttpMethod.POST, "/api/v1/special-assignments", assignment(hospital, List.of()), 403);
		assertThat(fields(call(supervisor, HttpMethod.POST, "/api/v1/special-assignments",
				Map.of("unitCode", "NO-SUCH-UNIT", "matterIds", List.of(-1)), 400)))
			.containsExactlyInAnyOrder("unitCode", "topic", "matterIds");
		// the other bureau's supervisor cannot aim at this hospital, nor see what was assigned to it
		assertThat(fields(call(outsideSupervisor, HttpMethod.POST, "/api/v1/special-assignments",
				assignment(hospital, List.of()), 400))).containsExactly("unitCode");
		long id = id(call(supervisor, HttpMethod.POST, "/api/v1/special-assignments", assignment(hospital, List.of()), 201));
		call(outsideSupervisor, HttpMethod.GET, "/api/v1/special-assignments/" + id, null, 404);
		call(outsideSupervisor, HttpMethod.GET, "/api/v1/special-assignments/" + id + "/notice.pdf", null, 404);
		call(outsideSupervisor, HttpMethod.GET, "/api/v1/special-assignments?unit=" + hospital.code(), null, 404);
		assertThat(list(outsideSupervisor, "/api/v1/special-assignments")).noneMatch(x -> id(x) == id);
		assertThat(list(supervisor, "/api/v1/special-assignments?unit=" + bureau.code())).anyMatch(x -> id(x) == id);
		assertThat(list(head, "/api/v1/special-assignments")).anyMatch(x -> id(x) == id);
		assertThat(assignments.assignedIn(bureau.id(), MONDAY, MONDAY)).anyMatch(x -> x.id() == id);
	}

	@Test
	void aResultDueInAYearWithoutHolidayDataStaysPendingUntilTheYearIsEntered() {
		// 30 working days from 10 December 2026 reach 2027, for which no holiday data is shipped
		clock.travelTo(LocalDate.of(2026, 12, 10));
		Map<String, Object> a = call(supervisor, HttpMethod.POST, "/api/v1/special-assignments",
				assignment(hospital, List.of()), 201);
		assertThat(steps(a)).extracting(s -> s.get("state")).containsExactly("DUE", "DUE", "PENDING");
		assertThat(steps(a)).extracting(s -> s.get("dueOn")).containsExactly("2026-12-17", "2026-12-31", null);
		assertThat(steps(a).get(2).get("dueOn")).isNull();
		clock.travelTo(LocalDate.of(2026, 12, 31));
		assertThat(raisedFor(id(a))).extracting(Reminders.Reminder::assignmentStep).containsExactly("MEASURES");

		// the administrator enters 2027 (New Year's Day holiday 1–3 January): the job settles the date, once
		StaffPrincipal admin = fixtures.user(fixtures.commission(), Role.ADMIN);
		try {
			for (String day : List.of("2027-01-01", "2027-01-02", "2027-01-03")) {
				calendarAdmin(admin, "/api/v1/calendar/days/" + day, Map.of("kind", "HOLIDAY", "nameZh", "元旦"));
			}
			calendarAdmin(admin, "/api/v1/calendar/years/2027", Map.of("complete", true, "note", "test"));
			raisedFor(id(a));
			raisedFor(id(a));
			Map<String, Object> settled = call(supervisor, HttpMethod.GET, "/api/v1/special-assignments/" + id(a), null, 200);
			assertThat(steps(settled).get(2)).containsEntry("dueOn", "2027-01-22").containsEntry("state", "DUE");
			assertThat(audit("special_assignment", id(a), "SPECIAL_ASSIGNMENT_DUE_SETTLED")).hasSize(1);
		}
		finally {
			calendarAdmin(admin, "/api/v1/calendar/years/2027", Map.of("complete", false));
			for (String day : List.of("2027-01-01", "2027-01-02", "2027-01-03")) {
				http.delete().uri("/api/v1/calendar/days/" + day)
					.headers(h -> h.setBasicAuth(admin.username(), Fixtures.PASSWORD))
					.exchange()
					.expectStatus().isNoContent();
			}
		}
	}

	private void calendarAdmin(StaffPrincipal admin, String uri, Map<String, Object> body) {
		http.put().uri(uri)
			.headers(h -> h.setBasicAuth(admin.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isOk();
	}

	// ------------------------------------------------------------------ reminders

	@Test
	void aGeneralReminderIsTextedToTheUnitsOfficialsAndAnImportantOneIsANumberedLetter() throws IOException {
		call(hospitalHandler, HttpMethod.POST, "/api/v1/reminders", reminder(hospital, "GENERAL", null), 403);
		assertThat(fields(call(supervisor, HttpMethod.POST, "/api/v1/reminders", Map.of("kind", "LOUD"), 400)))
			.containsExactlyInAnyOrder("unitCode", "kind", "reason");
		assertThat(type(call(supervisor, HttpMethod.POST, "/api/v1/reminders", reminder(quietHospital, "GENERAL", null), 422)))
			.endsWith("no-sms-recipient");

		Map<String, Object> general = call(supervisor, HttpMethod.POST, "/api/v1/reminders",
				reminder(hospital, "GENERAL", null), 201);
		long generalId = id(general);
		assertThat(general.get("number")).isNull();
		assertThat((List<Object>) general.get("recipients")).containsExactlyInAnyOrder(head.username(), leader.username());
		assertThat(notifications.find("reminder-" + generalId + "-" + leader.username() + "-sms"))
			.hasValueSatisfying(n -> {
				assertThat(n.channel().name()).isEqualTo("SMS");
				assertThat(n.recipient()).isEqualTo("13800000012");
				assertThat(n.body()).contains(bureau.name(), hospital.name(), trackingCode, "超期未答复");
			});
		call(supervisor, HttpMethod.GET, "/api/v1/reminders/" + generalId + "/letter.pdf", null, 404);

		Map<String, Object> important = call(supervisor, HttpMethod.POST, "/api/v1/reminders",
				reminder(hospital, "IMPORTANT", "2026-03-20"), 201);
		long importantId = id(important);
		assertThat(important.get("number").toString()).contains("督提〔2026〕");
		assertThat(important.get("respondBy")).isEqualTo("2026-03-20");
		assertThat((List<?>) important.get("recipients")).isEmpty();
		String letter = pdfText(supervisor, "/api/v1/reminders/" + importantId + "/letter.pdf");
		assertThat(letter).contains("督办提醒函", important.get("number").toString(), hospital.name(), bureau.name(),
				trackingCode, "超期未答复", "2026年3月20日");
		// without a date: 10 working days by the rule REMINDER_RESPONSE
		assertThat(call(supervisor, HttpMethod.POST, "/api/v1/reminders", reminder(hospital, "IMPORTANT", null), 201)
			.get("respondBy")).isEqualTo("2026-03-16");
		assertThat(fields(call(supervisor, HttpMethod.POST, "/api/v1/reminders",
				reminder(hospital, "IMPORTANT", "2026-03-01"), 400))).containsExactly("respondBy");

		// the unit acknowledges and responds, each once; the supervisor does not answer for it
		String path = "/api/v1/reminders/" + importantId;
		call(supervisor, HttpMethod.POST, path + "/acknowledge", null, 403);
		assertThat(call(head, HttpMethod.POST, path + "/acknowledge", null, 200).get("status")).isEqualTo("ACKNOWLEDGED");
		assertThat(type(call(head, HttpMethod.POST, path + "/acknowledge", null, 409))).endsWith("illegal-transition");
		assertThat(fields(call(head, HttpMethod.POST, path + "/response", Map.of("response", ""), 400))).containsExactly("response");
		Map<String, Object> responded = call(leader, HttpMethod.POST, path + "/response", Map.of("response", "已于3月12日书面答复信访人。"), 200);
		assertThat(responded).containsEntry("status", "RESPONDED").containsEntry("respondedBy", leader.username());
		assertThat(type(call(head, HttpMethod.POST, path + "/response", Map.of("response", "again"), 409))).endsWith("illegal-transition");
		assertThat(audit("reminder", importantId, "REMINDER_ISSUED")).hasSize(1);
		assertThat(audit("reminder", importantId, "REMINDER_ACKNOWLEDGED")).hasSize(1);
		assertThat(audit("reminder", importantId, "REMINDER_RESPONDED")).hasSize(1);

		// an important reminder not answered after its date is overdue
		clock.travelTo(LocalDate.of(2026, 3, 17));
		List<?> all = list(supervisor, "/api/v1/reminders?unit=" + bureau.code() + "&from=2026-03-01&to=2026-03-31");
		assertThat(all).hasSize(3);
		assertThat(all).filteredOn(x -> "IMPORTANT".equals(map(x).get("kind")) && id(x) != importantId)
			.singleElement().satisfies(x -> assertThat(map(x)).containsEntry("overdue", true));
		assertThat(reminders.countByUnit(bureau.id(), null, null)).singleElement()
			.satisfies(c -> assertThat(c.count()).isEqualTo(3));

		// scope: the other bureau neither reads nor lists them
		call(outsideSupervisor, HttpMethod.GET, path, null, 404);
		call(outsideSupervisor, HttpMethod.GET, path + "/letter.pdf", null, 404);
		call(outsideSupervisor, HttpMethod.GET, "/api/v1/reminders?unit=" + hospital.code(), null, 404);
		assertThat(list(outsideSupervisor, "/api/v1/reminders")).isEmpty();
	}

	// ------------------------------------------------------------------ flags

	@Test
	void aFlagGoesThroughItsFiveStepsAndRefusesEveryOtherMove() throws IOException {
		assertThat(fields(call(supervisor, HttpMethod.POST, "/api/v1/flags",
				Map.of("unitCode", hospital.code(), "ground", "SERIOUS_IMPACT", "reason", "影响重大"), 400)))
			.containsExactly("matterId");
		assertThat(type(call(supervisor, HttpMethod.POST, "/api/v1/flags",
				Map.of("unitCode", hospital.code(), "ground", "REMINDED_TWICE", "reason", "连续两次被提醒"), 422)))
			.endsWith("not-reminded-twice");
		call(head, HttpMethod.POST, "/api/v1/flags", flag(), 403);

		Map<String, Object> filed = call(supervisor, HttpMethod.POST, "/api/v1/flags", flag(), 201);
		long id = id(filed);
		String path = "/api/v1/flags/" + id;
		assertThat(filed).containsEntry("status", "FILED");
		assertThat(map(filed.get("matter"))).containsEntry("trackingCode", trackingCode);
		call(supervisor, HttpMethod.GET, path + "/notice.pdf", null, 404);

		// out of order: 409 illegal-transition
		assertThat(type(call(head, HttpMethod.POST, path + "/resolution", Map.of("report", "已化解"), 409))).endsWith("illegal-transition");
		assertThat(type(call(supervisor, HttpMethod.POST, path + "/acceptance", Map.of("passed", true, "note", "合格"), 409))).endsWith("illegal-transition");
		assertThat(type(call(supervisor, HttpMethod.POST, path + "/unflag", Map.of("note", "摘牌"), 409))).endsWith("illegal-transition");

		call(head, HttpMethod.POST, path + "/notice", Map.of("deadline", "2026-04-30", "note", "限期化解"), 403);
		assertThat(fields(call(supervisor, HttpMethod.POST, path + "/notice", Map.of("deadline", "2026-03-01", "note", "限期化解"), 400)))
			.containsExactly("deadline");
		Map<String, Object> noticed = call(supervisor, HttpMethod.POST, path + "/notice",
				Map.of("deadline", "2026-03-31", "note", "限期化解，逐户回访。"), 200);
		assertThat(noticed).containsEntry("status", "NOTICE_ISSUED").containsEntry("deadline", "2026-03-31");
		assertThat(noticed.get("number").toString()).contains("督挂〔2026〕");
		assertThat(type(call(supervisor, HttpMethod.POST, path + "/notice", Map.of("deadline", "2026-04-30", "note", "再发"), 409)))
			.endsWith("illegal-transition");
		String notice = pdfText(supervisor, path + "/notice.pdf");
		assertThat(notice).contains("挂牌督办通知书", noticed.get("number").toString(), hospital.name(), bureau.name(),
				"群众反映强烈", trackingCode, "限期化解，逐户回访。", "2026年3月31日");

		// resolution, a failed check back to the resolution, then passed, then unflagged
		call(supervisor, HttpMethod.POST, path + "/resolution", Map.of("report", "已化解"), 403);
		assertThat(call(head, HttpMethod.POST, path + "/resolution", Map.of("report", "已退费并道歉。"), 200).get("status"))
			.isEqualTo("RESOLUTION_REPORTED");
		assertThat(fields(call(supervisor, HttpMethod.POST, path + "/acceptance", Map.of("note", "x"), 400))).containsExactly("passed");
		assertThat(call(supervisor, HttpMethod.POST, path + "/acceptance", Map.of("passed", false, "note", "回访不满意"), 200)
			.get("status")).isEqualTo("NOTICE_ISSUED");
		// past the deadline and not yet accepted: overdue
		clock.travelTo(LocalDate.of(2026, 4, 1));
		assertThat(call(supervisor, HttpMethod.GET, path, null, 200).get("overdue")).isEqualTo(true);
		call(leader, HttpMethod.POST, path + "/resolution", Map.of("report", "再次回访，群众满意。"), 200);
		call(supervisor, HttpMethod.POST, path + "/acceptance", Map.of("passed", true, "note", "验收合格"), 200);
		Map<String, Object> accepted = call(supervisor, HttpMethod.GET, path, null, 200);
		assertThat(accepted).containsEntry("status", "ACCEPTED").containsEntry("overdue", false);
		Map<String, Object> unflagged = call(supervisor, HttpMethod.POST, path + "/unflag", Map.of("note", "摘牌销号"), 200);
		assertThat(unflagged).containsEntry("status", "UNFLAGGED").containsEntry("unflaggedOn", "2026-04-01");
		assertThat(((List<?>) unflagged.get("steps")).stream().map(s -> map(s).get("step")).toList()).containsExactly("FILED",
				"NOTICE_ISSUED", "RESOLUTION_REPORTED", "ACCEPTANCE_FAILED", "RESOLUTION_REPORTED", "ACCEPTANCE_PASSED",
				"UNFLAGGED");
		assertThat(map(((List<?>) unflagged.get("steps")).get(3))).containsEntry("actor", supervisor.username())
			.containsEntry("note", "回访不满意");
		assertThat(type(call(supervisor, HttpMethod.POST, path + "/unflag", Map.of("note", "again"), 409))).endsWith("illegal-transition");
		assertThat(audit("flag", id, "FLAG_ACCEPTANCE_FAILED")).hasSize(1);
		assertThat(audit("flag", id, "FLAG_UNFLAGGED")).hasSize(1);

		call(outsideSupervisor, HttpMethod.GET, path, null, 404);
		call(outsideSupervisor, HttpMethod.POST, path + "/unflag", Map.of("note", "x"), 404);
		assertThat(list(outsideSupervisor, "/api/v1/flags")).noneMatch(x -> id(x) == id);
		assertThat(list(supervisor, "/api/v1/flags?unit=" + hospital.code())).anyMatch(x -> id(x) == id);
	}

	@Test
	void aUnitRemindedTwiceMayBeFlaggedOnThatGround() {
		call(supervisor, HttpMethod.POST, "/api/v1/reminders", reminder(hospital, "GENERAL", null), 201);
		call(supervisor, HttpMethod.POST, "/api/v1/reminders", reminder(hospital, "IMPORTANT", null), 201);
		Map<String, Object> filed = call(supervisor, HttpMethod.POST, "/api/v1/flags",
				Map.of("unitCode", hospital.code(), "ground", "REMINDED_TWICE", "reason", "连续两次被提醒"), 201);
		assertThat(filed).containsEntry("ground", "REMINDED_TWICE");
		assertThat(filed.get("matter")).isNull();
		assertThat(flags.openByUnit(bureau.id())).singleElement().satisfies(c -> {
			assertThat(c.unit().code()).isEqualTo(hospital.code());
			assertThat(c.count()).isEqualTo(1);
		});
	}

	// ------------------------------------------------------------------ the bulletin proposals

	@Test
	void aConfirmedProposalOpensAnImportantReminderOrAFlagInTheSameTransaction() {
		tx.executeWithoutResult(s -> {
			events.publishEvent(new MeasureProposalConfirmed(9001, hospital.id(), hospital.code(), Measure.REMINDER,
					"连续两期月度通报排名后三位", supervisor.username()));
			events.publishEvent(new MeasureProposalConfirmed(9002, hospital.id(), hospital.code(), Measure.FLAG,
					"连续两次被提醒", supervisor.username()));
			events.publishEvent(new MeasureProposalConfirmed(9003, hospital.id(), hospital.code(), Measure.INTERVIEW,
					"约谈", supervisor.username()));
		});
		List<Reminders.Reminder> opened = reminders.issuedIn(hospital.id(), null, null);
		assertThat(opened).singleElement().satisfies(r -> {
			assertThat(r.kind()).isEqualTo(Reminders.Kind.IMPORTANT);
			assertThat(r.proposalId()).isEqualTo(9001L);
			assertThat(r.reason()).isEqualTo("连续两期月度通报排名后三位");
			assertThat(r.issuingUnit().code()).isEqualTo(bureau.code());
			assertThat(r.number()).contains("督提");
			assertThat(r.respondBy()).isEqualTo(LocalDate.of(2026, 3, 16));
			assertThat(r.createdBy()).isEqualTo(supervisor.username());
		});
		assertThat(flags.filedIn(hospital.id(), MONDAY, MONDAY)).singleElement().satisfies(f -> {
			assertThat(f.ground()).isEqualTo(Flags.Ground.REMINDED_TWICE);
			assertThat(f.proposalId()).isEqualTo(9002L);
			assertThat(f.status()).isEqualTo(Flags.Status.FILED);
			assertThat(f.filedBy()).isEqualTo(supervisor.username());
		});

		// the measure is part of the confirming transaction: rolled back with it
		tx.executeWithoutResult(s -> {
			events.publishEvent(new MeasureProposalConfirmed(9004, quietHospital.id(), quietHospital.code(),
					Measure.REMINDER, "通报", supervisor.username()));
			s.setRollbackOnly();
		});
		assertThat(reminders.issuedIn(quietHospital.id(), null, null)).isEmpty();
	}

	// ------------------------------------------------------------------ pages

	@Test
	void pagesIssueAnswerAndShowTheMeasures() throws IOException {
		FormClient sup = new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD);
		FormClient unitHead = new FormClient(port).signIn(head.username(), Fixtures.PASSWORD);
		FormClient outside = new FormClient(port).signIn(outsideSupervisor.username(), Fixtures.PASSWORD);

		// a special assignment: refused without a topic (the form again, with the field named), then issued
		assertThat(sup.get("/staff/assignments").body()).contains("id=\"assign-form\"");
		var refused = sup.post("/staff/assignments", Map.of("unitCode", hospital.code(), "topic", ""));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("topic").contains("id=\"assign-form\"");
		var assigned = sup.post("/staff/assignments", Map.of("unitCode", hospital.code(), "topic", "核查收费问题",
				"requirements", "", "matterIds", String.valueOf(matter)));
		assertThat(assigned.statusCode()).isEqualTo(302);
		String location = assigned.headers().firstValue("Location").orElseThrow();
		String assignmentPath = location.substring(location.indexOf("/staff/assignments/"));
		assertThat(sup.get("/staff/assignments").body()).contains("核查收费问题");
		String detail = unitHead.get(assignmentPath).body();
		assertThat(detail).contains("id=\"report-form\"").contains(trackingCode).contains("2026-03-09");
		assertThat(unitHead.post(assignmentPath + "/steps/MEASURES", Map.of("report", "成立工作专班。")).statusCode())
			.isEqualTo(302);
		assertThat(sup.get(assignmentPath).body()).contains("成立工作专班。").contains("已报送");
		assertThat(outside.get(assignmentPath).statusCode()).isEqualTo(404);
		var pdf = sup.download(assignmentPath + "/notice.pdf");
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(text(pdf.body())).contains("专项交办单", "核查收费问题");

		// a reminder: the list counts the reminders per unit
		assertThat(sup.post("/staff/reminders", Map.of("unitCode", hospital.code(), "kind", "GENERAL", "reason", "请加快办理"))
			.statusCode()).isEqualTo(302);
		var important = sup.post("/staff/reminders", Map.of("unitCode", hospital.code(), "kind", "IMPORTANT",
				"reason", "逾期未报送", "matterIds", trackingCode.toLowerCase(java.util.Locale.ROOT), "respondBy", "2026-03-20"));
		assertThat(important.statusCode()).isEqualTo(302); // the matter named by its tracking code, as staff know it
		String reminderPath = important.headers().firstValue("Location").orElseThrow();
		reminderPath = reminderPath.substring(reminderPath.indexOf("/staff/reminders/"));
		String list = sup.get("/staff/reminders?unit=" + bureau.code()).body();
		assertThat(list).contains("id=\"count-" + hospital.code() + "\"");
		assertThat(list.replaceAll("\\s+", "")).contains("<tdclass=\"count\">2</td>");
		assertThat(unitHead.get(reminderPath).body()).contains("id=\"acknowledge-form\"").contains("id=\"letter-pdf\"")
			.contains(trackingCode);
		assertThat(unitHead.post(reminderPath + "/acknowledge", Map.of()).statusCode()).isEqualTo(302);
		assertThat(unitHead.post(reminderPath + "/acknowledge", Map.of()).statusCode()).isEqualTo(409);
		assertThat(unitHead.post(reminderPath + "/response", Map.of("response", "已整改。")).statusCode()).isEqualTo(302);
		assertThat(sup.get(reminderPath).body()).contains("已整改。").contains("已回复");
		assertThat(text(sup.download(reminderPath + "/letter.pdf").body())).contains("督办提醒函", "逾期未报送");

		// a flag through its steps
		var filed = sup.post("/staff/flags", Map.of("unitCode", hospital.code(), "ground", "SERIOUS_IMPACT",
				"matterId", String.valueOf(matter), "reason", "群众反映强烈"));
		assertThat(filed.statusCode()).isEqualTo(302);
		String flagPath = filed.headers().firstValue("Location").orElseThrow();
		flagPath = flagPath.substring(flagPath.indexOf("/staff/flags/"));
		assertThat(sup.get(flagPath).body()).contains("id=\"notice-form\"");
		assertThat(sup.post(flagPath + "/unflag", Map.of("note", "x")).statusCode()).isEqualTo(409);
		assertThat(sup.post(flagPath + "/notice", Map.of("deadline", "2026-03-31", "note", "限期化解")).statusCode())
			.isEqualTo(302);
		assertThat(unitHead.get(flagPath).body()).contains("id=\"resolution-form\"");
		assertThat(unitHead.post(flagPath + "/resolution", Map.of("report", "已化解")).statusCode()).isEqualTo(302);
		assertThat(sup.post(flagPath + "/acceptance", Map.of("passed", "true", "note", "合格")).statusCode()).isEqualTo(302);
		assertThat(sup.post(flagPath + "/unflag", Map.of("note", "销号")).statusCode()).isEqualTo(302);
		assertThat(sup.get(flagPath).body()).contains("已摘牌销号").contains("组织验收：合格");
		assertThat(sup.get("/staff/flags").body()).contains(hospital.name());
		assertThat(text(sup.download(flagPath + "/notice.pdf").body())).contains("挂牌督办通知书", "限期化解");
		assertThat(outside.get(flagPath).statusCode()).isEqualTo(404);
		assertThat(sup.get("/staff").body()).contains("href=\"/staff/assignments\"").contains("href=\"/staff/flags\"");
	}

	@Test
	void theOpenApiDocumentDescribesTheMeasures() {
		String doc = http.get().uri("/api/v1/openapi").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(doc).contains("/api/v1/special-assignments/{assignmentId}/steps/{step}",
				"/api/v1/reminders/{reminderId}/response", "/api/v1/flags/{flagId}/acceptance", "/api/v1/flags/{flagId}/unflag");
	}

	// ------------------------------------------------------------------ helpers

	private List<Reminders.Reminder> raisedFor(long assignmentId) {
		return stepReminders.remindOverdueSteps().stream().filter(r -> r.assignmentId() == assignmentId).toList();
	}

	private Map<String, Object> assignment(Unit unit, List<Long> matters) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unitCode", unit.code());
		body.put("topic", "核查医院收费问题");
		body.put("requirements", "逐项核查，举一反三。");
		body.put("matterIds", matters);
		return body;
	}

	private Map<String, Object> reminder(Unit unit, String kind, String respondBy) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unitCode", unit.code());
		body.put("kind", kind);
		body.put("reason", "信访事项超期未答复");
		body.put("matterIds", List.of(matter));
		body.put("respondBy", respondBy);
		return body;
	}

	private Map<String, Object> flag() {
		return Map.of("unitCode", hospital.code(), "ground", "SERIOUS_IMPACT", "matterId", matter, "reason", "群众反映强烈");
	}

	private static String step(long id, String step) {
		return "/api/v1/special-assignments/" + id + "/steps/" + step;
	}

	private void phone(StaffPrincipal user, String phone) {
		jdbc.sql("UPDATE app_user SET phone = :p WHERE username = :u").param("p", phone).param("u", user.username()).update();
	}

	private String pdfText(StaffPrincipal user, String uri) throws IOException {
		byte[] bytes = http.get().uri(uri).headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(MediaType.APPLICATION_PDF)
			.expectBody(byte[].class).returnResult().getResponseBody();
		return text(bytes);
	}

	private static String text(byte[] pdf) throws IOException {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			// lines wrap anywhere in Chinese text: compare without the line breaks
			return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
		}
	}

	private List<String> audit(String type, long id, String action) {
		return jdbc.sql("SELECT details FROM audit_entry WHERE action = :a AND entity_type = :t AND entity_id = :id ORDER BY seq")
			.param("a", action)
			.param("t", type)
			.param("id", String.valueOf(id))
			.query(String.class)
			.list();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> steps(Map<String, Object> assignment) {
		return (List<Map<String, Object>>) assignment.get("steps");
	}

	private static long id(Object json) {
		return ((Number) map(json).get("id")).longValue();
	}

	private static String type(Map<String, Object> problem) {
		return problem.get("type").toString();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object json) {
		return (Map<String, Object>) json;
	}

	private static List<Object> fields(Map<String, Object> problem) {
		return ((List<?>) problem.get("errors")).stream().map(e -> (Object) ((Map<?, ?>) e).get("field")).distinct().toList();
	}

	private List<?> list(StaffPrincipal user, String uri) {
		return call(user, HttpMethod.GET, uri, null, 200, List.class);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> call(StaffPrincipal user, HttpMethod method, String uri, Object body, int status) {
		return call(user, method, uri, body, status, Map.class);
	}

	private <T> T call(StaffPrincipal user, HttpMethod method, String uri, Object body, int status, Class<T> type) {
		var request = http.method(method).uri(uri).headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD));
		var spec = body == null ? request.exchange()
				: request.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
		return spec.expectStatus().isEqualTo(status).expectBody(type).returnResult().getResponseBody();
	}

	private long register(StaffPrincipal registrar, Unit concerned) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "LETTER");
		body.put("kind", "GRIEVANCE");
		body.put("title", "反映医院收费问题");
		body.put("content", "在医院就诊时被多收费用，请求核查。");
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", concerned.code());
		body.put("petitioners", List.of(Map.of("name", "王五")));
		body.put("receivedOn", "2026-03-02");
		Map<?, ?> answer = call(registrar, HttpMethod.POST, "/api/v1/matters", body, 201, Map.class);
		return ((Number) answer.get("id")).longValue();
	}
}
