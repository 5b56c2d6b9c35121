package org.xinfang.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.xinfang.audit.AuditTrail;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Unit.UnitLevel;
import org.xinfang.organisation.Unit.UnitType;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * DOMAIN §9, issue #3 item 5, over the API: a protected matter (a report, or a complaint about the concerned
 * unit) never shows its petitioner to the unit complained about — list, detail, search, attachments, document
 * PDFs — and shows it to other staff only through an audited reveal by an authorised role.
 */
@XinfangTest
class IdentityProtectionTests {

	static final String NAME = "欧阳明远";

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail auditTrail;

	Unit bureau;

	Unit hospital;

	Unit ward;

	/** the receiving office: authorised, outside the complained-about unit */
	StaffPrincipal registrar;

	/** the complained-about unit's head: an authorised role, but inside */
	StaffPrincipal hospitalHead;

	/** a ward below the hospital: inside the complained-about subtree, sees the matters it handles */
	StaffPrincipal wardRegistrar;

	/** outside, but not an authorised role */
	StaffPrincipal bureauHandler;

	StaffPrincipal supervisor;

	@BeforeEach
	void organisation() {
		Unit commission = fixtures.commission();
		bureau = fixtures.bureauUnder(commission);
		hospital = fixtures.hospitalUnder(bureau);
		ward = fixtures.unit(hospital, "内科", UnitLevel.INSTITUTION, UnitType.HOSPITAL, false);
		registrar = fixtures.user(bureau, Role.REGISTRAR);
		hospitalHead = fixtures.user(hospital, Role.UNIT_HEAD, Role.REGISTRAR, Role.LEADER);
		wardRegistrar = fixtures.user(ward, Role.REGISTRAR, Role.UNIT_HEAD);
		bureauHandler = fixtures.user(bureau, Role.HANDLER);
		supervisor = fixtures.user(commission, Role.SUPERVISOR);
	}

	/** A grievance about the hospital, naming the petitioner in its own text too. */
	Map<String, Object> complaint(String kind, Boolean complainedAbout) {
		Map<String, Object> body = StaffIntakeTests.matter("LETTER", kind, hospital);
		Map<String, Object> petitioner = new LinkedHashMap<>(firstPetitioner(body));
		petitioner.put("name", NAME);
		petitioner.put("email", "oymy@example.cn");
		body.put("petitioners", List.of(petitioner));
		body.put("title", "反映医生收受红包");
		body.put("content", "我叫" + NAME + "，电话" + petitioner.get("phone") + "，在住院期间被医生索要红包。");
		if (complainedAbout != null) {
			body.put("concernedUnitComplainedAbout", complainedAbout);
		}
		return body;
	}

	@Test
	void theComplainedAboutUnitNeverSeesThePetitionerInDetailListSearchOrTimeline() {
		Map<String, Object> body = complaint("GRIEVANCE", true);
		long id = register(registrar, body);
		long attachmentId = upload(registrar, id, "欧阳明远的举报材料.pdf");
		// handled by a ward of the hospital: its staff see the matter, and are inside the unit complained about
		post(registrar, "/api/v1/matters/" + id + "/actions/ASSIGN", Map.of("unitCode", ward.code()), 200);

		for (StaffPrincipal inside : List.of(hospitalHead, wardRegistrar)) {
			Map<?, ?> detail = get(inside, "/api/v1/matters/" + id, 200);
			assertThat(detail.get("identityProtected")).isEqualTo(true);
			assertThat(detail.get("identityMasked")).isEqualTo(true);
			assertThat(detail.get("identityRevealable")).isEqualTo(false);
			assertThat(detail.get("concernedUnitComplainedAbout")).isEqualTo(true);
			assertThat((List<?>) detail.get("attachments")).isEmpty();
			Map<?, ?> p = (Map<?, ?>) ((List<?>) detail.get("petitioners")).get(0);
			assertThat(p.get("name")).isEqualTo("***");
			assertThat(p.get("phone")).isNull();
			assertThat(p.get("idNumber")).isNull();
			assertThat(p.get("address")).isNull();
			assertThat(p.get("email")).isNull();
			// nowhere in the whole answer: not in the content, not in the attachment's file name on the timeline
			assertThat(json(inside, "/api/v1/matters/" + id)).doesNotContain(NAME, phone(body), (String) body.get("_id"),
					"oymy@example.cn", "贵州省某县某镇");
			assertThat((String) detail.get("content")).contains("我叫***");

			Map<?, ?> listed = item(get(inside, "/api/v1/matters?size=100", 200), id);
			assertThat(listed.get("petitioner")).isEqualTo("***");
			assertThat(listed.get("idNumber")).isNull();
			assertThat(listed.get("identityMasked")).isEqualTo(true);
			assertThat(json(inside, "/api/v1/matters?size=100")).doesNotContain(NAME, (String) body.get("_id"));

			// the search does not tell whose matter it is: the name finds nothing, the subject finds it masked
			assertThat(ids(get(inside, "/api/v1/matters?size=100&q=" + NAME, 200))).doesNotContain(id);
			assertThat(ids(get(inside, "/api/v1/matters?size=100&q=" + phone(body), 200))).doesNotContain(id);
			assertThat(ids(get(inside, "/api/v1/matters?size=100&q=红包", 200))).contains(id);

			// the materials do not exist for them, and they may not reveal whatever their role
			http.get().uri("/api/v1/matters/" + id + "/attachments/" + attachmentId)
				.headers(h -> h.setBasicAuth(inside.username(), Fixtures.PASSWORD))
				.exchange().expectStatus().isNotFound();
			Map<?, ?> refused = reveal(inside, id, "核实情况", 403);
			assertThat(refused.get("type")).isEqualTo("https://xinfang.org/problems/identity-reveal-forbidden");
		}
		// nobody can find it by the petitioner's name, not even the receiving office
		assertThat(ids(get(registrar, "/api/v1/matters?size=100&q=" + NAME, 200))).doesNotContain(id);
		assertThat(auditTrail.forEntity("matter", id)).extracting(AuditTrail.Entry::action)
			.doesNotContain("IDENTITY_REVEALED");
	}

