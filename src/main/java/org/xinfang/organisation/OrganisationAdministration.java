package org.xinfang.organisation;

import java.util.Set;

/**
 * Changes to the organisation tree, staff accounts and the dictionaries. Every change is audited in its own
 * transaction; edits carry the version the editor saw and fail with 409 ({@code stale-version}) when someone
 * else changed the row in between. Used by the administration pages and API, the demo data and test fixtures.
 *
 * <p>This service does not know who is asking: data scope (an administrator acts only within their own
 * unit's subtree) is enforced by the administration pages and API in front of it.
 */
public interface OrganisationAdministration {

	/** Passwords shorter than this are refused on create and reset. */
	int MIN_PASSWORD_LENGTH = 10;

	Unit createUnit(NewUnit unit);

	Unit updateUnit(String code, int version, UnitChange change);

	/**
	 * Re-hangs the unit and its whole subtree under a new parent ({@code null}: make it a root), rewriting the
	 * materialised paths in one statement. Moving a unit under itself or one of its descendants is refused.
	 */
	Unit moveUnit(String code, int version, String newParentCode);

	/** Deactivates a unit; refused while it still has active sub-units. */
	Unit deactivateUnit(String code, int version);

	StaffPrincipal createUser(NewUser user);

	StaffPrincipal updateUser(String username, int version, UserChange change);

	void resetPassword(String username, String rawPassword);

	/** Clears the failed-attempt count and the lock set after too many wrong passwords. */
	void unlock(String username);

	void createCategory(Category category);

	void updateCategory(String code, int version, Category category);

	void createLegalRoute(LegalRoute route);

	void updateLegalRoute(String code, int version, LegalRoute route);

	/**
	 * @param parentCode code of the parent unit, {@code null} for a root
	 */
	record NewUnit(String code, String name, String parentCode, Unit.UnitLevel level, Unit.UnitType type,
			boolean petitionOffice) {
	}

	record UnitChange(String name, Unit.UnitLevel level, Unit.UnitType type, boolean petitionOffice,
			boolean active) {
	}

	record NewUser(String username, String displayName, String rawPassword, String unitCode, Set<Role> roles,
			String email, String phone) {
	}

	record UserChange(String displayName, String unitCode, Set<Role> roles, boolean enabled, String email,
			String phone) {
	}

	/** An entry of the category dictionary (信访事项分类); {@code active} is ignored on create. */
	record Category(String code, String nameZh, String nameEn, int sortOrder, boolean active) {
	}

	/** An entry of the legal-routes list (通过法定途径分类处理清单, Regulation Art. 31). */
	record LegalRoute(String code, String nameZh, String nameEn, String appliesTo, int sortOrder, boolean active) {
	}
}
