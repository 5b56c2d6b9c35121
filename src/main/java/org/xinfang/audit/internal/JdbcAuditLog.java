package org.xinfang.audit.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.audit.AuditTrail;
import org.xinfang.audit.AuditVerification;
import tools.jackson.databind.json.JsonMapper;

@Component
class JdbcAuditLog implements AuditLog, AuditTrail {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final AuditSealer sealer;

	JdbcAuditLog(JdbcClient jdbc, JsonMapper json, Clock clock, AuditSealer sealer) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.sealer = sealer;
	}

	/** Must join the caller's transaction: the change and its entry commit together or not at all. */
	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String entityType, Object entityId, Map<String, ?> details) {
		jdbc.sql("""
				INSERT INTO audit_entry (seq, at, actor, action, entity_type, entity_id, details, prev_hash, hash)
				VALUES (0, :at, :actor, :action, :entityType, :entityId, :details, '', '')
				""")
			.param("at", OffsetDateTime.now(clock))
			.param("actor", currentActor())
			.param("action", action)
			.param("entityType", entityType)
			.param("entityId", entityId == null ? null : entityId.toString())
			.param("details", details == null || details.isEmpty() ? null : json.writeValueAsString(details))
			.update();
	}

	static String currentActor() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) {
			return "system";
		}
		if (auth instanceof AnonymousAuthenticationToken) {
			return "public";
		}
		return auth.getName();
	}

	@Override
	public List<Entry> forEntity(String entityType, Object entityId) {
		return jdbc.sql("""
				SELECT seq, at, actor, action, entity_type, entity_id, details FROM audit_entry
				WHERE entity_type = :type AND entity_id = :id ORDER BY seq
				""")
			.param("type", entityType)
			.param("id", String.valueOf(entityId))
			.query((rs, n) -> new Entry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class),
					rs.getString("actor"), rs.getString("action"), rs.getString("entity_type"),
					rs.getString("entity_id"), rs.getString("details")))
			.list();
	}

	/**
	 * Seals what is committed ({@link AuditSealer}), then recomputes every sealed entry's digest and link; the first
	 * mismatch is where the log was altered. An unsealed entry below the last sealed one is a mismatch too (sealing
	 * never leaves one behind); unsealed entries after it are still to be sealed and are counted, not judged.
	 */
	@Override
	@Transactional(readOnly = true)
	public AuditVerification verify() {
		sealer.sealCommitted(); // in a transaction of its own: the chain's lock is not held while checking
		long count = jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
		return jdbc.sql("""
				SELECT seq, hash IS NULL AS unsealed, hash IS DISTINCT FROM expected_hash AS bad_hash
				FROM (SELECT seq, hash, prev_hash,
				             coalesce(lag(hash) OVER (ORDER BY seq), 'GENESIS') AS expected_prev,
				             audit_entry_digest(seq, at, actor, action, entity_type, entity_id, details, prev_hash)
				                 AS expected_hash
				      FROM audit_entry
				      WHERE seq <= (SELECT max(seq) FROM audit_entry WHERE hash IS NOT NULL)) e
				WHERE hash IS DISTINCT FROM expected_hash OR prev_hash IS DISTINCT FROM expected_prev
				ORDER BY seq
				LIMIT 1
				""")
			.query((rs, n) -> new AuditVerification(count, rs.getLong("seq"),
					rs.getBoolean("unsealed") ? "is not sealed although later entries are (its hash was removed)"
							: rs.getBoolean("bad_hash") ? "content does not match its hash"
									: "does not link to the entry before it (an entry was removed or altered)"))
			.optional()
			.orElse(new AuditVerification(count, null, null));
	}
}
