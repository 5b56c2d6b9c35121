package org.xinfang.support;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.organisation.OrganisationAdministration;
import org.xinfang.organisation.OrganisationAdministration.NewUnit;
import org.xinfang.organisation.OrganisationAdministration.NewUser;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Unit.UnitLevel;
import org.xinfang.organisation.Unit.UnitType;

/**
 * Builds organisation data for tests with unique codes, so tests sharing one database never collide:
 * {@code fixtures.bureau()}, {@code fixtures.hospitalUnder(bureau)}, {@code fixtures.user(unit, Role.HANDLER)}.
 */
@TestComponent
public class Fixtures {

	public static final String PASSWORD = "test-password-1";

	private static final AtomicLong counter = new AtomicLong(System.nanoTime() % 1_000_000);

	private final OrganisationAdministration admin;

	private final TransactionTemplate tx;

	public Fixtures(OrganisationAdministration admin, TransactionTemplate tx) {
		// lifecycle actions issue PDF notices in their transaction, so every application test needs the font
		ChineseFont.ensureInstalled();
		this.admin = admin;
		this.tx = tx;
	}

	/** A tracking code of the right shape ("XF" and ten symbols of its alphabet), random, for matters a test inserts. */
	public static String randomTrackingCode() {
		String alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
		StringBuilder code = new StringBuilder("XF");
		for (int i = 0; i < 10; i++) {
			code.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
		}
		return code.toString();
	}

	public static String unique(String prefix) {
		return prefix + counter.incrementAndGet();
	}

	public Unit commission() {
		return unit(null, "州卫健委", UnitLevel.PREFECTURE, UnitType.COMMISSION, true);
	}

	public Unit bureauUnder(Unit parent) {
		return unit(parent, "县卫健局", UnitLevel.COUNTY, UnitType.BUREAU, true);
	}

	public Unit hospitalUnder(Unit parent) {
		return unit(parent, "县人民医院", UnitLevel.INSTITUTION, UnitType.HOSPITAL, false);
	}

	public Unit unit(Unit parent, String name, UnitLevel level, UnitType type, boolean petitionOffice) {
		return admin.createUnit(new NewUnit(unique("T"), name + counter.get(), parent == null ? null : parent.code(),
				level, type, petitionOffice));
	}

	public StaffPrincipal user(Unit unit, Role... roles) {
		return admin.createUser(new NewUser(unique("user"), "测试用户", PASSWORD, unit.code(), Set.of(roles), null,
				null));
	}
}
