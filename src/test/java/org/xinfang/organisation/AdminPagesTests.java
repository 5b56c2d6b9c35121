package org.xinfang.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xinfang.support.FormClient;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/** The administration pages driven over real HTTP: form login, session cookie, CSRF token. */
@XinfangTest
class AdminPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Units units;

	@Test
	void anAdministratorCreatesAUnitThroughTheForm() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		FormClient browser = new FormClient(port).signIn(admin.username(), Fixtures.PASSWORD);
		String code = Fixtures.unique("PAGE");

		HttpResponse<String> form = browser.get("/admin/units/new?parent=" + county.code());
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("新增单位", "name=\"_csrf\"");

		HttpResponse<String> created = browser.post("/admin/units", Map.of("code", code, "name", "清水县第二人民医院",
				"parentCode", county.code(), "level", "INSTITUTION", "type", "HOSPITAL", "petitionOffice", "true"));
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/admin/units");

		HttpResponse<String> tree = browser.get("/admin/units");
		assertThat(tree.statusCode()).isEqualTo(200);
		assertThat(tree.body()).contains(code, "清水县第二人民医院", "单位 " + code + " 已创建");
		Unit unit = units.byCode(code).orElseThrow();
		assertThat(unit.parentId()).isEqualTo(county.id());
		assertThat(unit.petitionOffice()).isTrue();
	}

	@Test
	void aFormWithErrorsIsShownAgainWithTheEnteredDataAndReadableMessages() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		FormClient browser = new FormClient(port).signIn(admin.username(), Fixtures.PASSWORD);
		browser.get("/admin/units/new");

		HttpResponse<String> refused = browser.post("/admin/units", Map.of("code", "坏代码", "name", "我输入的名称",
				"parentCode", county.code(), "level", "TOWNSHIP", "type", "HEALTH_CENTRE"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("代码只能包含字母、数字", "value=\"我输入的名称\"", "value=\"坏代码\"");
		assertThat(refused.body()).containsPattern("value=\"TOWNSHIP\"\\s+selected");

		Map<String, Object> user = new LinkedHashMap<>();
		user.put("username", Fixtures.unique("page.user"));
		user.put("displayName", "页面用户");
		user.put("password", "short");
		user.put("unitCode", county.code());
		user.put("roles", List.of("HANDLER", "REGISTRAR"));
		browser.get("/admin/users/new");
		HttpResponse<String> weak = browser.post("/admin/users", user);
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("密码至少需要 10 个字符", "value=\"页面用户\"")
			.containsPattern("value=\"HANDLER\"\\s+checked");
	}

	@Test
	void aStaleEditKeepsTheTypedDataAndAMoveRefusesTheOwnSubtree() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(county);
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		FormClient browser = new FormClient(port).signIn(admin.username(), Fixtures.PASSWORD);
		browser.get("/admin/units/" + hospital.code() + "/edit");
		Map<String, Object> edit = Map.of("name", "第一次修改", "level", "INSTITUTION", "type", "HOSPITAL", "active",
				"true", "version", "0");
		assertThat(browser.post("/admin/units/" + hospital.code(), edit).statusCode()).isEqualTo(302);

		browser.get("/admin/units/" + hospital.code() + "/edit");
		HttpResponse<String> stale = browser.post("/admin/units/" + hospital.code(),
				Map.of("name", "第二次修改", "level", "INSTITUTION", "type", "HOSPITAL", "active", "true", "version", "0"));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("已被他人修改", "value=\"第二次修改\"");

		browser.get("/admin/units/" + hospital.code() + "/edit");
		HttpResponse<String> move = browser.post("/admin/units/" + hospital.code() + "/move",
				Map.of("parentCode", hospital.code(), "version", "1"));
		assertThat(move.statusCode()).isEqualTo(400);
		assertThat(move.body()).contains("不能把单位移动到其自身或其下级单位之下");
		assertThat(units.byCode(hospital.code()).orElseThrow().name()).isEqualTo("第一次修改");
	}

	@Test
	void anAdministratorUnlocksAnAccountOnItsPage() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		StaffPrincipal handler = fixtures.user(county, Role.HANDLER);
		FormClient locked = new FormClient(port);
		for (int i = 0; i < 5; i++) {
			locked.get("/login");
			locked.post("/login", Map.of("username", handler.username(), "password", "wrong-password"));
		}
		FormClient browser = new FormClient(port).signIn(admin.username(), Fixtures.PASSWORD);
		assertThat(browser.get("/admin/users").body()).contains(handler.username(), "已锁定");

		HttpResponse<String> page = browser.get("/admin/users/" + handler.username() + "/edit");
		assertThat(page.body()).contains("解除锁定");
		HttpResponse<String> unlocked = browser.post("/admin/users/" + handler.username() + "/unlock", Map.of());
		assertThat(unlocked.statusCode()).isEqualTo(302);

		new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD);
	}

	@Test
	void aPasswordResetEndsTheUsersOpenSessions() {
		Unit county = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		StaffPrincipal handler = fixtures.user(county, Role.HANDLER);
		FormClient handlerBrowser = new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD);
		assertThat(handlerBrowser.get("/staff").statusCode()).isEqualTo(200);

		FormClient browser = new FormClient(port).signIn(admin.username(), Fixtures.PASSWORD);
		browser.get("/admin/users/" + handler.username() + "/edit");
		HttpResponse<String> reset = browser.post("/admin/users/" + handler.username() + "/password",
				Map.of("password", "another-long-password"));
		assertThat(reset.statusCode()).isEqualTo(302);

		HttpResponse<String> after = handlerBrowser.get("/staff");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/login");
		new FormClient(port).signIn(handler.username(), "another-long-password");
		assertThat(browser.get("/staff").statusCode()).as("the administrator stays signed in").isEqualTo(200);
	}

	@Test
	void administrationPagesAreClosedToOtherStaffAndOutsideTheScope() {
		Unit commission = fixtures.commission();
		Unit county = fixtures.bureauUnder(commission);
		Unit otherCounty = fixtures.bureauUnder(commission);
		StaffPrincipal handler = fixtures.user(county, Role.HANDLER);
		FormClient staff = new FormClient(port).signIn(handler.username(), Fixtures.PASSWORD);
		assertThat(staff.get("/admin").statusCode()).isEqualTo(403);
		assertThat(staff.get("/admin/units").statusCode()).isEqualTo(403);

		StaffPrincipal admin = fixtures.user(county, Role.ADMIN);
		FormClient browser = new FormClient(port).signIn(admin.username(), Fixtures.PASSWORD);
		assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
		assertThat(browser.get("/admin/units").body()).contains(county.code()).doesNotContain(otherCounty.code(),
				commission.code());
		assertThat(browser.get("/admin/units/" + otherCounty.code() + "/edit").statusCode()).isEqualTo(404);
		assertThat(browser.get("/admin/categories").body()).contains("MEDICAL_DISPUTE", "最高一级单位");
	}

	@Test
	void aTopLevelAdministratorMaintainsTheDictionaries() {
		Unit commission = fixtures.commission();
		StaffPrincipal admin = fixtures.user(commission, Role.ADMIN);
		FormClient browser = new FormClient(port).signIn(admin.username(), Fixtures.PASSWORD);
		String code = Fixtures.unique("CAT_").toUpperCase();

		browser.get("/admin/categories");
		HttpResponse<String> created = browser.post("/admin/categories",
				Map.of("code", code, "nameZh", "测试分类", "nameEn", "Test category", "sortOrder", "500"));
		assertThat(created.statusCode()).isEqualTo(302);
		browser.get("/admin/categories/" + code + "/edit");
		HttpResponse<String> saved = browser.post("/admin/categories/" + code,
				Map.of("nameZh", "测试分类（停用）", "nameEn", "Test category", "sortOrder", "500", "version", "0"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(browser.get("/admin/categories").body()).contains("测试分类（停用）", "已停用");

		browser.get("/admin/legal-routes");
		HttpResponse<String> missing = browser.post("/admin/legal-routes",
				Map.of("code", code, "nameZh", "测试途径", "nameEn", "Test route", "sortOrder", "x"));
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("必填", "请输入整数", "value=\"测试途径\"");
	}

	@Test
	void everyAdministrationPageHasItsTextsInBothLanguages() {
		Unit commission = fixtures.commission();
		Unit county = fixtures.bureauUnder(commission);
		StaffPrincipal admin = fixtures.user(commission, Role.ADMIN);
		StaffPrincipal user = fixtures.user(county, Role.HANDLER);
		for (String language : List.of("zh-CN", "en")) {
			FormClient browser = new FormClient(port).language(language).signIn(admin.username(), Fixtures.PASSWORD);
			for (String page : List.of("/admin", "/admin/units", "/admin/units/new", "/admin/units/" + county.code() + "/edit",
					"/admin/users", "/admin/users/new", "/admin/users/" + user.username() + "/edit", "/admin/categories",
					"/admin/categories/OTHER/edit", "/admin/legal-routes", "/admin/legal-routes/CIVIL_SUIT/edit")) {
				HttpResponse<String> response = browser.get(page);
				assertThat(response.statusCode()).as(page).isEqualTo(200);
				assertThat(response.body()).as(page + " " + language).doesNotContain("??");
			}
			assertThat(browser.get("/admin/units").body()).contains(language.equals("en") ? "Organisation" : "组织机构");
		}
	}
}
