package org.xinfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * Issue #5 item 4: every public endpoint and staff intake fed with bad input — malformed JSON, wrong types,
 * huge strings, invalid UTF-8, control characters, HTML/script payloads, SQL meta-characters, forged
 * attachments. Whatever arrives, the answer is a 4xx (a problem document on the API) or a 2xx that stored
 * the text as sent; never a 5xx.
 *
 * <p>Deterministic by seed: {@code -Dfuzz.seed=…} (printed at the end) replays a run; {@code -Dfuzz.cases=…}
 * scales the number of cases per endpoint (default 1, about 1,300 requests). Requests go through
 * java.net.http with raw bytes, so invalid UTF-8 reaches the server as sent.
 */
@XinfangTest
class BadInputFuzzTests {

	static final long DEFAULT_SEED = 20260521L;

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern CODE = Pattern.compile("\"trackingCode\"\\s*:\\s*\"(XF[0-9A-Z]{10})\"");

	private static final Pattern SECRET = Pattern.compile("\"querySecret\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	private Random random;

	private final Map<String, Integer> casesByEndpoint = new TreeMap<>();

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	private int status5xx;

	private int status2xx;

	private int status4xx;

	private int container400;

	@Test
	void noInputAnywhereCausesA5xx() {
		long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
		int scale = Integer.getInteger("fuzz.cases", 1);
		random = new Random(seed);
		long began = System.nanoTime();

		Unit bureau = fixtures.bureauUnder(fixtures.commission());
		Unit hospital = fixtures.hospitalUnder(bureau);
		StaffPrincipal registrar = fixtures.user(bureau, Role.REGISTRAR);
		Raw api = new Raw();
		String[] petition = submitValid(api, hospital);
		long matterId = registerValid(api, registrar, hospital);

		for (int i = 0; i < 220 * scale; i++) {
			publicSubmitJson(api, hospital);
		}
		for (int i = 0; i < 90 * scale; i++) {
			rawBody(api, "POST /api/v1/public/petitions", "/api/v1/public/petitions", null);
		}
		for (int i = 0; i < 80 * scale; i++) {
			publicTrack(api, petition);
		}
		for (int i = 0; i < 40 * scale; i++) {
			publicDocument(api, petition);
		}
		for (int i = 0; i < 120 * scale; i++) {
			publicAction(api, petition);
		}
		for (int i = 0; i < 90 * scale; i++) {
			calendar(api);
		}
		Raw citizen = new Raw();
		for (int i = 0; i < 120 * scale; i++) {
			portalSubmit(citizen, hospital);
		}
		for (int i = 0; i < 80 * scale; i++) {
			portalTrack(citizen, petition);
		}
		for (int i = 0; i < 120 * scale; i++) {
			staffRegisterJson(api, registrar, hospital);
		}
		for (int i = 0; i < 60 * scale; i++) {
			rawBody(api, "POST /api/v1/matters", "/api/v1/matters", registrar);
		}
		for (int i = 0; i < 60 * scale; i++) {
			staffAttachment(api, registrar, matterId);
		}
		Raw staff = new Raw().signIn(registrar.username());
		for (int i = 0; i < 80 * scale; i++) {
			staffIntakePage(staff, hospital);
		}

		int total = casesByEndpoint.values().stream().mapToInt(Integer::intValue).sum();
		System.out.printf("FUZZ seed=%d cases=%d endpoints=%d status_2xx=%d status_4xx=%d (container_400=%d) status_5xx=%d seconds=%d%n",
				seed, total, casesByEndpoint.size(), status2xx, status4xx, container400, status5xx,
				Duration.ofNanos(System.nanoTime() - began).toSeconds());
		casesByEndpoint.forEach((endpoint, n) -> System.out.printf("FUZZ   %-55s %d%n", endpoint, n));
		if (!failures.isEmpty()) {
			try {
				java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
				java.nio.file.Files.write(java.nio.file.Path.of("target/fuzz-failures.txt"), failures);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		assertThat(failures).as("seed %d, all in target/fuzz-failures.txt", seed).isEmpty();
	}

	// --- the endpoints

	private void publicSubmitJson(Raw http, Unit unit) {
		Map<String, Object> body = validPetition(unit);
		mutate(body, List.of("kind", "title", "content", "categoryCode", "concernedUnitCode", "petitioner",
				"concernedUnitComplainedAbout"));
		if (body.get("petitioner") instanceof Map<?, ?> p && random.nextBoolean()) {
			@SuppressWarnings("unchecked")
			Map<String, Object> petitioner = (Map<String, Object>) p;
			mutate(petitioner, List.of("name", "phone", "idNumber", "address", "email"));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		if (random.nextInt(4) == 0) {
			String key = headerValue();
			if (key != null) {
				headers.put("Idempotency-Key", key);
			}
		}
		byte[] json = json(body).getBytes(StandardCharsets.UTF_8);
		Response r = check("POST /api/v1/public/petitions (JSON fields)", http.send("POST", "/api/v1/public/petitions",
				headers, json), true);
		if (r != null && r.status == 201) {
			storedAsSent(r.body, body);
		}
	}

	/** A 201 stored the title and content as sent (trimmed), not altered, not double-escaped. */
	private void storedAsSent(String answer, Map<String, Object> sent) {
		Matcher code = CODE.matcher(answer);
		if (!code.find()) {
			failures.add("201 without a tracking code: " + answer);
			return;
		}
		Map<String, Object> row = jdbc.sql("SELECT title, content FROM matter WHERE tracking_code = :c")
			.param("c", code.group(1))
			.query()
			.singleRow();
		if (sent.get("title") instanceof String t && !t.strip().equals(row.get("title"))) {
			failures.add("title stored altered: sent " + abbreviate(t) + " stored " + abbreviate(row.get("title")));
		}
		if (sent.get("content") instanceof String c && !c.strip().equals(row.get("content"))) {
			failures.add("content stored altered: sent " + abbreviate(c));
		}
	}

	private void publicTrack(Raw http, String[] petition) {
		String code = random.nextInt(3) == 0 ? petition[0] : pathSegment();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Forwarded-For", client());
		String secret = random.nextInt(4) == 0 ? petition[1] : headerValue();
		if (secret != null) {
			headers.put("X-Query-Secret", secret);
		}
		check("GET /api/v1/public/petitions/{code}", http.send("GET", "/api/v1/public/petitions/" + code, headers, null),
				true);
	}

	private void publicDocument(Raw http, String[] petition) {
		Map<String, String> headers = Map.of("X-Forwarded-For", client(), "X-Query-Secret", petition[1]);
		check("GET /api/v1/public/petitions/{code}/documents/{id}", http.send("GET",
				"/api/v1/public/petitions/" + petition[0] + "/documents/" + pathSegment(), headers, null), true);
	}

	private void publicAction(Raw http, String[] petition) {
		String action = List.of("EVALUATE", "REQUEST_REVIEW", "REQUEST_REREVIEW").get(random.nextInt(3));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("rating", List.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED").get(random.nextInt(3)));
		body.put("comment", "谢谢");
		body.put("reason", "对处理意见不服");
		mutate(body, List.of("rating", "comment", "reason"));
		byte[] bytes = random.nextInt(5) == 0 ? corrupt(json(body).getBytes(StandardCharsets.UTF_8))
				: json(body).getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", random.nextInt(6) == 0 ? "text/plain" : "application/json");
		headers.put("X-Forwarded-For", client());
		headers.put("X-Query-Secret", petition[1]);
		check("POST /api/v1/public/petitions/{code}/actions/" + action,
				http.send("POST", "/api/v1/public/petitions/" + petition[0] + "/actions/" + action, headers, bytes), true);
	}

	private void calendar(Raw http) {
		switch (random.nextInt(3)) {
			case 0 -> check("GET /api/v1/calendar/due-date", http.send("GET", "/api/v1/calendar/due-date?start="
					+ queryValue(() -> "2025-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9)) + "&amount="
					+ queryValue(() -> String.valueOf(random.nextInt(200) - 20)) + "&unit="
					+ queryValue(() -> random.nextBoolean() ? "WORKING_DAYS" : "CALENDAR_DAYS"), Map.of(), null), true);
			case 1 -> check("GET /api/v1/calendar/years/{year}",
					http.send("GET", "/api/v1/calendar/years/" + pathSegment(), Map.of(), null), true);
			default -> check("GET /api/v1/calendar/rules",
					http.send("GET", "/api/v1/calendar/rules?" + queryValue(() -> "x") + "=1", Map.of(), null), true);
		}
	}

	private void portalSubmit(Raw http, Unit unit) {
		http.send("GET", "/portal/submit", Map.of(), null);
		Map<String, Object> form = validPetition(unit);
		@SuppressWarnings("unchecked")
		Map<String, Object> petitioner = (Map<String, Object>) form.remove("petitioner");
		form.putAll(petitioner);
		form.put("idempotencyKey", java.util.UUID.randomUUID().toString());
		mutate(form, List.of("kind", "title", "content", "categoryCode", "concernedUnitCode", "name", "phone",
				"idNumber", "address", "email", "concernedUnitComplainedAbout", "idempotencyKey"));
		check("POST /portal/submit", http.postForm("/portal/submit", form, random.nextInt(6) == 0), false);
	}

	private void portalTrack(Raw http, String[] petition) {
		http.send("GET", "/portal/track", Map.of(), null);
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("code", random.nextBoolean() ? petition[0] : nastyString());
		form.put("secret", random.nextInt(3) == 0 ? petition[1] : nastyString());
		form.put("rating", nastyString());
		form.put("comment", nastyString());
		form.put("reason", nastyString());
		String path = switch (random.nextInt(3)) {
			case 0 -> "/portal/track";
			case 1 -> "/portal/track/actions/" + (random.nextBoolean() ? "EVALUATE" : pathSegment());
			default -> "/portal/track/documents/" + pathSegment();
		};
		check("POST " + path.replaceAll("(actions|documents)/.*", "$1/{x}"),
				http.postForm(path, form, random.nextInt(6) == 0, client()), false);
	}

	private void staffRegisterJson(Raw http, StaffPrincipal registrar, Unit unit) {
		Map<String, Object> body = validMatter(unit);
		mutate(body, List.of("channel", "kind", "title", "content", "categoryCode", "concernedUnitCode", "receivedOn",
				"headcount", "sourceBody", "sourceReference", "petitioners", "concernedUnitComplainedAbout"));
		if (body.get("petitioners") instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> p) {
			@SuppressWarnings("unchecked")
			Map<String, Object> first = (Map<String, Object>) p;
			mutate(first, List.of("name", "phone", "idNumber", "address", "email", "representative"));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("Authorization", basic(registrar.username()));
		if (random.nextInt(4) == 0) {
			String key = headerValue();
			if (key != null) {
				headers.put("Idempotency-Key", key);
			}
		}
		Response r = check("POST /api/v1/matters (JSON fields)",
				http.send("POST", "/api/v1/matters", headers, json(body).getBytes(StandardCharsets.UTF_8)), true);
		if (r != null && r.status == 201) {
			storedAsSent(r.body, body);
		}
	}

	private void rawBody(Raw http, String endpoint, String path, StaffPrincipal user) {
		byte[] body = switch (random.nextInt(12)) {
			case 0 -> new byte[0];
			case 1 -> "null".getBytes();
			case 2 -> "[]".getBytes();
			case 3 -> ("[".repeat(2000 + random.nextInt(3000))).getBytes();
			case 4 -> ("{\"title\":" + "{\"a\":".repeat(1500) + "1" + "}".repeat(1500) + "}").getBytes();
			case 5 -> "{\"title\":\"标题\",\"title\":\"again\",\"kind\":\"PROPOSAL\"} trailing".getBytes(StandardCharsets.UTF_8);
			case 6 -> ("{\"headcount\":1" + "0".repeat(400) + ",\"content\":1e99999}").getBytes();
			case 7 -> randomBytes(1 + random.nextInt(2000));
			case 8 -> ("\uFEFF" + json(Map.of("kind", "PROPOSAL", "title", "BOM"))).getBytes(StandardCharsets.UTF_8);
			case 9 -> ("{\"title\":\"" + "x".repeat(300_000) + "\"}").getBytes();
			default -> corrupt(json(user == null ? validPetition(null) : validMatter(null)).getBytes(StandardCharsets.UTF_8));
		};
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", List.of("application/json", "application/json; charset=ISO-8859-1", "text/plain",
				"application/xml", "application/x-www-form-urlencoded", "application/json; charset=nonsense-42")
			.get(random.nextInt(6)));
		if (user != null) {
			headers.put("Authorization", basic(user.username()));
		}
		check(endpoint + " (raw bytes)", http.send("POST", path, headers, body), true);
	}

	private void staffAttachment(Raw http, StaffPrincipal registrar, long matterId) {
		String[] names = { "scan.png", "letter.pdf", "photo.jpg", "bomb.zip", "x.docx", "../../etc/passwd",
				"<img src=x onerror=alert(1)>.pdf", "a\u0000b.pdf", "名字.pdf", "'; DROP TABLE attachment;--.pdf",
				"x".repeat(5000) + ".pdf", "" };
		String[] types = { "image/png", "application/pdf", "image/jpeg", "application/zip", "text/html",
				"application/octet-stream", "image/svg+xml", "", "nonsense" };
		byte[] content = switch (random.nextInt(7)) {
			case 0 -> Attachments.fakePng();
			case 1 -> Attachments.zipBomb();
			case 2 -> Attachments.pdfWithJavaScript();
			case 3 -> Attachments.svgWithScript();
			case 4 -> Attachments.htmlPretendingToBePng();
			case 5 -> randomBytes(random.nextInt(5000));
			default -> Attachments.pngHeaderThenHtml();
		};
		String name = names[random.nextInt(names.length)];
		String type = types[random.nextInt(types.length)];
		check("POST /api/v1/matters/{id}/attachments", http.multipart("/api/v1/matters/" + matterId + "/attachments",
				basic(registrar.username()), name, type, content), true);
	}

	private void staffIntakePage(Raw http, Unit unit) {
		http.send("GET", "/staff/intake/new", Map.of(), null);
		Map<String, Object> form = new LinkedHashMap<>(validMatter(unit));
		form.remove("petitioners");
		form.put("petitioners[0].name", "赵六");
		form.put("petitioners[0].phone", "13900001111");
		form.put("petitioners[0].idNumber", "");
		mutate(form, List.of("channel", "kind", "title", "content", "categoryCode", "concernedUnitCode", "receivedOn",
				"headcount", "sourceBody", "sourceReference", "petitioners[0].name", "petitioners[0].phone",
				"petitioners[0].idNumber", "concernedUnitComplainedAbout"));
		if (random.nextInt(8) == 0) {
			form.put("petitioners[" + pathSegment() + "].name", "x");
		}
		check("POST /staff/intake/new", http.postForm("/staff/intake/new", form, random.nextInt(6) == 0), false);
	}

	// --- generators

	private static final String[] PAYLOADS = { "<script>document.title='pwned'</script>",
			"<img src=x onerror=\"window.__xss=1\">", "\"><svg onload=alert(1)>", "javascript:alert(1)",
			"' OR '1'='1", "'; DROP TABLE matter; --", "\\", "%", "_", "%' AND 1=1 --", "$$; SELECT pg_sleep(0); $$",
			"${jndi:ldap://127.0.0.1/x}", "[[${7*7}]]", "__${T(java.lang.Runtime).getRuntime()}__::.x", "%s%n%x",
			"../../../../etc/passwd", "\u0000", "a\u0000b", "\u0001\u0002\u001b[31m", "\u007f", "\u202Eevil",
			"\u2028\u2029", "\uFEFF", "\uD83D\uDE00 emoji", "\uD800", "\uDFFF lone", "𠀀𪚥 rare Han", "   ", "\t\n\r",
			"null", "true", "0", "-1", "NaN", "9".repeat(40), "A".repeat(201), "长".repeat(20001), "<!--", "]]>",
			"{{7*7}}", "#{7*7}", "\"", "'", "`", "\r\nSet-Cookie: x=1", "PROPOSAL ", "proposal", "REPORT\u0000" };

	private String nastyString() {
		return switch (random.nextInt(5)) {
			case 0 -> PAYLOADS[random.nextInt(PAYLOADS.length)] + PAYLOADS[random.nextInt(PAYLOADS.length)];
			case 1 -> randomUnicode(random.nextInt(40));
			case 2 -> "x".repeat(random.nextInt(3) == 0 ? 100_000 : 1 + random.nextInt(400));
			default -> PAYLOADS[random.nextInt(PAYLOADS.length)];
		};
	}

	/** A value of any JSON type, or a nasty string. */
	private Object nastyValue() {
		return switch (random.nextInt(12)) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2 -> random.nextLong();
			case 3 -> new RawJson("1e309");
			case 4 -> new RawJson("-0.0");
			case 5 -> List.of(nastyString(), 1);
			case 6 -> new LinkedHashMap<>(Map.of("nested", nastyString()));
			case 7 -> new RawJson("9".repeat(100));
			default -> nastyString();
		};
	}

	private void mutate(Map<String, Object> body, List<String> fields) {
		int n = 1 + random.nextInt(3);
		for (int i = 0; i < n; i++) {
			String field = fields.get(random.nextInt(fields.size()));
			switch (random.nextInt(10)) {
				case 0 -> body.remove(field);
				case 1 -> body.put(field + random.nextInt(3), nastyValue()); // an unknown field
				default -> body.put(field, nastyValue());
			}
		}
	}

	private String randomUnicode(int length) {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(6);
			int cp = switch (kind) {
				case 0 -> random.nextInt(0x20);
				case 1 -> 0x4E00 + random.nextInt(0x5000);
				case 2 -> 0x1F300 + random.nextInt(0x300);
				case 3 -> 0xFFF0 + random.nextInt(0x10);
				default -> 0x20 + random.nextInt(0x5F);
			};
			s.appendCodePoint(cp);
		}
		return s.toString();
	}

	private byte[] randomBytes(int n) {
		byte[] b = new byte[n];
		random.nextBytes(b);
		return b;
	}

	/** Valid JSON bytes made invalid: cut, invalid UTF-8 spliced in, or a byte flipped. */
	private byte[] corrupt(byte[] json) {
		byte[][] invalidUtf8 = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xC0, (byte) 0xAF },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0xE4, (byte) 0xB8 }, { 0x00 } };
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		switch (random.nextInt(3)) {
			case 0 -> out.write(json, 0, random.nextInt(json.length));
			case 1 -> {
				// inside a string value when it lands after a quote
				int at = json.length / 2 + random.nextInt(json.length / 2);
				for (int i = at; i > 0; i--) {
					if (json[i] == '"' && json[i - 1] != ':') {
						at = i;
						break;
					}
				}
				out.write(json, 0, at);
				out.writeBytes(invalidUtf8[random.nextInt(invalidUtf8.length)]);
				out.write(json, at, json.length - at);
			}
			default -> {
				byte[] copy = json.clone();
				copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
				out.writeBytes(copy);
			}
		}
		return out.toByteArray();
	}

