package org.xinfang.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.xinfang.audit.AuditTrail;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * The administrator pages driven over HTTP as a browser would: sign in through the login form, read the CSRF
 * token from each page, post the forms. Edits happen in the year 2198, which no other test uses.
 */
@XinfangTest
class CalendarAdminPageTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail auditTrail;

	@Test
	void adminAddsAndDeletesADayOnTheCalendarPage() {
		Browser admin = signIn(fixtures.user(fixtures.commission(), Role.ADMIN));
		String page = admin.get("/admin/calendar?year=2026");
		assertThat(page).contains("节假日日历", "2026-02-14", "调休上班日", "2026-10-07", "法定节假日");

		// 2198-03-06 is a Tuesday: a make-up working day there is refused with a readable message
		String refused = admin.post("/admin/calendar/days", page,
				form("day", "2198-03-06", "kind", "MAKEUP_WORKDAY", "nameZh", "", "year", "2198"));
		assertThat(refused).contains("调休上班日只能是周六或周日");

		String badDate = admin.post("/admin/calendar/days", page,
				form("day", "2198-02-30", "kind", "HOLIDAY", "nameZh", "", "year", "2198"));
		assertThat(badDate).contains("请填写正确的日期");

		admin.post("/admin/calendar/days", page, form("day", "2198-03-06", "kind", "HOLIDAY", "nameZh", "测试假日",
				"year", "2198"));
		String year = admin.get("/admin/calendar?year=2198");
		assertThat(year).contains("2198-03-06", "测试假日", "星期二");

		admin.post("/admin/calendar/days/2198-03-06/delete", year, new LinkedMultiValueMap<>());
		assertThat(admin.get("/admin/calendar?year=2198")).doesNotContain("测试假日");
		assertThat(auditTrail.forEntity("calendar_day", "2198-03-06")).extracting(AuditTrail.Entry::action)
			.containsExactly("CALENDAR_DAY_ADDED", "CALENDAR_DAY_DELETED");
	}

	@Test
	void adminMarksAYearCompleteAndEditsARule() {
		StaffPrincipal user = fixtures.user(fixtures.commission(), Role.ADMIN);
		Browser admin = signIn(user);
		String page = admin.get("/admin/calendar?year=2198");
		assertThat(page).contains("尚未标记为“数据完整”");
		admin.post("/admin/calendar/years/2198", page, form("complete", "true", "note", "测试"));
		assertThat(admin.get("/admin/calendar?year=2198")).contains("本年度已录入完整");
		admin.post("/admin/calendar/years/2198", page, form("complete", "false"));
		assertThat(auditTrail.forEntity("calendar_year", 2198)).extracting(AuditTrail.Entry::action)
			.containsExactly("CALENDAR_YEAR_COMPLETE", "CALENDAR_YEAR_INCOMPLETE");

		String rules = admin.get("/admin/period-rules");
		assertThat(rules).contains("期限规则", "REVIEW_DECISION", "《信访工作条例》第三十五条");
		String refused = admin.post("/admin/period-rules/REVIEW_DECISION", rules, form("amount", "abc", "unit",
				"CALENDAR_DAYS"));
		assertThat(refused).contains("天数必须是 1 至 3650 之间的整数");
		try {
			admin.post("/admin/period-rules/REVIEW_DECISION", rules, form("amount", "31", "unit", "CALENDAR_DAYS"));
			assertThat(admin.get("/admin/period-rules")).contains("value=\"31\"");
			assertThat(auditTrail.forEntity("period_rule", "REVIEW_DECISION")).extracting(AuditTrail.Entry::actor)
				.contains(user.username());
		}
		finally {
			admin.post("/admin/period-rules/REVIEW_DECISION", rules, form("amount", "30", "unit", "CALENDAR_DAYS"));
		}
	}

	@Test
	void nonAdminCannotOpenTheCalendarPages() {
		Browser handler = signIn(fixtures.user(fixtures.commission(), Role.HANDLER));
		handler.expectForbidden("/admin/calendar");
		handler.expectForbidden("/admin/period-rules");
	}

	private static MultiValueMap<String, String> form(String... pairs) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.add(pairs[i], pairs[i + 1]);
		}
		return form;
	}

	private Browser signIn(StaffPrincipal user) {
		EntityExchangeResult<String> login = http.get().uri("/login").exchange().expectBody(String.class).returnResult();
		String cookie = sessionCookie(login.getResponseHeaders(), null);
		MultiValueMap<String, String> form = form("username", user.username(), "password", Fixtures.PASSWORD,
				"_csrf", csrf(login.getResponseBody()));
		EntityExchangeResult<String> signedIn = http.post().uri("/login")
			.header(HttpHeaders.COOKIE, cookie)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange()
			.expectStatus().is3xxRedirection()
			.expectBody(String.class)
			.returnResult();
		assertThat(signedIn.getResponseHeaders().getLocation().getPath()).isEqualTo("/staff");
		return new Browser(sessionCookie(signedIn.getResponseHeaders(), cookie));
	}

	private static String sessionCookie(HttpHeaders headers, String previous) {
		List<String> cookies = headers.getOrEmpty(HttpHeaders.SET_COOKIE);
		return cookies.stream().map(c -> c.split(";", 2)[0]).findFirst().orElse(previous);
	}

	private static String csrf(String html) {
		Matcher m = CSRF.matcher(html);
		assertThat(m.find()).as("a CSRF token on the page").isTrue();
		return m.group(1);
	}

	/** A signed-in session: one cookie, pages fetched and forms posted with the token of the page. */
	private class Browser {

		private final String cookie;

		Browser(String cookie) {
			this.cookie = cookie;
		}

		String get(String uri) {
			return http.get().uri(uri)
				.header(HttpHeaders.COOKIE, cookie)
				.exchange()
				.expectStatus().isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
		}

		/** Posts a form; follows a redirect answer (post/redirect/get) and returns the page shown. */
		String post(String uri, String pageWithForm, MultiValueMap<String, String> form) {
			form.set("_csrf", csrf(pageWithForm));
			EntityExchangeResult<String> result = http.post().uri(uri)
				.header(HttpHeaders.COOKIE, cookie)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.exchange()
				.expectBody(String.class)
				.returnResult();
			if (result.getStatus().is3xxRedirection()) {
				return get(result.getResponseHeaders().getLocation().toString());
			}
			assertThat(result.getStatus().is2xxSuccessful()).as("status " + result.getStatus()).isTrue();
			return result.getResponseBody();
		}

		void expectForbidden(String uri) {
			http.get().uri(uri).header(HttpHeaders.COOKIE, cookie).exchange().expectStatus().isForbidden();
		}
	}
}
