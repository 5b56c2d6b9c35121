package org.xinfang.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/** The portal and staff pages over real HTTP, with session cookie and CSRF token as a browser sends them. */
@XinfangTest
class PortalPageTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern SECRET = Pattern.compile("id=\"query-secret\">([2-9A-Z]{10})<");

	private static final Pattern CODE = Pattern.compile("id=\"tracking-code\">(XF[2-9A-Z]{10})<");

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Test
	void citizenSubmitsOnThePageSeesFieldErrorsThenCodeAndSecretAndTracks() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		Browser browser = new Browser();
		String form = browser.get("/portal/submit", 200);
		assertThat(form).contains("建议意见", "检举控告", "申诉求决", bureau.name());

		MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
		fields.add("idempotencyKey", find(Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\""), form));
		fields.add("kind", "GRIEVANCE");
		fields.add("title", "");
		fields.add("content", "药费清单与实际用药不符，请求核查。");
		fields.add("concernedUnitCode", hospital.code());
		fields.add("name", "赵六");
		fields.add("phone", "12");
		String again = browser.post("/portal/submit", fields, 200);
		assertThat(again).contains("必填", "电话号码格式不正确", "药费清单与实际用药不符");

		fields.set("title", "药费问题");
		fields.set("phone", "13712345678");
		String result = browser.post("/portal/submit", fields, 200);
		String code = find(CODE, result);
		String secret = find(SECRET, result);
		assertThat(result).contains("请妥善保管");

		browser.get("/portal/track", 200);
		MultiValueMap<String, String> lookup = new LinkedMultiValueMap<>();
		lookup.add("code", code);
		lookup.add("secret", "WRONGWRONG");
		assertThat(browser.post("/portal/track", lookup, 200)).contains("查询码或查询密码不正确");
		lookup.set("secret", secret);
		assertThat(browser.post("/portal/track", lookup, 200)).contains("已登记", bureau.name(), "暂无文书");
	}

	@Test
	void staffPagesShowTheFormTheListAndAMaskedReport() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		StaffPrincipal hospitalHead = fixtures.user(hospital, Role.UNIT_HEAD);

		Browser clerk = new Browser().signIn(registrar);
		assertThat(clerk.get("/staff/intake/new", 200)).contains("集体访", "上级转送/交办", "来信材料");
		MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
		fields.add("channel", "LETTER");
		fields.add("kind", "REPORT");
		fields.add("title", "反映某科室收受红包");
		fields.add("content", "某医生在手术前收受患者家属红包。");
		fields.add("concernedUnitCode", hospital.code());
		fields.add("receivedOn", "");
		fields.add("headcount", "");
		fields.add("petitioners[0].name", "钱七");
		fields.add("petitioners[0].phone", "13612345678");
		fields.add("petitioners[1].name", "");
		String registered = clerk.post("/staff/intake/new", fields, 200);
		assertThat(registered).contains("已登记", "查询密码");
		assertThat(clerk.get("/staff/matters", 200)).contains("反映某科室收受红包", "钱七");

		Browser accused = new Browser().signIn(hospitalHead);
		String list = accused.get("/staff/matters", 200);
		assertThat(list).contains("反映某科室收受红包").doesNotContain("钱七");
		String id = find(Pattern.compile("href=\"/staff/matters/(\\d+)\""), list);
		assertThat(accused.get("/staff/matters/" + id, 200)).contains("masked-notice").doesNotContain("钱七", "13612345678");
	}

	static String find(Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		assertThat(m.find()).as("%s in page", pattern).isTrue();
		return m.group(1);
	}

	/** Keeps the session cookie and the latest CSRF token, like a browser. */
	class Browser {

		private String cookie;

		private String csrf;

		Browser signIn(StaffPrincipal user) {
			get("/login", 200);
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			form.add("username", user.username());
			form.add("password", Fixtures.PASSWORD);
			post("/login", form, 302);
			return this;
		}

		String get(String uri, int status) {
			return remember(http.get().uri(uri)
				.headers(this::cookie)
				.exchange()
				.expectStatus().isEqualTo(status)
				.expectBody(String.class)
				.returnResult());
		}

		String post(String uri, MultiValueMap<String, String> form, int status) {
			MultiValueMap<String, String> body = new LinkedMultiValueMap<>(form);
			body.set("_csrf", csrf);
			return remember(http.post().uri(uri)
				.headers(this::cookie)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(body)
				.exchange()
				.expectStatus().isEqualTo(status)
				.expectBody(String.class)
				.returnResult());
		}

		private void cookie(HttpHeaders headers) {
			if (cookie != null) {
				headers.add(HttpHeaders.COOKIE, cookie);
			}
		}

		private String remember(EntityExchangeResult<String> result) {
			List<String> setCookies = result.getResponseHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
			for (String c : setCookies) {
				cookie = c.split(";", 2)[0];
			}
			String page = result.getResponseBody() == null ? "" : result.getResponseBody();
			Matcher m = CSRF.matcher(page);
			if (m.find()) {
				csrf = m.group(1);
			}
			return page;
		}
	}

	static Map<String, String> none() {
		return Map.of();
	}
}
