package org.xinfang.intake.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.xinfang.intake.Kind;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;

/**
 * Who sees a petitioner's identity (name, phone, ID number, address, e-mail of every petitioner,
 * co-petitioner and representative) and materials (attachments, and the documents addressed to them).
 *
 * <p>A matter is <em>protected</em> when it is a report (检举控告) or when its concerned unit is the one
 * complained about. The reporter is never shown to the unit accused or anyone inside it (Regulation on
 * Petition Work Art. 30; Art. 46 forbids passing the materials on), and revealing them "needs an authorised
 * role, and every view is logged" (DOMAIN §9). So:
 * <ul>
 * <li>On a protected matter the identity is masked for <em>every</em> staff member by default — in lists,
 * details, search results, exports and pages — and its attachments and document PDFs are not served.</li>
 * <li>A {@link #REVEALING_ROLES registrar, unit head or leader} who can see the matter and whose unit is
 * <em>not</em> inside the complained-about unit's subtree may reveal it, giving a reason. Each reveal is
 * recorded and audited; the identity is returned for that response only, and the reveal lets the same user
 * download the matter's attachments and documents for a short while, each download audited too.</li>
 * <li>Users inside the complained-about subtree can never reveal, whatever their role (403), and for them
 * the attachments do not exist (404).</li>
 * </ul>
 * Unprotected matters are shown in full to whoever can see them, except that ID numbers are masked wherever
 * matters are listed or exported (PIPL: minimal display).
 */
final class IdentityMasking {

	static final String MASKED_NAME = "***";

	/** Roles that may reveal a protected identity: those who register, approve and own matters. */
	static final Set<Role> REVEALING_ROLES = EnumSet.of(Role.REGISTRAR, Role.UNIT_HEAD, Role.LEADER);

	private IdentityMasking() {
	}

	static boolean isProtected(Kind kind, boolean concernedUnitComplainedAbout) {
		return kind == Kind.REPORT || concernedUnitComplainedAbout;
	}

	/** The viewer works in the unit complained about or below it. */
	static boolean insideComplainedAbout(String concernedUnitPath, StaffPrincipal viewer) {
		return concernedUnitPath != null && viewer.unitPath().startsWith(concernedUnitPath);
	}

	/** Whether this viewer may reveal a protected matter's identity (the matter being visible to them). */
	static boolean mayReveal(String concernedUnitPath, StaffPrincipal viewer) {
		return !insideComplainedAbout(concernedUnitPath, viewer)
				&& viewer.roles().stream().anyMatch(REVEALING_ROLES::contains);
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

	/**
	 * The text with each identity word (two characters or more) replaced by {@value #MASKED_NAME}, longest
	 * first: free text written by the reporter or by staff (content, timeline notes, replies) often names the
	 * reporter. The same rule as the database function {@code xf_redact} (V13), which feeds the search.
	 */
	static String redact(String text, Collection<String> identityWords) {
		if (text == null || identityWords.isEmpty()) {
			return text;
		}
		String result = text;
		for (String word : identityWords.stream()
			.filter(Objects::nonNull)
			.filter(w -> w.length() >= 2)
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList()) {
			result = result.replace(word, MASKED_NAME);
		}
		return result;
	}
}