	@Test
	void otherStaffSeeItMaskedByDefaultAndAnAuthorisedRoleRevealsWithAnAuditedReason() {
		long id = register(registrar, complaint("GRIEVANCE", true));
		long attachmentId = upload(registrar, id, "evidence.pdf");

		Map<?, ?> detail = get(registrar, "/api/v1/matters/" + id, 200);
		assertThat(detail.get("identityMasked")).isEqualTo(true);
		assertThat(detail.get("identityRevealable")).isEqualTo(true);
		assertThat(((Map<?, ?>) ((List<?>) detail.get("petitioners")).get(0)).get("name")).isEqualTo("***");
		assertThat((List<?>) detail.get("attachments")).isEmpty();
		assertThat(item(get(registrar, "/api/v1/matters?size=100", 200), id).get("petitioner")).isEqualTo("***");
		// the materials need a reveal
		Map<?, ?> needsReveal = download(registrar, id, attachmentId, null, 403);
		assertThat(needsReveal.get("type")).isEqualTo("https://xinfang.org/problems/identity-reveal-required");
		// and a reveal needs a reason
		Map<?, ?> noReason = reveal(registrar, id, " ", 400);
		assertThat(noReason.get("type")).isEqualTo("https://xinfang.org/problems/invalid-fields");

		Map<?, ?> revealed = reveal(registrar, id, "需电话联系信访人核实情况", 201);
		Map<?, ?> p = (Map<?, ?>) ((List<?>) revealed.get("petitioners")).get(0);
		assertThat(p.get("name")).isEqualTo(NAME);
		assertThat(p.get("email")).isEqualTo("oymy@example.cn");
		assertThat(((List<?>) revealed.get("attachments"))).extracting(a -> (Object) ((Map<?, ?>) a).get("filename"))
			.containsExactly("evidence.pdf");
		long revealId = ((Number) revealed.get("revealId")).longValue();
		List<AuditTrail.Entry> audit = auditTrail.forEntity("matter", id);
		AuditTrail.Entry entry = audit.stream().filter(e -> e.action().equals("IDENTITY_REVEALED")).findFirst().orElseThrow();
		assertThat(entry.actor()).isEqualTo(registrar.username());
		assertThat(entry.details()).contains("需电话联系信访人核实情况").contains("\"revealId\":" + revealId);

		// the reveal is for that answer only: the matter itself stays masked
		assertThat(json(registrar, "/api/v1/matters/" + id)).doesNotContain(NAME);
		// under the reveal the materials come, each download audited
		http.get().uri("/api/v1/matters/" + id + "/attachments/" + attachmentId + "?reveal=" + revealId)
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk()
			.expectBody(byte[].class).isEqualTo(AttachmentTests.PDF);
		assertThat(auditTrail.forEntity("matter", id)).extracting(AuditTrail.Entry::action)
			.contains("IDENTITY_REVEALED", "PROTECTED_MATERIAL_DOWNLOADED");
		// someone else's reveal is not theirs
		StaffPrincipal colleague = fixtures.user(bureau, Role.UNIT_HEAD);
		download(colleague, id, attachmentId, revealId, 403);

		// the reveal's reason is in the matter's audit history: readable by a supervisor above, never by one of the
		// unit complained about, who is answered as if the matter's history did not exist
		String history = "/api/v1/admin/audit/entries?entityType=matter&entityId=" + id;
		assertThat(json(supervisor, history)).contains("需电话联系信访人核实情况");
		StaffPrincipal hospitalSupervisor = fixtures.user(hospital, Role.SUPERVISOR, Role.ADMIN);
		http.get().uri(history)
			.headers(h -> h.setBasicAuth(hospitalSupervisor.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isNotFound();
	}

	@Test
	void aRoleWithoutAuthorityCannotRevealEvenOutsideTheComplainedAboutUnit() {
		long id = register(registrar, complaint("REPORT", null));
		for (StaffPrincipal user : List.of(bureauHandler, supervisor)) {
			assertThat(get(user, "/api/v1/matters/" + id, 200).get("identityRevealable")).isEqualTo(false);
			Map<?, ?> refused = reveal(user, id, "想看看", 403);
			assertThat(refused.get("type")).isEqualTo("https://xinfang.org/problems/identity-reveal-forbidden");
		}
		// someone who cannot see the matter learns nothing
		StaffPrincipal stranger = fixtures.user(fixtures.bureauUnder(fixtures.commission()), Role.REGISTRAR);
		reveal(stranger, id, "核实", 404);
	}

	@Test
	void aReportIsAlwaysAboutItsUnitTheFlagNeedsAUnitAndAnUnprotectedMatterHasNothingToReveal() {
		long report = register(registrar, complaint("REPORT", null));
		assertThat(get(registrar, "/api/v1/matters/" + report, 200).get("concernedUnitComplainedAbout")).isEqualTo(true);

		Map<String, Object> noUnit = complaint("GRIEVANCE", true);
		noUnit.remove("concernedUnitCode");
		Map<?, ?> problem = post(registrar, "/api/v1/matters", noUnit, 400);
		assertThat(problem.get("errors").toString()).contains("concernedUnitComplainedAbout");

		long plain = register(registrar, complaint("GRIEVANCE", false));
		Map<?, ?> detail = get(hospitalHead, "/api/v1/matters/" + plain, 200);
		assertThat(detail.get("identityProtected")).isEqualTo(false);
		assertThat(((Map<?, ?>) ((List<?>) detail.get("petitioners")).get(0)).get("name")).isEqualTo(NAME);
		assertThat(ids(get(registrar, "/api/v1/matters?size=100&q=" + NAME, 200))).contains(plain);
		reveal(registrar, plain, "核实", 409);
	}

	@Test
	void aCitizenMarksTheUnitAsComplainedAboutOnline() {
		Map<String, Object> petitioner = new LinkedHashMap<>();
		petitioner.put("name", NAME);
		petitioner.put("phone", "1371234" + String.format("%04d", (int) (System.nanoTime() % 10000)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", "GRIEVANCE");
		body.put("title", "投诉医院服务态度");
		body.put("content", "护士态度恶劣。");
		body.put("concernedUnitCode", hospital.code());
		body.put("concernedUnitComplainedAbout", true);
		body.put("petitioner", petitioner);
		Map<?, ?> created = http.post().uri("/api/v1/public/petitions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange().expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody();
		long id = ((List<?>) get(hospitalHead, "/api/v1/matters?size=100", 200).get("items")).stream()
			.map(i -> (Map<?, ?>) i)
			.filter(i -> created.get("trackingCode").equals(i.get("trackingCode")))
			.map(i -> ((Number) i.get("id")).longValue())
			.findFirst()
			.orElseThrow();
		Map<?, ?> seen = get(hospitalHead, "/api/v1/matters/" + id, 200);
		assertThat(seen.get("identityMasked")).isEqualTo(true);
		assertThat(json(hospitalHead, "/api/v1/matters/" + id)).doesNotContain(NAME);
	}

	@Test
	void aDocumentNamingThePetitionerIsRefusedToTheComplainedAboutUnitAndNeedsARevealElsewhere() {
		long id = register(registrar, complaint("GRIEVANCE", true));
		post(registrar, "/api/v1/matters/" + id + "/actions/ASSIGN", Map.of("unitCode", hospital.code()), 200);
		post(hospitalHead, "/api/v1/matters/" + id + "/actions/REJECT", Map.of("reason", "不属于本院职责"), 200);
		List<?> documents = http.get().uri("/api/v1/matters/" + id + "/documents")
			.headers(h -> h.setBasicAuth(hospitalHead.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk()
			.expectBody(List.class).returnResult().getResponseBody();
		long documentId = ((Number) ((Map<?, ?>) documents.get(0)).get("id")).longValue();

		Map<?, ?> refused = getProblem(hospitalHead, "/api/v1/documents/" + documentId + "/pdf", 403);
		assertThat(refused.get("type")).isEqualTo("https://xinfang.org/problems/identity-protected");
		getProblem(registrar, "/api/v1/documents/" + documentId + "/pdf", 403);
		long revealId = ((Number) reveal(registrar, id, "复核告知书内容", 201).get("revealId")).longValue();
		http.get().uri("/api/v1/documents/" + documentId + "/pdf?reveal=" + revealId)
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk()
			.expectHeader().contentType(MediaType.APPLICATION_PDF);
		assertThat(auditTrail.forEntity("matter", id)).filteredOn(e -> e.action().equals("PROTECTED_MATERIAL_DOWNLOADED"))
			.singleElement()
			.satisfies(e -> assertThat(e.details()).contains("\"material\":\"document\""));
	}

	@Test
	void theOpenApiDocumentListsTheRevealAndTheExport() {
		String doc = http.get().uri("/api/v1/openapi").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(doc).contains("/api/v1/matters/{id}/identity-reveals", "/api/v1/matters/export.xlsx",
				"concernedUnitComplainedAbout");
	}

	// --- helpers

	@SuppressWarnings("unchecked")
	static Map<String, Object> firstPetitioner(Map<String, Object> body) {
		return (Map<String, Object>) ((List<?>) body.get("petitioners")).get(0);
	}

	static String phone(Map<String, Object> body) {
		return (String) firstPetitioner(body).get("phone");
	}

	long register(StaffPrincipal user, Map<String, Object> body) {
		return ((Number) post(user, "/api/v1/matters", body, 201).get("id")).longValue();
	}

	Map<?, ?> post(StaffPrincipal user, String uri, Object body, int status) {
		return http.post().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange().expectStatus().isEqualTo(status)
			.expectBody(Map.class).returnResult().getResponseBody();
	}

	Map<?, ?> reveal(StaffPrincipal user, long id, String reason, int status) {
		return post(user, "/api/v1/matters/" + id + "/identity-reveals", Map.of("reason", reason), status);
	}

	Map<?, ?> get(StaffPrincipal user, String uri, int status) {
		return http.get().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isEqualTo(status)
			.expectBody(Map.class).returnResult().getResponseBody();
	}

	Map<?, ?> getProblem(StaffPrincipal user, String uri, int status) {
		return http.get().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, MediaType.APPLICATION_PDF)
			.exchange().expectStatus().isEqualTo(status)
			.expectBody(Map.class).returnResult().getResponseBody();
	}

	Map<?, ?> download(StaffPrincipal user, long id, long attachmentId, Long revealId, int status) {
		return getProblem(user, "/api/v1/matters/" + id + "/attachments/" + attachmentId
				+ (revealId == null ? "" : "?reveal=" + revealId), status);
	}

	String json(StaffPrincipal user, String uri) {
		return http.get().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
	}

	static Map<?, ?> item(Map<?, ?> page, long id) {
		return ((List<?>) page.get("items")).stream()
			.map(i -> (Map<?, ?>) i)
			.filter(i -> ((Number) i.get("id")).longValue() == id)
			.findFirst()
			.orElseThrow();
	}

	static List<Long> ids(Map<?, ?> page) {
		return ((List<?>) page.get("items")).stream().map(i -> ((Number) ((Map<?, ?>) i).get("id")).longValue()).toList();
	}

	long upload(StaffPrincipal user, long id, String filename) {
		HttpHeaders partHeaders = new HttpHeaders();
		partHeaders.setContentType(MediaType.APPLICATION_PDF);
		ByteArrayResource resource = new ByteArrayResource(AttachmentTests.PDF) {
			@Override
			public String getFilename() {
				return filename;
			}
		};
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new HttpEntity<>(resource, partHeaders));
		Map<?, ?> info = http.post().uri("/api/v1/matters/" + id + "/attachments")
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.exchange().expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody();
		return ((Number) info.get("id")).longValue();
	}
}
