package org.xinfang.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.audit.AuditTrail;
import org.xinfang.calendar.DueDates;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class StaffIntakeTests {

	static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail auditTrail;

	@Autowired
	DueDates dueDates;

	@Test
	void letterIsRegisteredWithTrackingCodeSecretAndTriageDeadline() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		Map<String, Object> body = matter("LETTER", "GRIEVANCE", hospital);
		body.put("receivedOn", TODAY.minusDays(3).toString());

		Map<?, ?> created = register(registrar, body, 201);

		assertThat((String) created.get("trackingCode")).matches("XF[2-9A-HJKMNP-Z]{10}");
		assertThat((String) created.get("querySecret")).hasSize(10);
		assertThat(created.get("status")).isEqualTo("REGISTERED");
		assertThat(created.get("repeatOf")).isNull();
		// the receiving office triages it next (handling module)
		assertThat(created.get("allowedActions"))
			.isEqualTo(List.of("ASSIGN", "FORWARD", "REDIRECT_LEGAL_ROUTE", "ROUTE_TO_DISCIPLINE"));
		Map<?, ?> deadline = (Map<?, ?>) ((List<?>) created.get("deadlines")).get(0);
		assertThat(deadline.get("rule")).isEqualTo("TRIAGE");
		assertThat(deadline.get("dueDate")).isEqualTo(dueDates.dueDate("TRIAGE", TODAY.minusDays(3)).toString());
		assertThat(deadline.get("state")).isEqualTo("ON_TRACK");

		long id = ((Number) created.get("id")).longValue();
		Map<?, ?> detail = get(registrar, "/api/v1/matters/" + id, 200);
		assertThat(detail.get("channel")).isEqualTo("LETTER");
		assertThat(detail.get("receivedOn")).isEqualTo(TODAY.minusDays(3).toString());
		assertThat(detail.get("registeredBy")).isEqualTo(registrar.username());
		assertThat(((Map<?, ?>) detail.get("receivingUnit")).get("code")).isEqualTo(bureau.code());
		assertThat(((Map<?, ?>) detail.get("concernedUnit")).get("code")).isEqualTo(hospital.code());
		Map<?, ?> petitioner = (Map<?, ?>) ((List<?>) detail.get("petitioners")).get(0);
		assertThat(petitioner.get("name")).isEqualTo("张三");
		assertThat(petitioner.get("idNumber")).isEqualTo(body.get("_id"));
		assertThat(((Map<?, ?>) ((List<?>) detail.get("timeline")).get(0)).get("type")).isEqualTo("REGISTERED");
		assertThat(auditTrail.forEntity("matter", id)).extracting(AuditTrail.Entry::action)
			.containsExactly("MATTER_REGISTERED");
	}

	@Test
	void everyStaffChannelCanBeRegistered() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		for (String channel : List.of("LETTER", "VISIT", "PHONE", "LEADER_MAILBOX", "LEADER_RECEPTION")) {
			register(registrar, matter(channel, "PROPOSAL", bureau), 201);
		}
		Map<String, Object> transferred = matter("TRANSFERRED", "GRIEVANCE", bureau);
		transferred.put("sourceBody", "州信访局");
		transferred.put("sourceReference", "州信转〔2025〕12号");
		register(registrar, transferred, 201);
		register(registrar, groupVisit(bureau, 30, 2), 201);
	}

	@Test
	void invalidInputIsA400ProblemNamingEachField() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "CARRIER_PIGEON");
		body.put("kind", "REPORT");
		body.put("title", " ");
		body.put("content", "内容");
		body.put("categoryCode", "NO_SUCH_CATEGORY");
		body.put("concernedUnitCode", "NO-SUCH-UNIT");
		body.put("receivedOn", TODAY.plusDays(1).toString());
		body.put("petitioners", List.of(Map.of("name", "李四", "idNumber", "12345", "phone", "abc")));

		http.post().uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://xinfang.org/problems/invalid-fields")
			.jsonPath("$.errors[*].field").value(fields -> assertThat(list(fields)).contains("channel", "title",
					"categoryCode", "concernedUnitCode", "receivedOn", "petitioners[0].idNumber",
					"petitioners[0].phone"))
			.jsonPath("$.errors[0].message").isNotEmpty();

		Map<String, Object> noPetitioner = matter("VISIT", "GRIEVANCE", bureau);
		noPetitioner.put("petitioners", List.of());
		assertThat(errorFields(registrar, noPetitioner)).containsExactly("petitioners");

		Map<String, Object> online = matter("ONLINE", "GRIEVANCE", bureau);
		assertThat(errorFields(registrar, online)).containsExactly("channel");
	}

	@Test
	void groupVisitNeedsFivePeopleAndOneToFiveRepresentatives() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);

		assertThat(errorFields(registrar, groupVisit(bureau, 4, 1))).containsExactly("headcount");
		Map<String, Object> noHeadcount = groupVisit(bureau, 10, 1);
		noHeadcount.remove("headcount");
		assertThat(errorFields(registrar, noHeadcount)).containsExactly("headcount");
		assertThat(errorFields(registrar, groupVisit(bureau, 20, 6))).containsExactly("petitioners");
		assertThat(errorFields(registrar, groupVisit(bureau, 20, 0))).containsExactly("petitioners");

		Map<?, ?> created = register(registrar, groupVisit(bureau, 20, 5), 201);
		Map<?, ?> detail = get(registrar, "/api/v1/matters/" + created.get("id"), 200);
		assertThat(detail.get("headcount")).isEqualTo(20);
		assertThat(list(detail.get("petitioners"))).hasSize(6)
			.filteredOn(p -> Boolean.TRUE.equals(((Map<?, ?>) p).get("representative")))
			.hasSize(5);
	}

	@Test
	void transferredMatterNeedsSourceBodyAndReference() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		Map<String, Object> body = matter("TRANSFERRED", "GRIEVANCE", bureau);
		assertThat(errorFields(registrar, body)).containsExactly("sourceBody", "sourceReference");
		body.put("sourceBody", "省卫生健康委");
		assertThat(errorFields(registrar, body)).containsExactly("sourceReference");
	}

	@Test
	void repeatRequestOfAnOpenMatterIsLinkedNotDuplicated() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		Map<String, Object> first = matter("LETTER", "GRIEVANCE", hospital);
		Map<?, ?> created = register(registrar, first, 201);
		long id = ((Number) created.get("id")).longValue();

		// the same person (same ID number) comes in person about the same unit and category
		Map<String, Object> again = matter("VISIT", "GRIEVANCE", hospital);
		again.put("petitioners", List.of(Map.of("name", "张三", "idNumber", first.get("_id"))));
		Map<?, ?> linked = register(registrar, again, 200);
		assertThat(linked.get("repeatOf")).isEqualTo(created.get("id"));
		assertThat(linked.get("id")).isEqualTo(created.get("id"));
		assertThat(linked.get("trackingCode")).isEqualTo(created.get("trackingCode"));
		assertThat(linked.get("querySecret")).isNull();

		// or by phone and name
		Map<String, Object> byPhone = matter("PHONE", "GRIEVANCE", hospital);
		byPhone.put("petitioners", List.of(Map.of("name", "张三", "phone", "139-0000-" + first.get("_phone4"))));
		assertThat(register(registrar, byPhone, 200).get("repeatOf")).isEqualTo(created.get("id"));

		Map<?, ?> detail = get(registrar, "/api/v1/matters/" + id, 200);
		assertThat(detail.get("repeatCount")).isEqualTo(2);
		assertThat(list(detail.get("timeline"))).extracting(e -> (Object) ((Map<?, ?>) e).get("type"))
			.containsExactly("REGISTERED", "REPEAT_REQUEST", "REPEAT_REQUEST");
		assertThat(auditTrail.forEntity("matter", id)).extracting(AuditTrail.Entry::action)
			.containsExactly("MATTER_REGISTERED", "REPEAT_LINKED", "REPEAT_LINKED");

		// a different category is a different matter
		Map<String, Object> other = matter("VISIT", "GRIEVANCE", hospital);
		other.put("categoryCode", "CHARGES");
		other.put("petitioners", List.of(Map.of("name", "张三", "idNumber", first.get("_id"))));
		assertThat(register(registrar, other, 201).get("id")).isNotEqualTo(created.get("id"));
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyChangesNothing() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		Map<String, Object> letter = matter("LETTER", "GRIEVANCE", hospital);
		String key = "staff-retry-" + System.nanoTime();
		Map<?, ?> first = register(registrar, letter, key, 201);
		Map<?, ?> again = register(registrar, letter, key, 201);
		assertThat(again.get("id")).isEqualTo(first.get("id"));
		assertThat(again.get("trackingCode")).isEqualTo(first.get("trackingCode"));
		assertThat(again.get("querySecret")).isEqualTo(first.get("querySecret"));
		long id = ((Number) first.get("id")).longValue();
		assertThat(auditTrail.forEntity("matter", id)).extracting(AuditTrail.Entry::action)
			.containsExactly("MATTER_REGISTERED");

		// the same key with another body is refused; a malformed key is named
		Map<String, Object> other = matter("LETTER", "GRIEVANCE", hospital);
		assertThat(register(registrar, other, key, 422).get("type").toString()).endsWith("idempotency-key-reused");
		assertThat(register(registrar, other, "short", 400).get("errors").toString()).contains("Idempotency-Key");

		// a repeat request retried: linked once, counted once
		Map<String, Object> repeat = matter("VISIT", "GRIEVANCE", hospital);
		repeat.put("petitioners", List.of(Map.of("name", "张三", "idNumber", letter.get("_id"))));
		String repeatKey = "staff-repeat-" + System.nanoTime();
		assertThat(register(registrar, repeat, repeatKey, 200).get("repeatOf")).isEqualTo(first.get("id"));
		assertThat(register(registrar, repeat, repeatKey, 200).get("repeatOf")).isEqualTo(first.get("id"));
		assertThat(get(registrar, "/api/v1/matters/" + id, 200).get("repeatCount")).isEqualTo(1);
		assertThat(auditTrail.forEntity("matter", id)).extracting(AuditTrail.Entry::action)
			.containsExactly("MATTER_REGISTERED", "REPEAT_LINKED");
	}

	@Test
	void userOfAnotherCountySeesNeitherTheMatterNorItInTheList() {
		Unit commission = fixtures.commission();
		Unit county1 = fixtures.bureauUnder(commission);
		Unit county2 = fixtures.bureauUnder(commission);
		StaffPrincipal registrar = fixtures.user(county1, Role.REGISTRAR);
		StaffPrincipal stranger = fixtures.user(county2, Role.REGISTRAR, Role.HANDLER);
		StaffPrincipal prefecture = fixtures.user(commission, Role.SUPERVISOR);
		Object id = register(registrar, matter("VISIT", "GRIEVANCE", fixtures.hospitalUnder(county1)), 201).get("id");

		http.get().uri("/api/v1/matters/" + id)
			.headers(h -> h.setBasicAuth(stranger.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(list(get(stranger, "/api/v1/matters?size=100", 200).get("items"))).isEmpty();

		get(prefecture, "/api/v1/matters/" + id, 200);
		List<Object> items = list(get(prefecture, "/api/v1/matters?size=100", 200).get("items"));
		assertThat(items).extracting(i -> (Object) ((Map<?, ?>) i).get("id")).containsExactly(id);
	}

	@Test
	void reporterIsMaskedFromTheUnitReportedOn() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		StaffPrincipal hospitalHead = fixtures.user(hospital, Role.UNIT_HEAD);
		Map<String, Object> report = matter("LETTER", "REPORT", hospital);
		Object id = register(registrar, report, 201).get("id");

		Map<?, ?> seenByHospital = get(hospitalHead, "/api/v1/matters/" + id, 200);
		assertThat(seenByHospital.get("identityMasked")).isEqualTo(true);
		Map<?, ?> masked = (Map<?, ?>) ((List<?>) seenByHospital.get("petitioners")).get(0);
		assertThat(masked.get("name")).isEqualTo("***");
		assertThat(masked.get("phone")).isNull();
		assertThat(masked.get("idNumber")).isNull();
		assertThat(masked.get("address")).isNull();
		Map<?, ?> listed = (Map<?, ?>) ((List<?>) get(hospitalHead, "/api/v1/matters", 200).get("items")).get(0);
		assertThat(listed.get("petitioner")).isEqualTo("***");
		assertThat(listed.get("idNumber")).isNull();

		// the receiving office sees it masked too until it reveals it (IdentityProtectionTests)
		Map<?, ?> seenByBureau = get(registrar, "/api/v1/matters/" + id, 200);
		assertThat(seenByBureau.get("identityMasked")).isEqualTo(true);
		assertThat(seenByBureau.get("identityRevealable")).isEqualTo(true);
		assertThat(((Map<?, ?>) ((List<?>) seenByBureau.get("petitioners")).get(0)).get("name")).isEqualTo("***");
	}

	@Test
	void listIsNewestFirstWithIdNumbersMasked() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		Map<String, Object> older = matter("LETTER", "PROPOSAL", bureau);
		older.put("receivedOn", TODAY.minusDays(10).toString());
		Object olderId = register(registrar, older, 201).get("id");
		Map<String, Object> newer = matter("VISIT", "PROPOSAL", bureau);
		Object newerId = register(registrar, newer, 201).get("id");

		Map<?, ?> page = get(registrar, "/api/v1/matters?size=10&sort=RECEIVED", 200);
		assertThat(page.get("total")).isEqualTo(2);
		List<Object> items = list(page.get("items"));
		assertThat(items).extracting(i -> (Object) ((Map<?, ?>) i).get("id")).containsExactly(newerId, olderId);
		String id = (String) newer.get("_id");
		assertThat(((Map<?, ?>) items.get(0)).get("idNumber"))
			.isEqualTo(id.substring(0, 4) + "**********" + id.substring(14));
	}

	@Test
	void onlyRegistrarsAndAdministratorsRegister() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		StaffPrincipal handler = fixtures.user(bureau, Role.HANDLER);
		register(handler, matter("VISIT", "GRIEVANCE", bureau), 403);
	}

	// --- helpers

	private static int sequence = (int) (System.nanoTime() % 100_000_000);

	/** A valid body with a unique petitioner (keys starting with "_" are test notes, ignored by the API). */
	static Map<String, Object> matter(String channel, String kind, Unit concerned) {
		int n = ++sequence;
		String idNumber = String.format("5201021990%08d", n % 100_000_000);
		String phone4 = String.format("%04d", n % 10000);
		Map<String, Object> petitioner = new LinkedHashMap<>();
		petitioner.put("name", "张三");
		petitioner.put("phone", "1390000" + phone4);
		petitioner.put("idNumber", idNumber);
		petitioner.put("address", "贵州省某县某镇");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", channel);
		body.put("kind", kind);
		body.put("title", "反映门诊收费问题");
		body.put("content", "本人在门诊就诊时被重复收取检查费，请求核查退费。");
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", concerned.code());
		body.put("petitioners", List.of(petitioner));
		body.put("_id", idNumber);
		body.put("_phone4", phone4);
		return body;
	}

	static Map<String, Object> groupVisit(Unit concerned, int headcount, int representatives) {
		Map<String, Object> body = matter("GROUP_VISIT", "GRIEVANCE", concerned);
		body.put("headcount", headcount);
		List<Map<String, Object>> people = new ArrayList<>();
		for (int i = 0; i < Math.max(representatives, 1) + 1; i++) {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("name", "代表" + i);
			p.put("phone", "1380000" + String.format("%04d", (++sequence) % 10000));
			p.put("representative", i < representatives);
			people.add(p);
		}
		body.put("petitioners", people);
		return body;
	}

	Map<?, ?> register(StaffPrincipal user, Map<String, Object> body, int status) {
		return register(user, body, null, status);
	}

	Map<?, ?> register(StaffPrincipal user, Map<String, Object> body, String idempotencyKey, int status) {
		return http.post().uri("/api/v1/matters")
			.headers(h -> {
				h.setBasicAuth(user.username(), Fixtures.PASSWORD);
				if (idempotencyKey != null) {
					h.set("Idempotency-Key", idempotencyKey);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	List<Object> errorFields(StaffPrincipal user, Map<String, Object> body) {
		Map<?, ?> problem = register(user, body, 400);
		return list(problem.get("errors")).stream().map(e -> (Object) ((Map<?, ?>) e).get("field")).distinct().toList();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object json) {
		return (List<Object>) json;
	}

	Map<?, ?> get(StaffPrincipal user, String uri, int status) {
		return http.get().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}
}
