package org.xinfang.intake;

import java.util.List;

/**
 * What may be done to a matter now, for the answers of intake's reading side ({@code allowedActions}).
 * Intake declares this need; the handling module, which owns the lifecycle, implements it. Without an
 * implementation the lists are empty.
 */
public interface AllowedActions {

	/** For the signed-in staff member. */
	List<String> forStaff(long matterId);

	/** For the petitioner who proved the query secret. */
	List<String> forPetitioner(long matterId);
}
