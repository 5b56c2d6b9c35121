package org.xinfang.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #5 item 3: two application instances against one database, as when users outgrow one machine. A
 * session signed in on one instance works on the other; the overdue sweep and the outbox dispatcher run on
 * both, yet each deadline is noticed once and each message sent once; two edits of one matter through
 * different instances are detected (one wins, the other gets 409), never silently overwritten.
 */
class TwoInstancesIT {

	static final int OVERDUE = 40;

	static final int MESSAGES = 60;

	static final String DUE = "2001-01-01";

	static final String[] FAST_JOBS = { "--xinfang.handling.overdue-interval=PT1S",
			"--xinfang.handling.overdue-initial-delay=PT1S", "--xinfang.notification.dispatcher.interval=PT1S" };

	@Test
	void sessionsMoveScheduledWorkRunsOnceAndConcurrentEditsConflict() throws Exception {
		Path logA = Files.createTempFile("xinfang-instance-a", ".log");
		Path logB = Files.createTempFile("xinfang-instance-b", ".log");
		try (StandaloneDatabase db = new StandaloneDatabase();
				AppProcess a = new AppProcess(db.jdbcUrl(), logA, FAST_JOBS);
				AppProcess b = new AppProcess(db.jdbcUrl(), logB, FAST_JOBS)) {
			a.start();
			b.start();

			sessionSignedInOnOneInstanceWorksOnTheOther(a, b);
			concurrentEditsThroughBothInstancesConflict(a, b);
			scheduledWorkHappensOnce(db);
		}
	}

