package org.xinfang.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue #5 item 2: PostgreSQL is stopped under load and started again. While it is away the application
 * says so — health DOWN, requests refused with 503 problems, never 500, never a hang — and once it is back the
 * application recovers by itself within 30 s; nothing that was acknowledged is lost.
 */
class DatabaseRestartIT {

	static final int CLIENTS = 4;

	static final Duration OUTAGE = Duration.ofSeconds(8);

	@Test
	void unavailableMeans503AndItRecoversByItself() throws Exception {
		Path log = Files.createTempFile("xinfang-db-restart", ".log");
		Submissions client = new Submissions();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
		Map<String, Submissions.Submission> sent = new ConcurrentHashMap<>();
		Map<String, String> acknowledged = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
		Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
		AtomicLong slowest = new AtomicLong();
		try (StandaloneDatabase db = new StandaloneDatabase(); AppProcess app = new AppProcess(db.jdbcUrl(), log)) {
			app.start();
			AtomicBoolean running = new AtomicBoolean(true);
			ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
			for (int c = 0; c < CLIENTS; c++) {
				boolean staff = c == 0;
				pool.submit(() -> {
					while (running.get()) {
						String retry = unanswered.poll();
						Submissions.Submission s = retry != null ? sent.get(retry) : Submissions.next(staff);
						sent.putIfAbsent(s.key(), s);
						long begin = System.nanoTime();
						Submissions.Answer a = client.send(app.uri(""), s);
						slowest.accumulateAndGet((System.nanoTime() - begin) / 1_000_000, Math::max);
						statuses.computeIfAbsent(a.status(), k -> new AtomicLong()).incrementAndGet();
						if (a.acknowledged()) {
							acknowledged.putIfAbsent(s.key(), a.trackingCode());
						}
						else {
							unanswered.add(s.key());
							Thread.sleep(100);
						}
					}
					return null;
				});
			}
			Thread.sleep(3000);
			long acknowledgedBefore = acknowledged.size();
			assertThat(acknowledgedBefore).as("submissions before the outage").isPositive();

			db.stop();
			Thread.sleep(OUTAGE.toMillis() / 2);
			HttpResponse<String> health = http.send(HttpRequest.newBuilder(app.uri("/actuator/health"))
				.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("DOWN");
			// a signed-in API call: the account cannot be loaded, which is not a wrong password
			HttpResponse<String> staffList = http.send(HttpRequest.newBuilder(app.uri("/api/v1/matters"))
				.header("Authorization", Submissions.basic("demo-registrar"))
				.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(staffList.statusCode()).isEqualTo(503);
			assertThat(staffList.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
			assertThat(staffList.headers().firstValue("Retry-After")).isPresent();
			// a page that reads the dictionaries and keeps a CSRF token in the session
			HttpResponse<String> page = http.send(HttpRequest.newBuilder(app.uri("/portal/submit"))
				.header("Accept", "text/html")
				.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
			assertThat(page.body()).contains("服务暂时不可用");
			Thread.sleep(OUTAGE.toMillis() / 2);

			long back = System.nanoTime();
			db.start();
			long recovered = 0;
			while (System.nanoTime() - back < Duration.ofSeconds(60).toNanos()) {
				HttpResponse<String> h = http.send(HttpRequest.newBuilder(app.uri("/actuator/health"))
					.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
				long acked = acknowledged.size();
				if (h.statusCode() == 200 && acked > acknowledgedBefore) {
					recovered = System.nanoTime() - back;
					break;
				}
				Thread.sleep(200);
			}
			Thread.sleep(2000);
			running.set(false);
			pool.shutdown();
			assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
			assertThat(recovered).as("recovered within 60 s").isPositive();
			assertThat(Duration.ofNanos(recovered)).isLessThan(Duration.ofSeconds(30));

			// only answers, refusals with 503, and (while the process could not even answer) none
			assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 201, 503);
			assertThat(statuses.get(503)).as("503 answers during the outage").isNotNull();
			assertThat(slowest.get()).as("slowest answer in ms").isLessThan(10_000);

			for (Submissions.Submission s : sent.values()) {
				if (!acknowledged.containsKey(s.key())) {
					Submissions.Answer a = client.send(app.uri(""), s);
					assertThat(a.acknowledged()).as("retry of %s: %s %s", s.key(), a.status(), a.body()).isTrue();
					acknowledged.put(s.key(), a.trackingCode());
				}
			}
			try (Connection c = db.connect()) {
				for (Map.Entry<String, String> e : acknowledged.entrySet()) {
					try (PreparedStatement q = c.prepareStatement(
							"SELECT tracking_code FROM matter WHERE idempotency_key = ?")) {
						q.setString(1, e.getKey());
						try (ResultSet rs = q.executeQuery()) {
							assertThat(rs.next()).as("matter of %s", e.getKey()).isTrue();
							assertThat(rs.getString(1)).isEqualTo(e.getValue());
							assertThat(rs.next()).isFalse();
						}
					}
				}
			}
			System.out.printf("RELIABILITY db-restart outage_s=%d recovery_ms=%d submissions=%d statuses=%s slowest_ms=%d lost=0%n",
					OUTAGE.toSeconds(), recovered / 1_000_000, sent.size(), statuses, slowest.get());
		}
	}
}