	private String pathSegment() {
		String[] segments = { "XF2222222222", "0", "-1", "99999999999999999999", "abc", "%00", "%FF%FE", "%C0%AF",
				"..%2F..%2Fetc", "%3Cscript%3E", "1.5", "1e3", "NaN", "%20", "'%20OR%201=1", "%E4%B8%AD%E6%96%87",
				"x".repeat(3000), "2025", "0x10", "%u0041" };
		return segments[random.nextInt(segments.length)];
	}

	/** A query value: sensible, nasty (URL-encoded), or raw percent escapes that decode to invalid UTF-8. */
	private String queryValue(Supplier<String> sensible) {
		return switch (random.nextInt(4)) {
			case 0 -> sensible.get();
			case 1 -> pathSegment();
			default -> URLEncoder.encode(nastyString(), StandardCharsets.UTF_8);
		};
	}

	/** Header values must be visible ASCII for java.net.http; the server still sees nasty ones. */
	private String headerValue() {
		return switch (random.nextInt(5)) {
			case 0 -> null;
			case 1 -> "";
			case 2 -> "x".repeat(5000);
			default -> nastyString().replaceAll("[^\\x21-\\x7e]", "?");
		};
	}

	private String client() {
		return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	static Map<String, Object> validPetition(Unit unit) {
		Map<String, Object> petitioner = new LinkedHashMap<>();
		petitioner.put("name", "王五");
		petitioner.put("phone", "13700001234");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", "PROPOSAL");
		body.put("title", "建议增加夜间门诊");
		body.put("content", "建议县人民医院增设夜间儿科门诊。");
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", unit == null ? "X1" : unit.code());
		body.put("petitioner", petitioner);
		return body;
	}

	static Map<String, Object> validMatter(Unit unit) {
		Map<String, Object> petitioner = new LinkedHashMap<>();
		petitioner.put("name", "赵六");
		petitioner.put("phone", "13900001111");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "LETTER");
		body.put("kind", "PROPOSAL");
		body.put("title", "来信反映门诊排队");
		body.put("content", "来信建议增加挂号窗口。");
		body.put("categoryCode", "MEDICAL_QUALITY");
		body.put("concernedUnitCode", unit == null ? "X1" : unit.code());
		body.put("petitioners", new ArrayList<>(List.of(petitioner)));
		return body;
	}

