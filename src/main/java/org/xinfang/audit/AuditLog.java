package org.xinfang.audit;

import java.util.Map;

/**
 * Appends an entry to the hash-chained audit log in the caller's transaction, so a state change and its
 * audit entry commit or roll back together. The actor is the authenticated user, or {@code public} for the
 * citizen portal, or {@code system} for scheduled work.
 */
public interface AuditLog {

	void record(String action, String entityType, Object entityId, Map<String, ?> details);

	default void record(String action, String entityType, Object entityId) {
		record(action, entityType, entityId, Map.of());
	}
}