	private void sessionSignedInOnOneInstanceWorksOnTheOther(AppProcess a, AppProcess b) throws Exception {
		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String loginPage = browser.send(HttpRequest.newBuilder(a.uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
		assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
		String form = "username=demo-registrar&password=" + URLEncoder.encode(AppProcess.DEMO_PASSWORD, StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(a.uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));

		// the same cookie, sent to the other instance (cookies are per host name, both are localhost)
		HttpResponse<String> staff = browser.send(HttpRequest.newBuilder(b.uri("/staff")).header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(staff.statusCode()).as("the staff home on the other instance").isEqualTo(200);
		assertThat(staff.body()).contains("李静");
		HttpResponse<String> me = browser.send(HttpRequest.newBuilder(b.uri("/api/v1/me")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("demo-registrar");
	}

	private void concurrentEditsThroughBothInstancesConflict(AppProcess a, AppProcess b) throws Exception {
		Submissions client = new Submissions();
		Submissions.Submission s = Submissions.next(true);
		Submissions.Answer registered = client.send(a.uri(""), s);
		assertThat(registered.status()).isEqualTo(201);
		Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(registered.body());
		assertThat(id.find()).isTrue();
		String matter = "/api/v1/matters/" + id.group(1);
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> read = http.send(HttpRequest.newBuilder(b.uri(matter))
			.header("Authorization", Submissions.basic("demo-registrar")).build(), HttpResponse.BodyHandlers.ofString());
		Matcher version = Pattern.compile("\"version\"\\s*:\\s*(\\d+)").matcher(read.body());
		assertThat(version.find()).as(read.body()).isTrue();
		String etag = "\"" + version.group(1) + "\"";

		// both read the same version; each instance assigns to a different unit at the same moment
		List<CompletableFuture<HttpResponse<String>>> edits = new ArrayList<>();
		String[][] attempts = { { "X1-RMYY", "a" }, { "X1-CDC", "b" } };
		for (String[] attempt : attempts) {
			URI base = "a".equals(attempt[1]) ? a.uri("") : b.uri("");
			edits.add(http.sendAsync(HttpRequest.newBuilder(base.resolve(matter + "/actions/ASSIGN"))
				.header("Authorization", Submissions.basic("demo-registrar"))
				.header("Content-Type", "application/json")
				.header("If-Match", etag)
				.POST(HttpRequest.BodyPublishers.ofString("{\"unitCode\":\"" + attempt[0] + "\"}")).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> edit : edits) {
			statuses.add(edit.get().statusCode());
		}
		assertThat(statuses).containsExactlyInAnyOrder(200, 409);
		// and a third edit with the version both started from is refused too
		HttpResponse<String> stale = http.send(HttpRequest.newBuilder(a.uri(matter + "/actions/ADD_PROGRESS"))
			.header("Authorization", Submissions.basic("demo-registrar"))
			.header("Content-Type", "application/json")
			.header("If-Match", etag)
			.POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stale.statusCode()).isIn(403, 409);
	}

	private void scheduledWorkHappensOnce(StandaloneDatabase db) throws Exception {
		try (Connection c = db.connect(); Statement st = c.createStatement()) {
			// deadlines of demo matters made overdue (due on a day no real deadline has), and messages put in the
			// outbox
			int overdue = st.executeUpdate("""
					UPDATE matter_deadline SET due_date = DATE '%s', met_on = NULL, obligation = TRUE,
					       overdue_noticed_at = NULL
					WHERE (matter_id, rule_code) IN (SELECT matter_id, rule_code FROM matter_deadline
					    WHERE rule_code IN ('TRIAGE', 'ACCEPTANCE', 'HANDLING') AND overdue_noticed_at IS NULL
					    ORDER BY matter_id, rule_code LIMIT %d)""".formatted(DUE, OVERDUE));
			assertThat(overdue).isEqualTo(OVERDUE);
			st.executeUpdate("""
					INSERT INTO notification (channel, recipient, body, dedup_key, created_at, next_attempt_at)
					SELECT 'SMS', '1380013' || lpad(n::text, 4, '0'), '两实例测试短信 ' || n, 'two-instances-' || n, now(), now()
					FROM generate_series(1, %d) n""".formatted(MESSAGES));
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		try (Connection c = db.connect()) {
			while (System.nanoTime() < deadline) {
				long noticed = count(c, "SELECT count(*) FROM matter_deadline WHERE due_date = DATE '" + DUE
						+ "' AND overdue_noticed_at IS NOT NULL");
				long sent = count(c, "SELECT count(*) FROM notification WHERE dedup_key LIKE 'two-instances-%' AND status = 'SENT'");
				if (noticed >= OVERDUE && sent == MESSAGES) {
					break;
				}
				Thread.sleep(250);
			}
			assertThat(count(c, "SELECT count(*) FROM matter_deadline WHERE due_date = DATE '" + DUE + "' AND overdue_noticed_at IS NOT NULL"))
				.isEqualTo(OVERDUE);
			// one OVERDUE event and one audit entry per overdue deadline, however many instances swept
			assertThat(count(c, """
					SELECT count(*) FROM matter_event e JOIN matter_deadline d ON d.matter_id = e.matter_id
					 AND e.note = d.rule_code || ' ' || d.due_date
					WHERE e.type = 'OVERDUE' AND d.due_date = DATE '%s'""".formatted(DUE))).isEqualTo(OVERDUE);
			assertThat(count(c, "SELECT count(*) FROM audit_entry WHERE action = 'DEADLINE_OVERDUE' AND details LIKE '%" + DUE
					+ "%'")).isEqualTo(OVERDUE);
			assertThat(count(c, "SELECT count(*) FROM notification WHERE dedup_key LIKE 'two-instances-%' AND status = 'SENT' AND attempts = 1"))
				.isEqualTo(MESSAGES);
			// each text handed to the gateway exactly once
			assertThat(count(c, "SELECT count(*) FROM sms_message WHERE text LIKE '两实例测试短信 %'")).isEqualTo(MESSAGES);
			assertThat(count(c, "SELECT count(DISTINCT text) FROM sms_message WHERE text LIKE '两实例测试短信 %'")).isEqualTo(MESSAGES);
		}
	}

	private static long count(Connection c, String sql) throws Exception {
		try (PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