	private String[] submitValid(Raw http, Unit unit) {
		Response r = http.send("POST", "/api/v1/public/petitions", Map.of("Content-Type", "application/json"),
				json(validPetition(unit)).getBytes(StandardCharsets.UTF_8));
		assertThat(r.status).as(r.body).isEqualTo(201);
		Matcher code = CODE.matcher(r.body);
		Matcher secret = SECRET.matcher(r.body);
		assertThat(code.find() && secret.find()).isTrue();
		return new String[] { code.group(1), secret.group(1) };
	}

	private long registerValid(Raw http, StaffPrincipal registrar, Unit unit) {
		Response r = http.send("POST", "/api/v1/matters",
				Map.of("Content-Type", "application/json", "Authorization", basic(registrar.username())),
				json(validMatter(unit)).getBytes(StandardCharsets.UTF_8));
		assertThat(r.status).as(r.body).isEqualTo(201);
		Matcher id = ID.matcher(r.body);
		assertThat(id.find()).isTrue();
		return Long.parseLong(id.group(1));
	}

	// --- checking

	private Response check(String endpoint, Response r, boolean api) {
		casesByEndpoint.merge(endpoint, 1, Integer::sum);
		if (r.status >= 500 || r.status < 200) {
			status5xx++;
			failures.add(endpoint + " answered " + r.status + " to " + r.sent + ": " + abbreviate(r.body));
			return r;
		}
		if (r.status >= 400) {
			status4xx++;
			String type = r.contentType;
			if (r.status == 400 && (r.body.contains("<title>HTTP Status 400") || r.body.startsWith("{\"timestamp\""))) {
				// refused by the servlet container before any controller (a URL with %00 or invalid UTF-8, a header
				// over 8 KB, a form body that is not UTF-8): its own 400, not a problem document
				container400++;
				return r;
			}
			if (api && !type.startsWith("application/problem+json")) {
				failures.add(endpoint + " answered " + r.status + " as " + type + " (not a problem) to " + r.sent + " => " + abbreviate(r.body));
			}
			if (!api && !type.startsWith("text/html")) {
				failures.add(endpoint + " answered " + r.status + " as " + type + " (not a page) to " + r.sent + " => " + abbreviate(r.body));
			}
		}
		else {
			status2xx++;
		}
		return r;
	}

