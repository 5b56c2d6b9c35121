package org.xinfang.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.support.XinfangTest;

/**
 * V28: writers store their audit entries unsealed without waiting for each other; the sealer links them into the
 * chain in seq order once no writer is in flight, and sealing is the only change an entry ever takes.
 */
@XinfangTest
class AuditSealingTests {

	@Autowired
	AuditLog audit;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void writersDoNotWaitForEachOtherAndTheSealerWaitsForBoth() throws Exception {
		String first = "sealing-" + UUID.randomUUID();
		String second = "sealing-" + UUID.randomUUID();
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		TransactionTemplate tx = new TransactionTemplate(transactions);
		// a writer that has drawn its seq and has not committed yet
		CompletableFuture<Void> open = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
			audit.record("SEALING_TEST", "test", first, Map.of());
			written.countDown();
			await(release);
		}));
		try {
			assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
			// a second writer commits meanwhile; with one exclusive lock per writer it would wait for the first
			tx.executeWithoutResult(status -> {
				jdbc.sql("SET LOCAL lock_timeout = '5s'").update();
				audit.record("SEALING_TEST", "test", second, Map.of());
			});
			assertThat(hash(second)).as("unsealed at its commit").isNull();
			// the first writer is still in flight: its seq is below the second's, so nothing may be sealed yet
			Integer sealed = tx.execute(status -> jdbc.sql("SELECT audit_entry_seal('100 milliseconds')")
				.query(Integer.class).single());
			assertThat(sealed).isEqualTo(-1);
			assertThat(hash(second)).isNull();
		}
		finally {
			release.countDown();
			open.get(30, TimeUnit.SECONDS);
		}
		assertThat(trail.verify().intact()).isTrue(); // seals both
		long firstSeq = trail.forEntity("test", first).get(0).seq();
		long secondSeq = trail.forEntity("test", second).get(0).seq();
		assertThat(firstSeq).isLessThan(secondSeq);
		Map<String, Object> row = jdbc.sql("SELECT prev_hash, hash FROM audit_entry WHERE seq = :seq")
			.param("seq", secondSeq).query().singleRow();
		String previous = jdbc.sql("SELECT hash FROM audit_entry WHERE seq < :seq ORDER BY seq DESC LIMIT 1")
			.param("seq", secondSeq).query(String.class).single();
		assertThat(row.get("prev_hash")).isEqualTo(previous);
		assertThat(hash(first)).hasSize(64);
	}

	@Test
	void sealingIsTheOnlyChangeAnEntryTakes() {
		String unsealed = "sealing-" + UUID.randomUUID();
		TransactionTemplate tx = new TransactionTemplate(transactions);
		tx.executeWithoutResult(status -> {
			audit.record("SEALING_TEST", "test", unsealed, Map.of("k", "v"));
			// before its seal: its content cannot change, and no one can seal it with a made-up hash and content
			Object savepoint = status.createSavepoint();
			assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET details = 'forged' WHERE entity_id = :id")
				.param("id", unsealed).update()).hasMessageContaining("append-only");
			status.rollbackToSavepoint(savepoint);
			assertThatThrownBy(() -> jdbc.sql("""
					UPDATE audit_entry SET details = 'forged', prev_hash = 'x', hash = 'y' WHERE entity_id = :id
					""").param("id", unsealed).update()).hasMessageContaining("append-only");
			status.setRollbackOnly();
		});
		String sealed = "sealing-" + UUID.randomUUID();
		tx.executeWithoutResult(status -> audit.record("SEALING_TEST", "test", sealed, Map.of()));
		assertThat(trail.verify().intact()).isTrue();
		assertThat(hash(sealed)).hasSize(64);
		// once sealed, not even its hash can be set again
		assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET hash = md5(hash) WHERE entity_id = :id")
			.param("id", sealed).update()).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET prev_hash = NULL, hash = NULL WHERE entity_id = :id")
			.param("id", sealed).update()).hasMessageContaining("append-only");
	}

	private String hash(String entityId) {
		return jdbc.sql("SELECT hash FROM audit_entry WHERE entity_type = 'test' AND entity_id = :id")
			.param("id", entityId).query().singleRow().get("hash") instanceof String h ? h : null;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
