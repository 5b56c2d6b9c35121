package org.xinfang.organisation;

import java.util.Set;

/**
 * Changes to the organisation tree and staff accounts. Every change is audited; used by the
 * administration pages and API, the demo data and test fixtures.
 */
public interface OrganisationAdministration {

	Unit createUnit(NewUnit unit);

	StaffPrincipal createUser(NewUser user);

	/**
	 * @param parentCode code of the parent unit, {@code null} for a root
	 */
	record NewUnit(String code, String name, String parentCode, Unit.UnitLevel level, Unit.UnitType type,
			boolean petitionOffice) {
	}

	record NewUser(String username, String displayName, String rawPassword, String unitCode, Set<Role> roles,
			String email, String phone) {
	}
}
