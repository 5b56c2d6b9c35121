package org.xinfang.organisation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Read access to the organisation tree for other modules. */
public interface Units {

	Optional<Unit> byId(long id);

	Optional<Unit> byCode(String code);

	/** The unit and everything below it, in tree order. */
	List<Unit> subtree(long rootId);

	/** Every unit, in tree order (path). */
	List<Unit> all();

	/** The chain from the root down to the unit (inclusive). */
	List<Unit> ancestry(long id);

	/** The enabled users of exactly this unit holding the role, as username and display name, by username. */
	List<Member> members(long unitId, Role role);

	record Member(String username, String displayName) {
	}

	/**
	 * A staff account by username (enabled or not) with its unit, roles and phone, so that other modules can
	 * check a named official — "an enabled leader whose unit can see the matter" — and reach them by SMS.
	 */
	Optional<Staff> staff(String username);

	record Staff(long id, String username, String displayName, Unit unit, Set<Role> roles, boolean enabled,
			String phone) {

		public boolean has(Role role) {
			return roles.contains(role);
		}

		/** Data scope as for {@link StaffPrincipal#canSee}: the other unit lies in this user's unit's subtree. */
		public boolean canSee(String otherUnitPath) {
			return otherUnitPath != null && otherUnitPath.startsWith(unit.path());
		}
	}
}
