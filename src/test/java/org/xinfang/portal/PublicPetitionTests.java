package org.xinfang.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class PublicPetitionTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void citizenSubmitsOnlineAndTracksWithCodeAndSecret() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		Map<?, ?> submitted = submit(petition(hospital), null, 201);
		String code = (String) submitted.get("trackingCode");
		assertThat(code).matches("XF[2-9A-HJKMNP-Z]{10}");
		assertThat((String) submitted.get("querySecret")).hasSize(10);
		assertThat(submitted.get("status")).isEqualTo("REGISTERED");
		assertThat(submitted.get("receivedAt")).isNotNull();

		Map<?, ?> status = track(code, (String) submitted.get("querySecret"), newClient(), 200);
		assertThat(status.get("trackingCode")).isEqualTo(code);
		assertThat(status.get("statusLabel")).isEqualTo("已登记");
		// the petition office nearest above the hospital receives it
		assertThat(status.get("handlingUnit")).isEqualTo(bureau.name());
		assertThat((List<?>) status.get("deadlines")).hasSize(1);
		assertThat((List<?>) status.get("timeline")).hasSize(1);
		assertThat(status.get("documents")).isEqualTo(List.of());
		assertThat(status.get("allowedActions")).isEqualTo(List.of());
		assertThat(jdbc.sql("SELECT channel FROM matter WHERE tracking_code = :c").param("c", code)
			.query(String.class).single()).isEqualTo("ONLINE");
	}

	@Test
	void wrongSecretAndUnknownCodeAnswerTheSame404() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		String code = (String) submit(petition(bureau), null, 201).get("trackingCode");
		String client = newClient();

		String wrongSecret = trackRaw(code, "WRONGSECRET", client, 404);
		String unknownCode = trackRaw("XF2222222222", "WRONGSECRET", client, 404);
		// identical apart from the echoed request path
		assertThat(wrongSecret.replace(code, "CODE")).isEqualTo(unknownCode.replace("XF2222222222", "CODE"))
			.contains("not-found");
	}

	@Test
	void repeatedFailuresFromOneClientAnswer429WithRetryAfter() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Map<?, ?> submitted = submit(petition(bureau), null, 201);
		String code = (String) submitted.get("trackingCode");
		String client = newClient();
		for (int i = 0; i < 10; i++) {
			trackRaw(code, "WRONG" + i, client, 404);
		}
		http.get().uri("/api/v1/public/petitions/" + code)
			.header("X-Query-Secret", (String) submitted.get("querySecret"))
			.header("X-Forwarded-For", client)
			.exchange()
			.expectStatus().isEqualTo(429)
			.expectHeader().exists("Retry-After")
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		// another client is not affected
		track(code, (String) submitted.get("querySecret"), newClient(), 200);
	}

	@Test
	void sameIdempotencyKeyReturnsTheSameMatter() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		String key = UUID.randomUUID().toString();
		Map<String, Object> body = petition(bureau);
		Map<?, ?> first = submit(body, key, 201);
		Map<?, ?> retry = submit(body, key, 201);
		assertThat(retry).isEqualTo(first);
		assertThat(countByKey(key)).isEqualTo(1);

		Map<String, Object> other = petition(bureau);
		submit(other, key, 422);
	}

	@Test
	void concurrentRetriesWithOneKeyCreateOneMatter() throws Exception {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		String key = UUID.randomUUID().toString();
		Map<String, Object> body = petition(bureau);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Map<?, ?>>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				Callable<Map<?, ?>> call = () -> submit(body, key, 201);
				answers.add(pool.submit(call));
			}
			var codes = new HashSet<Object>();
			for (Future<Map<?, ?>> answer : answers) {
				Map<?, ?> a = answer.get();
				codes.add(a.get("trackingCode") + "/" + a.get("querySecret"));
			}
			assertThat(codes).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(countByKey(key)).isEqualTo(1);
	}

	@Test
	void invalidInputIs400NamingEachField() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", "COMPLAINT");
		body.put("title", "");
		body.put("content", "内容");
		body.put("petitioner", Map.of("name", "王五", "idNumber", "X"));
		http.post().uri("/api/v1/public/petitions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
				.contains("kind", "title", "petitioner.phone", "petitioner.idNumber"));
	}

	@Test
	void hugeBodyIs413() {
		Map<String, Object> body = petition(fixtures.bureauUnder(fixtures.commission()));
		body.put("content", "长".repeat(300_000));
		http.post().uri("/api/v1/public/petitions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void trackingCodesAreUniqueAndNotSequential() {
		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			codes.add((String) submit(petition(bureau), null, 201).get("trackingCode"));
		}
		assertThat(new HashSet<>(codes)).hasSize(20);
		for (int i = 1; i < codes.size(); i++) {
			// consecutive codes share no long prefix and do not count up
			assertThat(codes.get(i).substring(0, 7)).isNotEqualTo(codes.get(i - 1).substring(0, 7));
		}
		assertThat(codes).isNotEqualTo(codes.stream().sorted().toList());
	}

	// --- helpers

	static Map<String, Object> petition(Unit concerned) {
		Map<String, Object> petitioner = new LinkedHashMap<>();
		petitioner.put("name", "王五");
		petitioner.put("phone", "1370000" + String.format("%04d", ThreadLocalRandom.current().nextInt(10000)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", "PROPOSAL");
		body.put("title", "建议增加夜间门诊");
		body.put("content", "建议县人民医院增设夜间儿科门诊，方便上班族带孩子就诊。" + UUID.randomUUID());
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", concerned.code());
		body.put("petitioner", petitioner);
		return body;
	}

	Map<?, ?> submit(Map<String, Object> body, String key, int status) {
		return http.post().uri("/api/v1/public/petitions")
			.headers(h -> {
				if (key != null) {
					h.set("Idempotency-Key", key);
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

	Map<?, ?> track(String code, String secret, String client, int status) {
		return http.get().uri("/api/v1/public/petitions/" + code)
			.header("X-Query-Secret", secret)
			.header("X-Forwarded-For", client)
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	String trackRaw(String code, String secret, String client, int status) {
		return http.get().uri("/api/v1/public/petitions/" + code)
			.header("X-Query-Secret", secret)
			.header("X-Forwarded-For", client)
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	long countByKey(String key) {
		return jdbc.sql("SELECT count(*) FROM matter WHERE idempotency_key = :k").param("k", key).query(Long.class).single();
	}

	/** Each test acts as its own client address (through the trusted local proxy), so failure counts don't mix. */
	static String newClient() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
	}
}
