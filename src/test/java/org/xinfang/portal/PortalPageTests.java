package org.xinfang.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/** The portal and staff pages over real HTTP, with session cookie and CSRF token as a browser sends them. */
@XinfangTest
class PortalPageTests {

	private static final Pattern SECRET = Pattern.compile("id=\"query-secret\">([2-9A-Z]{10})<");

	private static final Pattern CODE = Pattern.compile("id=\"tracking-code\">(XF[2-9A-Z]{10})<");

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Test
	void citizenSubmitsOnThePageSeesFieldErrorsThenCodeAndSecretAndTracks() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		FormClient browser = new FormClient(port).forwardedFor(newClient());
		String form = page(browser.get("/portal/submit"), 200);
		assertThat(form).contains("建议意见", "检举控告", "申诉求决", bureau.name());

		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("idempotencyKey", find(Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\""), form));
		fields.put("kind", "GRIEVANCE");
		fields.put("title", "");
		fields.put("content", "药费清单与实际用药不符，请求核查。");
		fields.put("concernedUnitCode", hospital.code());
		fields.put("name", "赵六");
		fields.put("phone", "12");
		String again = page(browser.post("/portal/submit", fields), 200);
		assertThat(again).contains("必填", "电话号码格式不正确", "药费清单与实际用药不符");

		fields.put("title", "药费问题");
		fields.put("phone", "13712345678");
		String result = page(browser.post("/portal/submit", fields), 200);
		String code = find(CODE, result);
		String secret = find(SECRET, result);
		assertThat(result).contains("请妥善保管");

		browser.get("/portal/track");
		assertThat(page(browser.post("/portal/track", Map.of("code", code, "secret", "WRONGWRONG")), 200))
			.contains("查询码或查询密码不正确");
		assertThat(page(browser.post("/portal/track", Map.of("code", code, "secret", secret)), 200))
			.contains("已登记", bureau.name(), "暂无文书");
	}

	@Test
	void repeatedFailuresOnThePageAnswer429WithRetryAfter() {
		String client = newClient();
		FormClient browser = new FormClient(port).forwardedFor(client);
		browser.get("/portal/track");
		for (int i = 0; i < 10; i++) {
			page(browser.post("/portal/track", Map.of("code", "XF2222222222", "secret", "WRONG" + i)), 200);
		}
		HttpResponse<String> blocked = browser.post("/portal/track", Map.of("code", "XF2222222222", "secret", "X"));
		assertThat(blocked.statusCode()).isEqualTo(429);
		assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
		assertThat(blocked.body()).contains("查询失败次数过多");
		// another client is not affected
		FormClient other = new FormClient(port).forwardedFor(newClient());
		other.get("/portal/track");
		assertThat(page(other.post("/portal/track", Map.of("code", "XF2222222222", "secret", "X")), 200))
			.contains("查询码或查询密码不正确");
	}

	@Test
	void staffPagesShowTheFormTheListAndAMaskedReport() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		StaffPrincipal hospitalHead = fixtures.user(hospital, Role.UNIT_HEAD);

		FormClient clerk = new FormClient(port).signIn(registrar.username(), Fixtures.PASSWORD);
		assertThat(page(clerk.get("/staff/intake/new"), 200)).contains("集体访", "上级转送/交办", "来信材料");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("channel", "LETTER");
		fields.put("kind", "REPORT");
		fields.put("title", "反映某科室收受红包");
		fields.put("content", "某医生在手术前收受患者家属红包。");
		fields.put("concernedUnitCode", hospital.code());
		fields.put("receivedOn", "");
		fields.put("headcount", "");
		fields.put("petitioners[0].name", "钱七");
		fields.put("petitioners[0].phone", "13612345678");
		fields.put("petitioners[1].name", "");
		String registered = page(clerk.post("/staff/intake/new", fields), 200);
		assertThat(registered).contains("已登记", "查询密码");
		// a report is protected: the registering office too sees the reporter masked until it reveals them
		assertThat(page(clerk.get("/staff/matters"), 200)).contains("反映某科室收受红包").doesNotContain("钱七");
		// the search box finds it by a word inside its content, and not by a word it lacks
		assertThat(page(clerk.get("/staff/matters?q=" + enc("手术 红包")), 200)).contains("反映某科室收受红包");
		assertThat(page(clerk.get("/staff/matters?q=" + enc("牙科")), 200)).doesNotContain("反映某科室收受红包");

		FormClient accused = new FormClient(port).signIn(hospitalHead.username(), Fixtures.PASSWORD);
		String list = page(accused.get("/staff/matters"), 200);
		assertThat(list).contains("反映某科室收受红包").doesNotContain("钱七");
		String id = find(Pattern.compile("href=\"/staff/matters/(\\d+)\""), list);
		assertThat(page(accused.get("/staff/matters/" + id), 200)).contains("masked-notice")
			.doesNotContain("钱七", "13612345678");
	}

	private static String enc(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String page(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(status);
		return response.body();
	}

	static String find(Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		assertThat(m.find()).as("%s in page", pattern).isTrue();
		return m.group(1);
	}

	/** A fresh client address, so the look-up throttle of one test never touches another. */
	private static String newClient() {
		UUID u = UUID.randomUUID();
		return "10." + (u.hashCode() & 0x7f) + "." + ((u.hashCode() >> 8) & 0xff) + "." + ((u.hashCode() >> 16) & 0xff);
	}
}
