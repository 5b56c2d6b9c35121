package org.xinfang.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/** DOMAIN §9 on the staff pages: the matter page, the list and search, the reveal form and the export button. */
@XinfangTest
class IdentityProtectionPagesTests {

	static final String NAME = "欧阳明远";

	@LocalServerPort
	int port;

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail auditTrail;

	Unit hospital;

	StaffPrincipal registrar;

	StaffPrincipal hospitalHead;

	StaffPrincipal bureauHandler;

	long id;

	String idNumber;

	@BeforeEach
	void aComplaintAboutTheHospital() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		hospital = fixtures.hospitalUnder(bureau);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		hospitalHead = fixtures.user(hospital, Role.UNIT_HEAD, Role.REGISTRAR);
		bureauHandler = fixtures.user(bureau, Role.HANDLER);
		Map<String, Object> body = StaffIntakeTests.matter("LETTER", "GRIEVANCE", hospital);
		Map<String, Object> petitioner = new LinkedHashMap<>(IdentityProtectionTests.firstPetitioner(body));
		petitioner.put("name", NAME);
		body.put("petitioners", List.of(petitioner));
		body.put("content", "我叫" + NAME + "，投诉医院乱收费。");
		body.put("concernedUnitComplainedAbout", true);
		idNumber = (String) body.get("_id");
		id = ((Number) http.post().uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange().expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
	}

	@Test
	void theComplainedAboutUnitSeesNoIdentityOnAnyPageAndCannotReveal() {
		FormClient head = new FormClient(port).signIn(hospitalHead.username(), Fixtures.PASSWORD);
		HttpResponse<String> page = head.get("/staff/matters/" + id);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"masked-notice\"").doesNotContain("id=\"identity-reveal\"")
			.doesNotContain(NAME, idNumber);
		HttpResponse<String> list = head.get("/staff/matters");
		assertThat(list.body()).contains("/staff/matters/" + id).doesNotContain(NAME, idNumber.substring(0, 4) + "*");
		assertThat(head.get("/staff/matters?q=" + enc(NAME)).body()).doesNotContain("/staff/matters/" + id + "\"");
		assertThat(head.get("/staff/matters?q=" + enc("乱收费")).body()).contains("/staff/matters/" + id + "\"")
			.doesNotContain(NAME);

		HttpResponse<String> refused = head.post("/staff/matters/" + id + "/identity-reveals", Map.of("reason", "核实"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).doesNotContain(NAME);
	}

	@Test
	void anAuthorisedUserRevealsThroughTheFormAndTheRevealIsAudited() {
		FormClient reg = new FormClient(port).signIn(registrar.username(), Fixtures.PASSWORD);
		HttpResponse<String> page = reg.get("/staff/matters/" + id);
		assertThat(page.body()).contains("id=\"identity-reveal\"").doesNotContain(NAME);

		HttpResponse<String> noReason = reg.post("/staff/matters/" + id + "/identity-reveals", Map.of("reason", ""));
		assertThat(noReason.statusCode()).isEqualTo(302);
		assertThat(reg.get("/staff/matters/" + id).body()).contains("id=\"action-error\"");

		HttpResponse<String> revealed = reg.post("/staff/matters/" + id + "/identity-reveals",
				Map.of("reason", "电话回访信访人"));
		assertThat(revealed.statusCode()).isEqualTo(200);
		assertThat(revealed.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		assertThat(revealed.body()).contains(NAME, idNumber, "电话回访信访人", "id=\"reveal-notice\"");
		assertThat(auditTrail.forEntity("matter", id)).filteredOn(e -> e.action().equals("IDENTITY_REVEALED"))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.actor()).isEqualTo(registrar.username());
				assertThat(e.details()).contains("电话回访信访人");
			});
		// shown for that response only
		assertThat(reg.get("/staff/matters/" + id).body()).doesNotContain(NAME);
	}

	@Test
	void aHandlerGetsNoRevealFormAndIsRefused() {
		FormClient handler = new FormClient(port).signIn(bureauHandler.username(), Fixtures.PASSWORD);
		assertThat(handler.get("/staff/matters/" + id).body()).contains("id=\"masked-notice\"")
			.doesNotContain("id=\"identity-reveal\"", NAME);
		assertThat(handler.post("/staff/matters/" + id + "/identity-reveals", Map.of("reason", "看看")).statusCode())
			.isEqualTo(403);
	}

	@Test
	void theExportButtonExportsTheListShownMaskedAndAudited() throws IOException {
		FormClient reg = new FormClient(port).signIn(registrar.username(), Fixtures.PASSWORD);
		String list = reg.get("/staff/matters?q=" + enc("乱收费")).body();
		Matcher link = Pattern.compile("id=\"export\"[^>]*href=\"([^\"]+)\"|href=\"([^\"]+)\"[^>]*id=\"export\"").matcher(list);
		assertThat(link.find()).isTrue();
		String href = (link.group(1) != null ? link.group(1) : link.group(2)).replace("&amp;", "&");
		assertThat(href).startsWith("/api/v1/matters/export.xlsx");
		HttpResponse<byte[]> export = reg.download(href);
		assertThat(export.statusCode()).isEqualTo(200);
		List<List<String>> rows = MatterExportTests.rows(export.body());
		assertThat(rows).hasSize(2);
		assertThat(rows.get(1).get(5)).isEqualTo("***");
		assertThat(auditTrail.forEntity("matter-export", registrar.username())).singleElement()
			.satisfies(e -> assertThat(e.details()).contains("乱收费").contains("\"rows\":1"));
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
