package org.xinfang.handling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/**
 * The staff pages over real HTTP with sessions and CSRF: each role finds the matter in its queue, opens it and
 * takes its step through the action forms; refusals come back as readable messages on the page.
 */
@XinfangTest
@Import(TimeTravel.class)
class MatterPagesTests {

	static final LocalDate TODAY = MatterHandlingApiTests.TODAY;

	@LocalServerPort
	int port;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	MatterFlow flow;

	Unit bureau;

	Unit hospital;

	StaffPrincipal registrar;

	StaffPrincipal head;

	StaffPrincipal handler;

	@BeforeEach
	void organisation() {
		clock.travelTo(TODAY);
		flow = new MatterFlow(http);
		Unit commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		hospital = fixtures.hospitalUnder(bureau);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		handler = fixtures.user(hospital, Role.HANDLER);
	}

	@Test
	void oneMatterGoesFromRegistrarToDeliveryThroughThePages() {
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, null);
		String page = "/staff/matters/" + m.id();

		FormClient reg = new FormClient(port).signIn(registrar.username(), Fixtures.PASSWORD);
		assertThat(reg.get("/staff").body()).contains("href=\"/staff/inbox\"");
		assertThat(reg.get("/staff/inbox").body()).contains(m.code()).contains("state-ON_TRACK");
		assertThat(reg.get(page).body()).contains("id=\"action-ASSIGN\"").contains(hospital.code());
		redirectsBack(reg.post(page + "/actions/ASSIGN", Map.of("unitCode", hospital.code())), page);
		String assigned = reg.get(page).body();
		assertThat(assigned).contains("id=\"notice\"").contains("已完成：交办").contains(hospital.name())
			.doesNotContain("id=\"action-ASSIGN\"");

		FormClient boss = new FormClient(port).signIn(head.username(), Fixtures.PASSWORD);
		assertThat(boss.get(page).body()).contains("id=\"action-ACCEPT\"").contains("id=\"action-RETURN\"");
		redirectsBack(boss.post(page + "/actions/ACCEPT", Map.of()), page);
		assertThat(boss.get(page).body()).contains("<option value=\"" + handler.username() + "\"");
		redirectsBack(boss.post(page + "/actions/ASSIGN_HANDLER", Map.of("username", handler.username())), page);

		FormClient worker = new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD);
		assertThat(worker.get("/staff/work").body()).contains(m.code());
		assertThat(worker.get(page).body()).contains("id=\"action-ADD_PROGRESS\"").contains("id=\"action-DRAFT_REPLY\"");
		redirectsBack(worker.post(page + "/actions/ADD_PROGRESS",
				Map.of("note", "已约见信访人核实情况", "checklist", List.of("PERSONS", "CLAIMS"))), page);
		// a required field left empty: the page again, with the reason
		HttpResponse<String> empty = worker.post(page + "/actions/DRAFT_REPLY", Map.of("outcome", "SUPPORTED", "text", " "));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("id=\"action-error\"").contains("正文");
		worker.get(page);
		redirectsBack(worker.post(page + "/actions/DRAFT_REPLY",
				Map.of("outcome", "PARTLY_SUPPORTED", "text", "经核查，部分诉求属实，已责成医院退还多收费用。")), page);
		String drafted = worker.get(page).body();
		assertThat(drafted).contains("已责成医院退还多收费用").contains("部分支持").doesNotContain("id=\"action-APPROVE_REPLY\"");
		// the drafter may not approve their own reply (maker-checker): refused with a message, not an error page
		HttpResponse<String> own = worker.post(page + "/actions/APPROVE_REPLY", Map.of());
		assertThat(own.statusCode()).isEqualTo(403);
		assertThat(own.body()).contains("id=\"action-error\"").contains(m.code());

		assertThat(boss.get("/staff/approvals").body()).contains(m.code());
		String toApprove = boss.get(page).body();
		assertThat(toApprove).contains("id=\"action-APPROVE_REPLY\"").contains("id=\"action-SEND_BACK_REPLY\"");
		// a form from a page shown before someone else changed the matter
		HttpResponse<String> stale = boss.post(page + "/actions/APPROVE_REPLY", Map.of("version", "0"));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("该事项已被他人修改");
		redirectsBack(boss.post(page + "/actions/APPROVE_REPLY", Map.of()), page);
		boss.get(page);
		HttpResponse<String> again = boss.post(page + "/actions/APPROVE_REPLY", Map.of());
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("该事项当前状态下不能进行此操作");
		assertThat(again.body()).contains("id=\"action-DELIVER\"");
		redirectsBack(boss.post(page + "/actions/DELIVER", Map.of("method", "PORTAL", "deliveredOn", TODAY.toString())),
				page);

		String delivered = boss.get(page).body();
		assertThat(delivered).contains("处理意见书已送达").contains("网上送达").contains(TODAY.toString())
			.contains("已约见信访人核实情况");
		assertThat(flow.matter(head, m.id()).get("status")).isEqualTo("DELIVERED");
		assertThat(boss.get("/staff/approvals").body()).doesNotContain(m.code());
	}

	@Test
	void queuesAreForTheirRoles() {
		FormClient worker = new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD);
		assertThat(worker.get("/staff/work").statusCode()).isEqualTo(200);
		assertThat(worker.get("/staff/inbox").statusCode()).isEqualTo(403);
		assertThat(worker.get("/staff/approvals").statusCode()).isEqualTo(403);
		assertThat(worker.get("/staff/work").body()).doesNotContain("href=\"/staff/inbox\"");
	}

	@Test
	void refusalsOnThePageSpeakTheLanguageOfTheUser() {
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, null);
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		String page = "/staff/matters/" + m.id();
		FormClient boss = new FormClient(port).signIn(head.username(), Fixtures.PASSWORD);
		assertThat(boss.get(page).body()).contains("id=\"REJECT_FINAL-earlierTrackingCode\"");

		HttpResponse<String> blank = boss.post(page + "/actions/REJECT_FINAL", Map.of("reason", " "));
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("理由：必须填写。").doesNotContain("Required.");
		HttpResponse<String> notFinal = boss.post(page + "/actions/REJECT_FINAL", Map.of("reason", "重复信访"));
		assertThat(notFinal.statusCode()).isEqualTo(409);
		assertThat(notFinal.body()).contains("未找到同一信访人就同一事实已经复核终结的事项");

		boss.language("en").get(page);
		assertThat(boss.post(page + "/actions/REJECT_FINAL", Map.of("reason", " ")).body()).contains("Required.");
		assertThat(boss.post(page + "/actions/REJECT_FINAL", Map.of("reason", "repeat")).body())
			.contains("no earlier matter of the same petitioner");
		assertThat(flow.matter(head, m.id()).get("status")).isEqualTo("ASSIGNED");
	}

	private static void redirectsBack(HttpResponse<String> response, String page) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElse("")).endsWith(page);
	}
}
