package org.xinfang.intake.internal;

import org.xinfang.intake.Kind;
import org.xinfang.organisation.StaffPrincipal;

/**
 * Who may not see a petitioner's identity. A report's author (检举控告人) is never shown to the unit
 * accused or anyone inside it (Regulation Art. 30; Art. 46 forbids passing on the materials); the reveal
 * for an authorised role is a separate, logged step. ID numbers are masked wherever matters are listed.
 */
final class IdentityMasking {

	static final String MASKED_NAME = "***";

	private IdentityMasking() {
	}

	static boolean hidesIdentity(Kind kind, String concernedUnitPath, StaffPrincipal viewer) {
		return kind == Kind.REPORT && concernedUnitPath != null && viewer.unitPath().startsWith(concernedUnitPath);
	}

	/** "520102199001011234" → "5201**********1234"; short values are masked entirely. */
	static String maskIdNumber(String idNumber) {
		if (idNumber == null) {
			return null;
		}
		if (idNumber.length() <= 8) {
			return "*".repeat(idNumber.length());
		}
		return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
	}
}
