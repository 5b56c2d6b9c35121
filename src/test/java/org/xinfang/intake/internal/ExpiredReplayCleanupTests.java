package org.xinfang.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class ExpiredReplayCleanupTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExpiredReplayCleanup cleanup;

	@Test
	void clearTextSecretIsDeletedWhenTheReplayWindowHasPassed() {
		fixtures.commission();
		String key = java.util.UUID.randomUUID().toString();
		Map<?, ?> body = http.post().uri("/api/v1/public/petitions")
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "PROPOSAL", "title", "建议增加夜间药房", "content", "建议县医院增设夜间药房窗口。",
					"petitioner", Map.of("name", "王芳", "phone", "13900139000")))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		long matterId = jdbc.sql("SELECT id FROM matter WHERE tracking_code = :c")
			.param("c", body.get("trackingCode"))
			.query(Long.class)
			.single();

		cleanup.deleteExpired();
		assertThat(replayRows(matterId)).isEqualTo(1); // still inside its window

		jdbc.sql("UPDATE submission_replay SET expires_at = now() - interval '1 minute' WHERE matter_id = :id")
			.param("id", matterId)
			.update();
		cleanup.deleteExpired();
		assertThat(replayRows(matterId)).isZero();
	}

	private long replayRows(long matterId) {
		return jdbc.sql("SELECT count(*) FROM submission_replay WHERE matter_id = :id")
			.param("id", matterId)
			.query(Long.class)
			.single();
	}
}
