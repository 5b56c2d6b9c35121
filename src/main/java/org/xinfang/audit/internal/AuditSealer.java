package org.xinfang.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links the entries written since the last run into the audit chain (V28 {@code audit_entry_seal()}): writers
 * store their entries unsealed and never wait for each other; this job gives each its link and hash in seq order,
 * every {@code xinfang.audit.seal-interval} (default one second), and before every verification. Each run is a
 * transaction of its own, so the lock (which new writers queue behind) is held only while sealing. It needs no
 * ShedLock: the function takes the chain's lock itself, so two instances sealing at once take turns and the second
 * finds nothing left to seal.
 */
@Component
class AuditSealer {

	private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

	private final JdbcClient jdbc;

	AuditSealer(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelayString = "${xinfang.audit.seal-interval:PT1S}",
			initialDelayString = "${xinfang.audit.seal-interval:PT1S}")
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public int sealCommitted() {
		// waits at most 200 ms for the writers in flight (else the next run seals)
		int sealed = jdbc.sql("SELECT audit_entry_seal()").query(Integer.class).single();
		if (sealed < 0) {
			log.info("Audit entries not sealed this time: writers held the chain lock for over 200 ms");
		}
		return sealed;
	}
}
