package org.xinfang.organisation;

import java.util.Optional;

/** The one way to ask who is signed in. */
public interface CurrentUser {

	Optional<StaffPrincipal> get();

	/** The signed-in staff member; fails with 401 semantics when there is none. */
	StaffPrincipal require();
}
