package org.xinfang.intake.internal;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.xinfang.audit.AuditScope;
import org.xinfang.intake.MatterDetail;
import org.xinfang.intake.MatterQueries;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;

/**
 * A matter's audit history is readable by whoever can see the matter itself (its data scope, DOMAIN §1) — except,
 * on a protected matter, by users of the unit complained about: the history records who revealed the
 * reporter's identity and why, and a reason may name the reporter (DOMAIN §9).
 */
@Component
class MatterAuditScope implements AuditScope {

	private final MatterQueries matters;

	private final CurrentUser currentUser;

	private final Units units;

	MatterAuditScope(MatterQueries matters, CurrentUser currentUser, Units units) {
		this.matters = matters;
		this.currentUser = currentUser;
		this.units = units;
	}

	@Override
	public Optional<Boolean> visible(String entityType, String entityId) {
		if (!"matter".equals(entityType)) {
			return Optional.empty();
		}
		long id;
		try {
			id = Long.parseLong(entityId.strip());
		}
		catch (NumberFormatException ex) {
			return Optional.of(false);
		}
		return Optional.of(matters.find(id).map(this::readable).orElse(false));
	}

	private boolean readable(MatterDetail matter) {
		if (!matter.identityProtected() || matter.concernedUnit() == null) {
			return true;
		}
		String complainedAbout = units.byCode(matter.concernedUnit().code()).map(Unit::path).orElse(null);
		return !IdentityMasking.insideComplainedAbout(complainedAbout, currentUser.require());
	}
}
