package org.xinfang.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue #5 item 1: concurrent submissions through the public API and staff intake while the application is
 * killed with SIGKILL at random moments and restarted. Every submission that was answered 201 must be there
 * exactly once, with its audit entry; a retry with the same Idempotency-Key — of an answered submission or of
 * one whose answer was lost in the crash — never creates a second matter.
 *
 * <p>The short version runs in {@code mvn verify} ({@code reliability.cycles}, default 3 kills); the long run is
 * {@code mvn verify -Dit.test=CrashSafetyIT -Dreliability.cycles=30} (see RELIABILITY.md).
 */
class CrashSafetyIT {

	static final int CLIENTS = 6;

	@Test
	void nothingAcknowledgedIsLostAndNothingIsDuplicated() throws Exception {
		int cycles = Integer.getInteger("reliability.cycles", 3);
		Path log = Files.createTempFile("xinfang-crash", ".log");
		Submissions client = new Submissions();
		Map<String, Submissions.Submission> sent = new ConcurrentHashMap<>();
		Map<String, String> acknowledged = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
		// submissions that went without an answer at least once (a crash cut them off) and were retried
		java.util.Set<String> retried = ConcurrentHashMap.newKeySet();
		AtomicInteger answers500 = new AtomicInteger();
		List<String> mismatches = new ArrayList<>();
		try (StandaloneDatabase db = new StandaloneDatabase(); AppProcess app = new AppProcess(db.jdbcUrl(), log)) {
			app.start();
			for (int cycle = 0; cycle < cycles; cycle++) {
				AtomicBoolean running = new AtomicBoolean(true);
				ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
				for (int c = 0; c < CLIENTS; c++) {
					boolean staff = c % 3 == 0;
					pool.submit(() -> {
						while (running.get()) {
							// first retry what a crash left unanswered, then something new
							String retry = unanswered.poll();
							Submissions.Submission s = retry != null ? sent.get(retry) : Submissions.next(staff);
							sent.putIfAbsent(s.key(), s);
							Submissions.Answer a = client.send(app.uri(""), s);
							if (a.acknowledged()) {
								String before = acknowledged.putIfAbsent(s.key(), a.trackingCode());
								if (before != null && !before.equals(a.trackingCode())) {
									synchronized (mismatches) {
										mismatches.add(s.key() + ": " + before + " then " + a.trackingCode());
									}
								}
							}
							else {
								if (a.status() >= 500 && a.status() != 503) {
									answers500.incrementAndGet();
								}
								unanswered.add(s.key());
								retried.add(s.key());
								if (a.status() == 0) {
									sleepQuietly(200);
								}
							}
						}
						return null;
					});
				}
				Thread.sleep(1500 + ThreadLocalRandom.current().nextInt(3000));
				app.kill();
				Thread.sleep(500);
				running.set(false);
				pool.shutdown();
				assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
				app.start();
			}
			// the application is up: every submission is retried with its key until answered
			for (Submissions.Submission s : sent.values()) {
				if (!acknowledged.containsKey(s.key())) {
					Submissions.Answer a = client.send(app.uri(""), s);
					assertThat(a.acknowledged()).as("retry of %s answered %s %s", s.key(), a.status(), a.body()).isTrue();
					acknowledged.put(s.key(), a.trackingCode());
					retried.add(s.key());
				}
				else {
					// and a retry of an answered one replays the same matter
					Submissions.Answer a = client.send(app.uri(""), s);
					assertThat(a.trackingCode()).as("replay of %s", s.key()).isEqualTo(acknowledged.get(s.key()));
				}
			}

			assertThat(mismatches).isEmpty();
			assertThat(answers500.get()).as("500 answers").isZero();
			try (Connection c = db.connect()) {
				for (Map.Entry<String, String> e : acknowledged.entrySet()) {
					try (PreparedStatement q = c.prepareStatement("""
							SELECT m.tracking_code,
							       (SELECT count(*) FROM audit_entry a WHERE a.entity_type = 'matter'
							            AND a.entity_id = m.id::text AND a.action = 'MATTER_REGISTERED') AS audited
							FROM matter m WHERE m.idempotency_key = ?""")) {
						q.setString(1, e.getKey());
						try (ResultSet rs = q.executeQuery()) {
							assertThat(rs.next()).as("matter of %s", e.getKey()).isTrue();
							assertThat(rs.getString(1)).isEqualTo(e.getValue());
							assertThat(rs.getInt(2)).as("audit entries of %s", e.getKey()).isEqualTo(1);
							assertThat(rs.next()).isFalse();
						}
					}
				}
				try (PreparedStatement q = c.prepareStatement(
						"SELECT count(*) FROM matter WHERE idempotency_key LIKE 'crash-%'")) {
					try (ResultSet rs = q.executeQuery()) {
						rs.next();
						assertThat(rs.getLong(1)).isEqualTo(sent.size());
					}
				}
			}
			System.out.printf("RELIABILITY crash kills=%d submissions=%d retried_after_no_answer=%d lost=0 duplicated=0%n",
					cycles, sent.size(), retried.size());
		}
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
