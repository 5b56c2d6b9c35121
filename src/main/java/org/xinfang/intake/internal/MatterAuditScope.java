package org.xinfang.intake.internal;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.xinfang.audit.AuditScope;
import org.xinfang.intake.MatterQueries;

/** A matter's audit history is readable by whoever can see the matter itself (its data scope, DOMAIN §1). */
@Component
class MatterAuditScope implements AuditScope {

	private final MatterQueries matters;

	MatterAuditScope(MatterQueries matters) {
		this.matters = matters;
	}

	@Override
	public Optional<Boolean> visible(String entityType, String entityId) {
		if (!"matter".equals(entityType)) {
			return Optional.empty();
		}
		try {
			return Optional.of(matters.find(Long.parseLong(entityId.strip())).isPresent());
		}
		catch (NumberFormatException ex) {
			return Optional.of(false);
		}
	}
}