	private static String abbreviate(Object o) {
		String s = String.valueOf(o);
		s = s.replace('\n', ' ').replace('\r', ' ');
		return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + ")" : s;
	}

	static String basic(String username) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((username + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	/** JSON text as it is written, to put invalid numbers into a body. */
	record RawJson(String text) {
	}

	static String json(Object value) {
		StringBuilder s = new StringBuilder();
		write(s, value);
		return s.toString();
	}

	private static void write(StringBuilder s, Object value) {
		if (value == null) {
			s.append("null");
		}
		else if (value instanceof RawJson raw) {
			s.append(raw.text());
		}
		else if (value instanceof String str) {
			s.append('"');
			for (int i = 0; i < str.length(); i++) {
				char c = str.charAt(i);
				switch (c) {
					case '"' -> s.append("\\\"");
					case '\\' -> s.append("\\\\");
					default -> {
						if (c < 0x20 || Character.isSurrogate(c)) {
							// escaped, so lone surrogates reach the parser as \\uD800 (valid JSON, invalid text)
							s.append(String.format("\\u%04x", (int) c));
						}
						else {
							s.append(c);
						}
					}
				}
			}
			s.append('"');
		}
		else if (value instanceof Map<?, ?> map) {
			s.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> e : map.entrySet()) {
				if (!first) {
					s.append(',');
				}
				first = false;
				write(s, String.valueOf(e.getKey()));
				s.append(':');
				write(s, e.getValue());
			}
			s.append('}');
		}
		else if (value instanceof List<?> list) {
			s.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					s.append(',');
				}
				write(s, list.get(i));
			}
			s.append(']');
		}
		else {
			s.append(value);
		}
	}

	record Response(int status, String contentType, String body, String sent) {
	}

	/** One client over real HTTP: raw bytes out, cookies kept, the CSRF token of the last page sent with forms. */
	final class Raw {

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		private String csrf = "";

		Raw signIn(String username) {
			send("GET", "/login", Map.of(), null);
			Response r = postForm("/login", Map.of("username", username, "password", Fixtures.PASSWORD), false);
			assertThat(r.status).isEqualTo(302);
			return this;
		}

		Response send(String method, String path, Map<String, String> headers, byte[] body) {
			HttpRequest.Builder b;
			try {
				b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
			}
			catch (IllegalArgumentException ex) {
				// a path java.net.URI refuses cannot be sent by this client either; count it as not sent
				return new Response(400, "application/problem+json", "unsendable", path);
			}
			b.timeout(Duration.ofSeconds(60)).header("Accept-Language", "zh-CN");
			headers.forEach(b::header);
			b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
			try {
				HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
				String text = new String(r.body(), StandardCharsets.UTF_8);
				Matcher m = CSRF.matcher(text);
				if (m.find()) {
					csrf = m.group(1);
				}
				String sent = method + " " + abbreviate(path) + " " + headers.getOrDefault("Content-Type", "")
						+ (body == null ? "" : " body " + abbreviate(new String(body, StandardCharsets.UTF_8)));
				return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), text, sent);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		Response postForm(String path, Map<String, ?> fields, boolean rawLatin1, String... forwardedFor) {
			StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
			fields.forEach((k, v) -> body.append('&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
				.append(v == null ? "" : URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
			byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
			if (rawLatin1) {
				// raw, un-encoded invalid UTF-8 and an invalid percent escape appended as another field
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				out.writeBytes(bytes);
				out.writeBytes("&title=".getBytes());
				out.writeBytes(new byte[] { (byte) 0xC3, 0x28, (byte) 0xFF, '%', 'Z', 'Z', '%', 'C', '3' });
				bytes = out.toByteArray();
			}
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Content-Type", "application/x-www-form-urlencoded");
			headers.put("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
			if (forwardedFor.length > 0) {
				headers.put("X-Forwarded-For", forwardedFor[0]);
			}
			return send("POST", path, headers, bytes);
		}

		Response multipart(String path, String authorization, String filename, String type, byte[] content) {
			String boundary = "----fuzz" + Long.toHexString(random.nextLong());
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
					+ "\"\r\n" + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n") + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.writeBytes(content);
			out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return send("POST", path, Map.of("Content-Type", "multipart/form-data; boundary=" + boundary,
					"Authorization", authorization), out.toByteArray());
		}
	}
}
