package org.xinfang.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
		assertThat(trail.verify().intact()).isTrue();
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
