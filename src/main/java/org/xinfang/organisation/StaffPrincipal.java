package org.xinfang.organisation;

import java.io.Serializable;
import java.util.Set;

/**
 * The signed-in staff member as the rest of the system sees them: who, which unit, which roles. Data scope
 * (DOMAIN §1): a user sees matters of their own unit's subtree, i.e. units whose path starts with
 * {@link #unitPath()}.
 */
public record StaffPrincipal(long userId, String username, String displayName, long unitId, String unitCode,
		String unitName, String unitPath, Set<Role> roles) implements Serializable {

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public boolean canSee(String otherUnitPath) {
		return otherUnitPath != null && otherUnitPath.startsWith(unitPath);
	}
}
