package org.xinfang.audit;

import java.time.OffsetDateTime;
import java.util.List;

/** Reading side of the audit log: an entity's history and the chain check. */
public interface AuditTrail {

	AuditVerification verify();

	List<Entry> forEntity(String entityType, Object entityId);

	record Entry(long seq, OffsetDateTime at, String actor, String action, String entityType, String entityId,
			String details) {
	}
}
