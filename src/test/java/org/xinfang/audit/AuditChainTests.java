package org.xinfang.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

@XinfangTest
class AuditChainTests {

	@Autowired
	RestTestClient http;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	@Test
	void everyChangeIsChainedToThePreviousEntry() {
		Unit unit = fixtures.commission();
		var entries = trail.forEntity("unit", unit.code());
		assertThat(entries).extracting(AuditTrail.Entry::action).containsExactly("UNIT_CREATED");
		assertThat(trail.verify().intact()).isTrue(); // seals what is committed
		Map<String, Object> row = jdbc.sql("SELECT seq, prev_hash, hash FROM audit_entry WHERE seq = :seq")
			.param("seq", entries.get(0).seq())
			.query()
			.singleRow();
		String previous = jdbc.sql("SELECT hash FROM audit_entry WHERE seq < :seq ORDER BY seq DESC LIMIT 1")
			.param("seq", entries.get(0).seq())
			.query(String.class)
			.optional()
			.orElse("GENESIS");
		assertThat(row.get("prev_hash")).isEqualTo(previous);
		assertThat((String) row.get("hash")).hasSize(64);
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void updatingAnEntryInSqlIsDetectedAtThatEntry() {
		Unit unit = fixtures.commission();
		fixtures.bureauUnder(unit); // an entry after the tampered one
		trail.verify(); // sealed: what follows changes entries of the chain
		long seq = trail.forEntity("unit", unit.code()).get(0).seq();
		String original = jdbc.sql("SELECT details FROM audit_entry WHERE seq = :seq").param("seq", seq)
			.query(String.class).single();
		try {
			tamper("UPDATE audit_entry SET details = '{\"name\":\"forged\"}' WHERE seq = " + seq);
			AuditVerification result = trail.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.firstBadSeq()).isEqualTo(seq);
		}
		finally {
			tamper("UPDATE audit_entry SET details = '" + original.replace("'", "''") + "' WHERE seq = " + seq);
		}
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void deletingAnEntryInSqlIsDetectedAtTheNextEntry() {
		Unit unit = fixtures.commission();
		Unit bureau = fixtures.bureauUnder(unit);
		trail.verify();
		long deleted = trail.forEntity("unit", unit.code()).get(0).seq();
		long next = trail.forEntity("unit", bureau.code()).get(0).seq();
		Map<String, Object> row = jdbc.sql("SELECT * FROM audit_entry WHERE seq = :seq").param("seq", deleted)
			.query().singleRow();
		try {
			tamper("DELETE FROM audit_entry WHERE seq = " + deleted);
			AuditVerification result = trail.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.firstBadSeq()).isEqualTo(next);
		}
		finally {
			reinsert(row);
		}
		assertThat(trail.verify().intact()).isTrue();
	}

	/**
	 * Issue #5 item 6, every row and every column: each of a run of consecutive entries is tampered with in turn —
	 * each column changed, then the row deleted — and the verification names that entry (a deleted entry: the one
	 * after it), then the row is put back and the chain is intact again.
	 */
	@Test
	void anyChangeToAnyColumnOfAnyEntryOrItsDeletionIsNamed() {
		Unit unit = fixtures.commission();
		for (int i = 0; i < 6; i++) {
			fixtures.bureauUnder(unit);
		}
		Unit last = fixtures.bureauUnder(unit); // an entry after the run, so every deletion has a successor
		trail.verify();
		long end = trail.forEntity("unit", last.code()).get(0).seq();
		List<Long> run = jdbc.sql("SELECT seq FROM audit_entry WHERE seq < :end ORDER BY seq DESC LIMIT 6")
			.param("end", end)
			.query(Long.class)
			.list();
		Map<String, String> edits = new LinkedHashMap<>();
		edits.put("at", "at = at + interval '1 microsecond'");
		edits.put("actor", "actor = actor || 'x'");
		edits.put("action", "action = action || 'X'");
		edits.put("entity_type", "entity_type = entity_type || 'x'");
		edits.put("entity_id", "entity_id = coalesce(entity_id, '') || 'x'");
		edits.put("details", "details = coalesce(details, '') || ' '");
		edits.put("prev_hash", "prev_hash = md5(prev_hash) || md5(prev_hash)");
		edits.put("hash", "hash = md5(hash) || md5(hash)");
		int cases = 0;
		for (long seq : run) {
			Map<String, Object> row = jdbc.sql("SELECT * FROM audit_entry WHERE seq = :seq").param("seq", seq)
				.query().singleRow();
			for (Map.Entry<String, String> edit : edits.entrySet()) {
				tamper("UPDATE audit_entry SET " + edit.getValue() + " WHERE seq = " + seq);
				AuditVerification result = trail.verify();
				restore(row);
				assertThat(result.firstBadSeq()).as("%s of entry %s changed", edit.getKey(), seq).isEqualTo(seq);
				cases++;
			}
			tamper("DELETE FROM audit_entry WHERE seq = " + seq);
			AuditVerification result = trail.verify();
			reinsert(row);
			long next = jdbc.sql("SELECT min(seq) FROM audit_entry WHERE seq > :seq").param("seq", seq)
				.query(Long.class).single();
			assertThat(result.firstBadSeq()).as("entry %s deleted", seq).isEqualTo(next);
			cases++;
		}
		assertThat(trail.verify().intact()).isTrue();
		assertThat(cases).isEqualTo(6 * 9);
	}

	private void restore(Map<String, Object> row) {
		tamper("DELETE FROM audit_entry WHERE seq = " + row.get("seq"));
		reinsert(row);
	}

	private void reinsert(Map<String, Object> row) {
		jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_chain").update();
		try {
			jdbc.sql("""
					INSERT INTO audit_entry (seq, at, actor, action, entity_type, entity_id, details, prev_hash, hash)
					VALUES (:seq, :at, :actor, :action, :entity_type, :entity_id, :details, :prev_hash, :hash)
					""").params(row).update();
		}
		finally {
			jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_chain").update();
		}
	}

	@Test
	void applicationCannotRewriteTheLog() {
		Unit unit = fixtures.commission();
		long seq = trail.forEntity("unit", unit.code()).get(0).seq();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry WHERE seq = :seq").param("seq", seq).update())
			.hasMessageContaining("append-only");
	}

	@Test
	void verifyEndpointIsForAdministratorsAndSupervisors() {
		Unit unit = fixtures.commission();
		StaffPrincipal supervisor = fixtures.user(unit, Role.SUPERVISOR);
		StaffPrincipal handler = fixtures.user(unit, Role.HANDLER);
		http.get().uri("/api/v1/admin/audit/verify")
			.headers(h -> h.setBasicAuth(supervisor.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.intact").isEqualTo(true).jsonPath("$.firstBadSeq").doesNotExist();
		http.get().uri("/api/v1/admin/audit/verify")
			.headers(h -> h.setBasicAuth(handler.username(), Fixtures.PASSWORD))
			.exchange()
			.expectStatus().isForbidden();
	}

	/** Changes the log as an attacker with SQL access would: with the append-only guard switched off. */
	private void tamper(String sql) {
		jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only").update();
		try {
			jdbc.sql(sql).update();
		}
		finally {
			jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only").update();
		}
	}
}
