package org.xinfang.audit.web;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.audit.AuditScope;
import org.xinfang.audit.AuditTrail;
import org.xinfang.audit.AuditVerification;
import org.xinfang.platform.DomainException;

/**
 * Audit log endpoints for administrators and supervisors: verify the hash chain (names the first entry
 * that no longer matches) and read an entity's history, within the data scope of the entity's module
 * ({@link AuditScope}): an entity the user cannot see answers 404, as an unknown one.
 */
@RestController
@RequestMapping("/api/v1/admin/audit")
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
class AuditController {

	private final AuditTrail trail;

	private final List<AuditScope> scopes;

	AuditController(AuditTrail trail, List<AuditScope> scopes) {
		this.trail = trail;
		this.scopes = scopes;
	}

	@GetMapping("/verify")
	Verification verify() {
		AuditVerification v = trail.verify();
		return new Verification(v.intact(), v.entriesChecked(), v.firstBadSeq(), v.problem());
	}

	@GetMapping("/entries")
	List<AuditTrail.Entry> entries(@RequestParam String entityType, @RequestParam String entityId) {
		boolean visible = scopes.stream()
			.map(scope -> scope.visible(entityType, entityId))
			.flatMap(java.util.Optional::stream)
			.findFirst()
			.orElse(true);
		if (!visible) {
			throw DomainException.notFound("Entity");
		}
		return trail.forEntity(entityType, entityId);
	}

	record Verification(boolean intact, long entriesChecked, Long firstBadSeq, String problem) {
	}
}
