package org.xinfang.audit;

import java.util.Optional;

/**
 * Whether the signed-in user may read the audit history of an entity: the module that owns the entity type
 * answers, so the audit log applies the same data scope as the entity itself (DOMAIN §1). A matter outside the
 * user's subtree has no history for them, as it has no detail. Implementations answer empty for entity types
 * that are not theirs; a type that no module claims is readable by every auditor.
 */
public interface AuditScope {

	/** Empty when {@code entityType} is not this module's; else whether the current user may see the entity. */
	Optional<Boolean> visible(String entityType, String entityId);
}
