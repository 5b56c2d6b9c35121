package org.xinfang.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Petitions sent over HTTP by the reliability tests: citizens through the public API and registrars through
 * the staff API, each with its own Idempotency-Key, each petitioner distinct (so none is linked as a repeat).
 */
final class Submissions {

	private static final Pattern TRACKING_CODE = Pattern.compile("\"trackingCode\"\\s*:\\s*\"(XF[0-9A-Z]{10})\"");

	private static final AtomicInteger sequence = new AtomicInteger();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	/** One submission: its key, which door, and its body (the same on every retry). */
	record Submission(String key, boolean staff, String body) {
	}

	/** The answer: the status, the tracking code of a 201 or 200 replay, or null when no answer came. */
	record Answer(int status, String trackingCode, String body) {

		boolean acknowledged() {
			return (status == 201 || status == 200) && trackingCode != null;
		}
	}

	static Submission next(boolean staff) {
		int n = sequence.incrementAndGet();
		long salt = ThreadLocalRandom.current().nextLong(1_000_000_000L);
		String phone = String.format("139%08d", (salt + n) % 100_000_000L);
		String key = "crash-" + Long.toString(salt, 36) + "-" + n + "-" + (staff ? "staff" : "public") + "-key";
		String petitioner = "{\"name\":\"测试" + n + "\",\"phone\":\"" + phone + "\"}";
		String common = "\"kind\":\"PROPOSAL\",\"title\":\"建议改进门诊预约" + n + "\",\"content\":\"建议增加夜间门诊号源，编号" + key
				+ "。\",\"categoryCode\":\"MEDICAL_QUALITY\",\"concernedUnitCode\":\"X1-RMYY\"";
		String body = staff ? "{\"channel\":\"LETTER\"," + common + ",\"petitioners\":[" + petitioner + "]}"
				: "{" + common + ",\"petitioner\":" + petitioner + "}";
		return new Submission(key, staff, body);
	}

	Answer send(URI base, Submission s) throws InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(s.staff() ? "/api/v1/matters" : "/api/v1/public/petitions"))
			.timeout(Duration.ofSeconds(15))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", s.key())
			.header("X-Forwarded-For", "10.77." + ThreadLocalRandom.current().nextInt(250) + ".9")
			.POST(HttpRequest.BodyPublishers.ofString(s.body(), StandardCharsets.UTF_8));
		if (s.staff()) {
			request.header("Authorization", basic("demo-registrar"));
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Matcher code = TRACKING_CODE.matcher(response.body());
			return new Answer(response.statusCode(), code.find() ? code.group(1) : null, response.body());
		}
		catch (IOException ex) {
			return new Answer(0, null, ex.toString());
		}
	}

	static String basic(String username) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + AppProcess.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}
}
