package org.xinfang.handling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The petitioner's actions on the portal status page: evaluate, then request a review, with the code and
 * secret carried in the forms' POST bodies; the reviewer then finds and decides the review on the staff pages.
 */
@XinfangTest
@Import(TimeTravel.class)
class PortalActionPagesTests {

	static final LocalDate TODAY = MatterHandlingApiTests.TODAY;

	private static final AtomicInteger clients = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	MatterFlow flow;

	Unit hospital;

	StaffPrincipal registrar;

	StaffPrincipal head;

	StaffPrincipal reviewer;

	@BeforeEach
	void organisation() {
		clock.travelTo(TODAY);
		flow = new MatterFlow(http);
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		hospital = fixtures.hospitalUnder(bureau);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		head = fixtures.user(hospital, Role.UNIT_HEAD);
		reviewer = fixtures.user(bureau, Role.REVIEWER);
	}

	/** A matter delivered today, through the API. */
	MatterFlow.Registered delivered() {
		StaffPrincipal handler = fixtures.user(hospital, Role.HANDLER);
		MatterFlow.Registered m = flow.register(registrar, "GRIEVANCE", hospital, null);
		flow.act(registrar, m.id(), "ASSIGN", Map.of("unitCode", hospital.code()));
		flow.act(head, m.id(), "ACCEPT", null);
		flow.act(head, m.id(), "ASSIGN_HANDLER", Map.of("username", handler.username()));
		flow.act(handler, m.id(), "DRAFT_REPLY", Map.of("outcome", "NOT_SUPPORTED", "text", "经核查，收费符合规定。"));
		flow.act(head, m.id(), "APPROVE_REPLY", null);
		flow.act(head, m.id(), "DELIVER", Map.of("method", "PORTAL", "deliveredOn", TODAY.toString()));
		return m;
	}

	FormClient citizen() {
		return new FormClient(port).forwardedFor("10.77." + (clients.incrementAndGet() % 250) + ".9");
	}

	@Test
	void petitionerEvaluatesAndRequestsReviewOnTheStatusPage() {
		MatterFlow.Registered m = delivered();
		FormClient citizen = citizen();
		citizen.get("/portal/track");
		HttpResponse<String> status = citizen.post("/portal/track", Map.of("code", m.code(), "secret", m.secret()));
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		assertThat(status.body()).contains("id=\"evaluate\"").contains("id=\"request_review\"")
			.contains("value=\"SATISFIED\"").contains("不满意");

		HttpResponse<String> evaluated = citizen.post("/portal/track/actions/EVALUATE",
				Map.of("code", m.code(), "secret", m.secret(), "rating", "DISSATISFIED", "comment", "未解决我的问题"));
		assertThat(evaluated.statusCode()).isEqualTo(200);
		assertThat(evaluated.body()).contains("感谢您的评价").doesNotContain("id=\"evaluate\"")
			.contains("id=\"request_review\"");

		HttpResponse<String> requested = citizen.post("/portal/track/actions/REQUEST_REVIEW",
				Map.of("code", m.code(), "secret", m.secret(), "reason", "医院收费明细与实际不符，请求复查。"));
		assertThat(requested.statusCode()).isEqualTo(200);
		assertThat(requested.body()).contains("复查申请已提交").doesNotContain("id=\"request_review\"");
		assertThat(flow.track(m).get("status")).isEqualTo("UNDER_REVIEW");

		// the reviewer of the unit above finds the request in the queue and decides it on the matter page
		String page = "/staff/matters/" + m.id();
		FormClient staff = new FormClient(port).signIn(reviewer.username(), Fixtures.PASSWORD);
		assertThat(staff.get("/staff/reviews").body()).contains(m.code());
		String matter = staff.get(page).body();
		assertThat(matter).contains("id=\"action-DECIDE_REVIEW\"").contains("不满意").contains("未解决我的问题");
		HttpResponse<String> decided = staff.post(page + "/actions/DECIDE_REVIEW",
				Map.of("outcome", "UPHOLD", "text", "经复查，维持原处理意见。"));
		assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
		assertThat(staff.get(page).body()).contains("已作出复查意见");
	}

	@Test
	void petitionerOpensTheDeliveredOpinionFromTheStatusPage() {
		MatterFlow.Registered m = delivered();
		FormClient citizen = citizen();
		citizen.get("/portal/track");
		String page = citizen.post("/portal/track", Map.of("code", m.code(), "secret", m.secret())).body();
		java.util.regex.Matcher form = java.util.regex.Pattern.compile("action=\"(/portal/track/documents/\\d+)\"")
			.matcher(page);
		assertThat(form.find()).as("a document form on the status page").isTrue();
		assertThat(page).contains("处理意见书");

		HttpResponse<String> pdf = citizen.post(form.group(1), Map.of("code", m.code(), "secret", m.secret()));
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
		assertThat(pdf.body()).startsWith("%PDF");

		HttpResponse<String> wrong = citizen.post(form.group(1), Map.of("code", m.code(), "secret", "WRONGWRONG"));
		assertThat(wrong.body()).doesNotStartWith("%PDF").contains("查询码或查询密码不正确");
	}

	@Test
	void aWrongSecretInTheFormTakesNoAction() {
		MatterFlow.Registered m = delivered();
		FormClient citizen = citizen();
		citizen.get("/portal/track");
		HttpResponse<String> refused = citizen.post("/portal/track/actions/EVALUATE",
				Map.of("code", m.code(), "secret", "wrong-secret-123", "rating", "SATISFIED"));
		assertThat(refused.body()).contains("查询码或查询密码不正确").doesNotContain("感谢您的评价")
			.doesNotContain("id=\"evaluate\"");
		assertThat(flow.matter(head, m.id()).get("status")).isEqualTo("DELIVERED");
		assertThat(flow.track(m).get("allowedActions").toString()).contains("EVALUATE");
	}

	@Test
	void aSecondEvaluationIsRefusedWithAMessage() {
		MatterFlow.Registered m = delivered();
		flow.actAsPetitioner(m, "EVALUATE", Map.of("rating", "SATISFIED"), 200);
		FormClient citizen = citizen();
		citizen.get("/portal/track");
		HttpResponse<String> again = citizen.post("/portal/track/actions/EVALUATE",
				Map.of("code", m.code(), "secret", m.secret(), "rating", "SATISFIED"));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("id=\"action-error\"");
	}
}
