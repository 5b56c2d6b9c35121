package org.xinfang.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.handling.TimeTravel;
import org.xinfang.notification.Notifications;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.supervision.internal.KeyMatterReminders;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * Key matters and leader ownership (issue #6 item 2, DOMAIN §6): marking with validation and scope, the rank
 * suggested by the supervising level, weekly reports, and one reminder per missing week until closure.
 */
@XinfangTest
@Import(TimeTravel.class)
class KeyMatterTests {

	/** A Wednesday: the week of 2 March is under way, so the first week due is that of 9 March. */
	static final LocalDate MARKED = LocalDate.of(2026, 3, 4);

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
	KeyMatterReminders reminders;

	@Autowired
	Notifications notifications;

	Unit bureau;

	Unit hospital;

	StaffPrincipal supervisor;

	StaffPrincipal leader;

	StaffPrincipal teamMember;

	StaffPrincipal handler;

	StaffPrincipal outsideSupervisor;

	StaffPrincipal outsideLeader;

	long matter;

	@BeforeEach
	void fixture() {
		clock.travelTo(MARKED);
		Unit commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		hospital = fixtures.hospitalUnder(bureau);
		Unit otherBureau = fixtures.bureauUnder(commission);
		supervisor = fixtures.user(bureau, Role.SUPERVISOR);
		leader = fixtures.user(bureau, Role.LEADER);
		jdbc.sql("UPDATE app_user SET phone = '13800000001' WHERE username = :u").param("u", leader.username()).update();
		teamMember = fixtures.user(hospital, Role.HANDLER);
		handler = fixtures.user(bureau, Role.HANDLER);
		outsideSupervisor = fixtures.user(otherBureau, Role.SUPERVISOR);
		outsideLeader = fixtures.user(otherBureau, Role.LEADER);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		matter = register(registrar, hospital);
	}

	@Test
	void markingValidatesFieldsRolesAndScope() {
		Map<String, Object> bad = call(supervisor, HttpMethod.PUT, key(), Map.of("supervisingLevel", "TOWN"), 400);
		assertThat(fields(bad)).containsExactlyInAnyOrder("supervisingLevel", "leaderUsername", "plan");

		// the leader must hold LEADER and belong to a unit that can see the matter; team members must exist
		assertThat(fields(call(supervisor, HttpMethod.PUT, key(), marking("PROVINCE", handler.username(), null), 400)))
			.containsExactly("leaderUsername");
		assertThat(fields(call(supervisor, HttpMethod.PUT, key(), marking("PROVINCE", outsideLeader.username(), null), 400)))
			.containsExactly("leaderUsername");
		Map<String, Object> badTeam = new LinkedHashMap<>(marking("PROVINCE", leader.username(), null));
		badTeam.put("team", List.of("nobody-such-user"));
		badTeam.put("leaderRank", "BOSS");
		assertThat(fields(call(supervisor, HttpMethod.PUT, key(), badTeam, 400)))
			.containsExactlyInAnyOrder("team", "leaderRank");

		// a handler may see the matter but not mark it; a supervisor of another bureau does not see it at all
		call(handler, HttpMethod.PUT, key(), marking("PROVINCE", leader.username(), null), 403);
		call(outsideSupervisor, HttpMethod.PUT, key(), marking("PROVINCE", leader.username(), null), 404);
		call(supervisor, HttpMethod.GET, key(), null, 404);
		assertThat(count("SELECT count(*) FROM key_matter WHERE matter_id = :id")).isZero();

		Map<String, Object> marked = call(supervisor, HttpMethod.PUT, key(), marking("PROVINCE", leader.username(), null), 200);
		assertThat(marked.get("leader")).isEqualTo(Map.of("username", leader.username(), "displayName", "测试用户"));
		assertThat(marked.get("team")).isEqualTo(List.of(Map.of("username", teamMember.username(), "displayName", "测试用户")));
		assertThat(marked.get("markedOn")).isEqualTo(MARKED.toString());
		call(outsideSupervisor, HttpMethod.GET, key(), null, 404);
		assertThat(audit("KEY_MATTER_MARKED")).hasSize(1).first().asString()
			.contains(leader.username()).contains("PRINCIPAL").contains(teamMember.username());

		call(leader, HttpMethod.PUT, key(), marking("PREFECTURE", leader.username(), null), 200);
		assertThat(audit("KEY_MATTER_UPDATED")).hasSize(1).first().asString().contains("PREFECTURE").contains("DEPUTY");
	}

	@Test
	void leaderRankIsSuggestedByTheSupervisingLevelAndMayBeOverridden() {
		Map<String, Object> province = call(supervisor, HttpMethod.PUT, key(), marking("PROVINCE", leader.username(), null), 200);
		assertThat(province.get("suggestedLeaderRank")).isEqualTo("PRINCIPAL");
		assertThat(province.get("leaderRank")).isEqualTo("PRINCIPAL");

		Map<String, Object> city = call(supervisor, HttpMethod.PUT, key(), marking("PREFECTURE", leader.username(), null), 200);
		assertThat(city.get("suggestedLeaderRank")).isEqualTo("DEPUTY");
		assertThat(city.get("leaderRank")).isEqualTo("DEPUTY");

		Map<String, Object> central = call(supervisor, HttpMethod.PUT, key(), marking("CENTRAL", leader.username(), "DEPUTY"), 200);
		assertThat(central.get("suggestedLeaderRank")).isEqualTo("PRINCIPAL");
		assertThat(central.get("leaderRank")).isEqualTo("DEPUTY");
		// updating keeps the first marking day: the weeks due still count from it
		clock.travelTo(MARKED.plusWeeks(1));
		assertThat(call(supervisor, HttpMethod.PUT, key(), marking("COUNTY", leader.username(), null), 200))
			.containsEntry("suggestedLeaderRank", "DEPUTY")
			.containsEntry("markedOn", MARKED.toString());
	}

	@Test
	void weeklyReportsAndOneReminderPerMissingWeekUntilClosure() {
		call(supervisor, HttpMethod.PUT, key(), marking("PROVINCE", leader.username(), null), 200);

		// week of 9 March: the leader reports, a team member's second report that week replaces it
		clock.travelTo(LocalDate.of(2026, 3, 10));
		call(leader, HttpMethod.POST, reports(), Map.of("report", "已约见当事医院，形成初步方案。"), 200);
		Map<String, Object> replaced = call(teamMember, HttpMethod.POST, reports(), Map.of("report", "专班核查收费明细。"), 200);
		assertThat((List<?>) replaced.get("reports")).hasSize(1);
		assertThat(map(((List<?>) replaced.get("reports")).get(0)))
			.containsEntry("weekStart", "2026-03-09")
			.containsEntry("filedBy", teamMember.username())
			.containsEntry("report", "专班核查收费明细。");
		assertThat(replaced.get("reportDue")).isEqualTo(false);
		call(handler, HttpMethod.POST, reports(), Map.of("report", "x"), 403);
		assertThat(fields(call(leader, HttpMethod.POST, reports(), Map.of("report", " "), 400))).containsExactly("report");
		assertThat(audit("KEY_MATTER_REPORT_FILED")).hasSize(2);
		// the week of marking was under way and is not due; the week of 9 March is not over yet
		assertThat(remindersFor(reminders.remindMissingReports())).isEmpty();

		// two weeks on: the week of 16 March passed without a report, that of 23 March is under way
		clock.travelTo(LocalDate.of(2026, 3, 24));
		assertThat(remindersFor(reminders.remindMissingReports())).containsExactly(LocalDate.of(2026, 3, 16));
		assertThat(remindersFor(reminders.remindMissingReports())).isEmpty();
		assertThat(count("SELECT count(*) FROM key_matter_reminder WHERE matter_id = :id")).isEqualTo(1);
		assertThat(audit("KEY_MATTER_REPORT_MISSING")).hasSize(1).first().asString().contains("2026-03-16");
		assertThat(notifications.find("keymatter-" + matter + "-2026-03-16-report-missing-sms"))
			.hasValueSatisfying(n -> {
				assertThat(n.recipient()).isEqualTo("13800000001");
				assertThat(n.matterId()).isEqualTo(matter);
				assertThat(n.body()).contains("2026-03-16").contains("2026-03-22").contains("未报送进展情况");
			});

		Map<String, Object> detail = call(supervisor, HttpMethod.GET, key(), null, 200);
		assertThat(detail.get("missingWeeks")).isEqualTo(List.of("2026-03-16"));
		assertThat(detail.get("remindedWeeks")).isEqualTo(List.of("2026-03-16"));
		assertThat(detail.get("reportDue")).isEqualTo(true);
		assertThat(new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD).get("/staff/key-matters/" + matter)
			.body()).contains("<span id=\"missing\">2026-03-16</span>");
		List<?> list = (List<?>) call(supervisor, HttpMethod.GET, "/api/v1/key-matters?unit=" + bureau.code(), null, 200, List.class);
		assertThat(list).hasSize(1);
		assertThat(map(list.get(0)))
			.containsEntry("matterId", (int) matter)
			.containsEntry("supervisingLevel", "PROVINCE")
			.containsEntry("lastReportOn", "2026-03-10")
			.containsEntry("missingWeeks", 1);
		// the other bureau's supervisor neither lists it nor may ask for this bureau
		call(outsideSupervisor, HttpMethod.GET, "/api/v1/key-matters?unit=" + bureau.code(), null, 404);
		assertThat((List<?>) call(outsideSupervisor, HttpMethod.GET, "/api/v1/key-matters", null, 200, List.class)).isEmpty();

		// closed (销号): no more reports due, no more reminders
		jdbc.sql("UPDATE matter SET status = 'CLOSED' WHERE id = :id").param("id", matter).update();
		clock.travelTo(LocalDate.of(2026, 4, 14));
		assertThat(remindersFor(reminders.remindMissingReports())).isEmpty();
		assertThat(count("SELECT count(*) FROM key_matter_reminder WHERE matter_id = :id")).isEqualTo(1);
		assertThat(call(leader, HttpMethod.POST, reports(), Map.of("report", "已化解。"), 409).get("type").toString())
			.contains("key-matter-closed");
		Map<String, Object> closed = call(supervisor, HttpMethod.GET, key(), null, 200);
		assertThat(closed.get("reportDue")).isEqualTo(false);
		assertThat(closed.get("missingWeeks")).isEqualTo(List.of("2026-03-16"));
	}

	@Test
	void twoRunsAtOnceRaiseEachReminderOnce() throws Exception {
		call(supervisor, HttpMethod.PUT, key(), marking("PROVINCE", leader.username(), null), 200);
		// weeks of 9, 16 and 23 March ended without a report
		clock.travelTo(LocalDate.of(2026, 3, 31));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<KeyMatterReminders.Reminder>>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					return reminders.remindMissingReports();
				}));
			}
			start.countDown();
			List<LocalDate> raised = new ArrayList<>();
			for (var run : runs) {
				raised.addAll(remindersFor(run.get(60, TimeUnit.SECONDS)));
			}
			assertThat(raised).containsExactlyInAnyOrder(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 16),
					LocalDate.of(2026, 3, 23));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(audit("KEY_MATTER_REPORT_MISSING")).hasSize(3);
		assertThat(count("SELECT count(*) FROM key_matter_reminder WHERE matter_id = :id")).isEqualTo(3);
	}

	@Test
	void unmarkingNeedsAReasonAndEndsTheReportsDue() {
		call(supervisor, HttpMethod.PUT, key(), marking("PROVINCE", leader.username(), null), 200);
		assertThat(fields(call(supervisor, HttpMethod.DELETE, key(), Map.of("reason", " "), 400))).containsExactly("reason");
		call(handler, HttpMethod.DELETE, key(), Map.of("reason", "误标"), 403);
		call(outsideSupervisor, HttpMethod.DELETE, key(), Map.of("reason", "误标"), 404);
		call(supervisor, HttpMethod.DELETE, key(), Map.of("reason", "误标为重点事项"), 204);
		call(supervisor, HttpMethod.DELETE, key(), Map.of("reason", "误标为重点事项"), 404);
		assertThat(audit("KEY_MATTER_UNMARKED")).hasSize(1).first().asString().contains("误标为重点事项");

		call(supervisor, HttpMethod.GET, key(), null, 404);
		call(leader, HttpMethod.POST, reports(), Map.of("report", "进展"), 404);
		assertThat((List<?>) call(supervisor, HttpMethod.GET, "/api/v1/key-matters?unit=" + bureau.code(), null, 200, List.class))
			.noneMatch(k -> map(k).get("matterId").equals((int) matter));
		clock.travelTo(LocalDate.of(2026, 3, 31));
		assertThat(remindersFor(reminders.remindMissingReports())).isEmpty();

		// marked again: a new period of weekly reports starts on that day
		Map<String, Object> again = call(supervisor, HttpMethod.PUT, key(), marking("PROVINCE", leader.username(), null), 200);
		assertThat(again.get("markedOn")).isEqualTo("2026-03-31");
		assertThat(again.get("missingWeeks")).isEqualTo(List.of());
		assertThat(audit("KEY_MATTER_MARKED")).hasSize(2);
	}

	@Test
	void aReportInEveryWeekRaisesNoReminder() {
		call(supervisor, HttpMethod.PUT, key(), marking("PREFECTURE", leader.username(), null), 200);
		for (LocalDate day = LocalDate.of(2026, 3, 9); day.isBefore(LocalDate.of(2026, 3, 30)); day = day.plusWeeks(1)) {
			clock.travelTo(day.plusDays(4));
			call(leader, HttpMethod.POST, reports(), Map.of("report", "本周进展 " + day), 200);
		}
		clock.travelTo(LocalDate.of(2026, 3, 30));
		assertThat(remindersFor(reminders.remindMissingReports())).isEmpty();
		assertThat(call(leader, HttpMethod.GET, key(), null, 200).get("missingWeeks")).isEqualTo(List.of());
	}

	@Test
	void pagesMarkListAndFileTheWeeksReport() {
		FormClient sup = new FormClient(port).signIn(supervisor.username(), Fixtures.PASSWORD);
		var notKey = sup.get("/staff/key-matters/" + matter);
		assertThat(notKey.statusCode()).isEqualTo(200);
		assertThat(notKey.body()).contains("id=\"not-key\"").contains("id=\"mark-form\"");

		// a missing plan is named and nothing is saved
		var refused = sup.post("/staff/key-matters/" + matter + "/mark", Map.of("supervisingLevel", "PROVINCE",
				"leaderUsername", leader.username(), "leaderRank", "", "team", teamMember.username(), "plan", ""));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("plan");
		assertThat(count("SELECT count(*) FROM key_matter WHERE matter_id = :id")).isZero();

		var saved = sup.post("/staff/key-matters/" + matter + "/mark", Map.of("supervisingLevel", "PROVINCE",
				"leaderUsername", leader.username(), "leaderRank", "", "team", teamMember.username(), "plan", "专班化解方案"));
		assertThat(saved.statusCode()).isEqualTo(302);
		var page = sup.get("/staff/key-matters/" + matter);
		assertThat(page.body()).contains("专班化解方案").contains("正职").contains(teamMember.username())
			.doesNotContain("id=\"report-form\"");
		assertThat(sup.get("/staff/key-matters?unit=" + bureau.code()).body()).contains("id=\"key-matter-" + matter + "\"");

		FormClient lead = new FormClient(port).signIn(leader.username(), Fixtures.PASSWORD);
		assertThat(lead.get("/staff/key-matters/" + matter).body()).contains("id=\"report-form\"");
		assertThat(lead.post("/staff/key-matters/" + matter + "/reports", Map.of("report", "本周约谈医院负责人。"))
			.statusCode()).isEqualTo(302);
		assertThat(lead.get("/staff/key-matters/" + matter).body()).contains("本周约谈医院负责人。");
		assertThat(new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD)
			.get("/staff/key-matters/" + matter).statusCode()).isEqualTo(200);
		assertThat(new FormClient(port).signIn(outsideSupervisor.username(), Fixtures.PASSWORD)
			.get("/staff/key-matters/" + matter).statusCode()).isEqualTo(404);
	}

	private String key() {
		return "/api/v1/matters/" + matter + "/key";
	}

	private String reports() {
		return key() + "/reports";
	}

	private Map<String, Object> marking(String level, String leaderName, String rank) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("supervisingLevel", level);
		body.put("leaderUsername", leaderName);
		if (rank != null) {
			body.put("leaderRank", rank);
		}
		body.put("team", List.of(teamMember.username()));
		body.put("plan", "包案领导牵头，专班核查，两周内形成化解方案。");
		return body;
	}

	private List<LocalDate> remindersFor(List<KeyMatterReminders.Reminder> raised) {
		return raised.stream().filter(r -> r.matterId() == matter).map(KeyMatterReminders.Reminder::weekStart).toList();
	}

	private List<String> audit(String action) {
		return jdbc.sql("SELECT details FROM audit_entry WHERE action = :a AND entity_type = 'matter' AND entity_id = :id ORDER BY seq")
			.param("a", action)
			.param("id", String.valueOf(matter))
			.query(String.class)
			.list();
	}

	private long count(String sql) {
		return jdbc.sql(sql).param("id", matter).query(Long.class).single();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object json) {
		return (Map<String, Object>) json;
	}

	private static List<Object> fields(Map<String, Object> problem) {
		return ((List<?>) problem.get("errors")).stream().map(e -> (Object) ((Map<?, ?>) e).get("field")).distinct().toList();
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
