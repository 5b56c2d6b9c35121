package org.xinfang.organisation;

import java.util.List;
import java.util.Optional;

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
}
