package org.xinfang.handling;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;

/** Drives matters through the API in tests: registration, staff actions, the petitioner's actions. */
class MatterFlow {

	private static final AtomicInteger sequence = new AtomicInteger((int) (System.nanoTime() % 10_000_000));

	private final RestTestClient http;

	MatterFlow(RestTestClient http) {
		this.http = http;
	}

	/** A registered matter: its id, tracking code and query secret. */
	record Registered(long id, String code, String secret, Map<?, ?> answer) {
	}

	Registered register(StaffPrincipal registrar, String kind, Unit concerned, LocalDate receivedOn) {
		return register(registrar, kind, concerned, receivedOn, Map.of());
	}

	/** {@code contact} adds to the petitioner, e.g. {@code phone} and {@code email}. */
	Registered register(StaffPrincipal registrar, String kind, Unit concerned, LocalDate receivedOn,
			Map<String, Object> contact) {
		return register(registrar, kind, concerned, receivedOn, contact, List.of());
	}

	/** {@code coPetitioners} follow the petitioner 王五 on a joint petition (联名信访), each a map of fields. */
	Registered register(StaffPrincipal registrar, String kind, Unit concerned, LocalDate receivedOn,
			Map<String, Object> contact, List<Map<String, Object>> coPetitioners) {
		int n = sequence.incrementAndGet();
		Map<String, Object> petitioner = new LinkedHashMap<>();
		petitioner.put("name", "王五");
		petitioner.put("idNumber", String.format("5201031985%08d", n % 100_000_000));
		petitioner.putAll(contact);
		List<Map<String, Object>> petitioners = new java.util.ArrayList<>();
		petitioners.add(petitioner);
		petitioners.addAll(coPetitioners);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "LETTER");
		body.put("kind", kind);
		body.put("title", "反映医院收费问题");
		body.put("content", "在医院就诊时被多收费用，请求核查。");
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", concerned.code());
		body.put("petitioners", petitioners);
		if (receivedOn != null) {
			body.put("receivedOn", receivedOn.toString());
		}
		Map<?, ?> answer = http.post().uri("/api/v1/matters")
			.headers(h -> h.setBasicAuth(registrar.username(), Fixtures.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return new Registered(((Number) answer.get("id")).longValue(), (String) answer.get("trackingCode"),
				(String) answer.get("querySecret"), answer);
	}

	Map<?, ?> act(StaffPrincipal user, long id, String action, Object body, int status) {
		return exchange(user, id, action, body, null, status);
	}

	Map<?, ?> act(StaffPrincipal user, long id, String action, Object body) {
		return act(user, id, action, body, 200);
	}

	Map<?, ?> exchange(StaffPrincipal user, long id, String action, Object body, String ifMatch, int status) {
		var request = http.post().uri("/api/v1/matters/" + id + "/actions/" + action)
			.headers(h -> {
				h.setBasicAuth(user.username(), Fixtures.PASSWORD);
				if (ifMatch != null) {
					h.set("If-Match", ifMatch);
				}
			})
			.contentType(MediaType.APPLICATION_JSON);
		var spec = body == null ? request.exchange() : request.body(body).exchange();
		return spec.expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
	}

	Map<?, ?> actAsPetitioner(Registered m, String action, Object body, int status) {
		return http.post().uri("/api/v1/public/petitions/" + m.code() + "/actions/" + action)
			.header("X-Query-Secret", m.secret())
			.header("X-Forwarded-For", "10.9." + (sequence.incrementAndGet() % 250) + ".7")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	Map<?, ?> track(Registered m) {
		return http.get().uri("/api/v1/public/petitions/" + m.code())
			.header("X-Query-Secret", m.secret())
			.header("X-Forwarded-For", "10.8." + (sequence.incrementAndGet() % 250) + ".7")
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	Map<?, ?> get(StaffPrincipal user, String uri) {
		return http.get().uri(uri)
			.headers(h -> h.setBasicAuth(user.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	Map<?, ?> matter(StaffPrincipal user, long id) {
		return get(user, "/api/v1/matters/" + id);
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object json) {
		return (List<Object>) json;
	}

	/** The due date of the matter's deadline of this rule, or null. */
	static String due(Map<?, ?> matter, String rule) {
		return list(matter.get("deadlines")).stream()
			.map(d -> (Map<?, ?>) d)
			.filter(d -> rule.equals(d.get("rule")))
			.findFirst()
			.map(d -> (String) d.get("dueDate"))
			.orElse(null);
	}

	static String metOn(Map<?, ?> matter, String rule) {
		return list(matter.get("deadlines")).stream()
			.map(d -> (Map<?, ?>) d)
			.filter(d -> rule.equals(d.get("rule")))
			.findFirst()
			.map(d -> (String) d.get("metOn"))
			.orElse(null);
	}
}
