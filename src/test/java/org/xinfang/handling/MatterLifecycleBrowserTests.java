package org.xinfang.handling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Browser;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * A full lifecycle in headless Chromium, every step on the real pages: the registrar assigns, the unit head
 * accepts and names a handler, the handler drafts the reply, the head approves and delivers it, the citizen
 * evaluates and requests a review on the portal, the reviewer of the unit above decides it.
 */
@XinfangTest
@Import(TimeTravel.class)
class MatterLifecycleBrowserTests {

	static final LocalDate TODAY = MatterHandlingApiTests.TODAY;

	@LocalServerPort
	int port;

	@Autowired
	TimeTravel.MutableClock clock;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@BeforeEach
	void today() {
		clock.travelTo(TODAY);
	}

	@Test
	void registrarHandlerHeadCitizenAndReviewerTakeAMatterToAReviewDecision() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		StaffPrincipal head = fixtures.user(hospital, Role.UNIT_HEAD);
		StaffPrincipal handler = fixtures.user(hospital, Role.HANDLER);
		StaffPrincipal reviewer = fixtures.user(bureau, Role.REVIEWER);
		MatterFlow.Registered m = new MatterFlow(http).register(registrar, "GRIEVANCE", hospital, null);

		try (Browser browser = Browser.open(port)) {
			browser.signIn(registrar.username(), Fixtures.PASSWORD);
			browser.go("/staff/inbox").click("a[href='/staff/matters/" + m.id() + "']");
			new Select(browser.find("#ASSIGN-unitCode")).selectByValue(hospital.code());
			browser.screenshot("lifecycle-1-registrar-triage");
			browser.click("#action-ASSIGN button[type=submit]").waitForText("已完成：交办");
			signOut(browser);

			browser.signIn(head.username(), Fixtures.PASSWORD);
			browser.go("/staff/matters/" + m.id()).click("#action-ACCEPT button[type=submit]").waitForText("已完成：受理");
			new Select(browser.find("#ASSIGN_HANDLER-username")).selectByValue(handler.username());
			browser.click("#action-ASSIGN_HANDLER button[type=submit]").waitForText("已完成：指定承办人");
			signOut(browser);

			browser.signIn(handler.username(), Fixtures.PASSWORD);
			browser.go("/staff/work").click("a[href='/staff/matters/" + m.id() + "']");
			browser.type("#ADD_PROGRESS-note", "已约见信访人，调取收费明细。")
				.click("#action-ADD_PROGRESS input[value=CLAIMS]")
				.click("#action-ADD_PROGRESS button[type=submit]")
				.waitForText("已完成：记录办理进展");
			new Select(browser.find("#DRAFT_REPLY-outcome")).selectByValue("NOT_SUPPORTED");
			browser.type("#DRAFT_REPLY-text", "经核查，医院收费符合物价部门规定，不存在多收费用。")
				.screenshot("lifecycle-2-handler-drafts");
			browser.click("#action-DRAFT_REPLY button[type=submit]").waitForText("已完成：起草处理意见书");
			signOut(browser);

			browser.signIn(head.username(), Fixtures.PASSWORD);
			browser.go("/staff/approvals").click("a[href='/staff/matters/" + m.id() + "']");
			browser.click("#action-APPROVE_REPLY button[type=submit]").waitForText("已完成：审批处理意见书");
			new Select(browser.find("#DELIVER-method")).selectByValue("PORTAL");
			((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
					browser.find("#DELIVER-deliveredOn"), TODAY.toString());
			browser.click("#action-DELIVER button[type=submit]").waitForText("已完成：送达");
			browser.screenshot("lifecycle-3-head-delivered");
			signOut(browser);
		}

		try (Browser citizen = Browser.open(port)) {
			citizen.go("/portal/track").type("#code", m.code()).type("#secret", m.secret()).click("button[type=submit]");
			citizen.click("#rating-DISSATISFIED").type("#comment", "收费问题没有解决。");
			citizen.screenshot("lifecycle-4-citizen-evaluates");
			citizen.click("#evaluate button[type=submit]").waitForText("感谢您的评价");
			citizen.type("#REQUEST_REVIEW-reason", "收费明细与实际治疗项目不符，请求复查。")
				.click("#request_review button[type=submit]")
				.waitForText("复查申请已提交");
			assertThat(citizen.text()).doesNotContain(m.secret());
			citizen.screenshot("lifecycle-5-citizen-requested-review");
		}

		try (Browser browser = Browser.open(port)) {
			browser.signIn(reviewer.username(), Fixtures.PASSWORD);
			browser.go("/staff/reviews").click("a[href='/staff/matters/" + m.id() + "']");
			new Select(browser.find("#DECIDE_REVIEW-outcome")).selectByValue("UPHOLD");
			browser.type("#DECIDE_REVIEW-text", "经复查，原处理意见认定事实清楚，予以维持。")
				.click("#action-DECIDE_REVIEW button[type=submit]")
				.waitForText("已完成：作出复查意见");
			assertThat(browser.text()).contains("不满意").contains("收费问题没有解决").contains("已作出复查意见");
			browser.screenshot("lifecycle-6-reviewer-decided");
		}
		assertThat(new MatterFlow(http).track(m).get("status")).isNotEqualTo("UNDER_REVIEW");
	}

	private static void signOut(Browser browser) {
		browser.click(".who button[type=submit]");
		browser.waitUntil(d -> browser.path().equals("/staff") ? null : Boolean.TRUE);
	}
}
