package org.xinfang.organisation.internal;

import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.organisation.OrganisationAdministration;
import org.xinfang.organisation.OrganisationAdministration.NewUnit;
import org.xinfang.organisation.OrganisationAdministration.NewUser;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.Unit.UnitLevel;
import org.xinfang.organisation.Unit.UnitType;

/**
 * <strong>DEMO DATA ONLY — active solely with the Spring profile {@code demo}, never in production.</strong>
 *
 * <p>Loads a small, realistic organisation (DOMAIN §2) into an empty database: the prefecture health
 * commission {@code ZWJW}, two county health bureaus {@code XWJJ1} and {@code XWJJ2} (all three petition
 * offices), each bureau with ten units ({@code X1-RMYY}, {@code X1-ZYY}, {@code X1-CDC}, {@code X1-WSJD},
 * {@code X1-FYBJ}, {@code X1-XZWSY1..3}, {@code X1-YZK}, {@code X1-BGS}; {@code X2-} for the second county),
 * and one staff account per role, all with the password {@value #PASSWORD}. Other modules' demo loaders run
 * after this one ({@code @Order(20)} and later) and rely on these exact unit codes and user names.
 *
 * <p>Runs once: it does nothing when the database already holds any unit, and loads everything in one
 * transaction, so a failure leaves the database empty for the next start.
 */
@Component
@Profile("demo")
@Order(10)
class DemoDataLoader implements ApplicationRunner {

	/** The password of every demo account. Demo only. */
	static final String PASSWORD = "xinfang-demo";

	private static final Log log = LogFactory.getLog(DemoDataLoader.class);

	private final OrganisationAdministration admin;

	private final TransactionTemplate tx;

	private final BooleanSupplier databaseEmpty;

	@Autowired
	DemoDataLoader(OrganisationAdministration admin, TransactionTemplate tx, JdbcClient jdbc) {
		this(admin, tx, () -> !jdbc.sql("SELECT EXISTS (SELECT 1 FROM unit)").query(Boolean.class).single());
	}

	/** @param databaseEmpty whether to load; replaceable so the loading itself can be tested on a shared database */
	DemoDataLoader(OrganisationAdministration admin, TransactionTemplate tx, BooleanSupplier databaseEmpty) {
		this.admin = admin;
		this.tx = tx;
		this.databaseEmpty = databaseEmpty;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!databaseEmpty.getAsBoolean()) {
			log.info("Demo data: the database already has an organisation; nothing loaded");
			return;
		}
		tx.executeWithoutResult(status -> load());
		log.info("Demo data: organisation and staff loaded; every demo account's password is '" + PASSWORD + "'");
	}

	private void load() {
		unit("ZWJW", "州卫生健康委员会", null, UnitLevel.PREFECTURE, UnitType.COMMISSION, true);
		county("XWJJ1", "X1", "清水县", new String[] { "城关镇卫生院", "河西乡卫生院", "石门镇卫生院" });
		county("XWJJ2", "X2", "青山县", new String[] { "龙泉镇卫生院", "柳树乡卫生院", "白沙镇卫生院" });

		user("demo-reviewer", "杨帆", "ZWJW", Role.REVIEWER);
		user("demo-prefecture-admin", "周丽", "ZWJW", Role.ADMIN);
		user("demo-prefecture-supervisor", "郑华", "ZWJW", Role.SUPERVISOR);

		user("demo-registrar", "李静", "XWJJ1", Role.REGISTRAR);
		user("demo-supervisor", "王强", "XWJJ1", Role.SUPERVISOR);
		user("demo-leader", "赵建国", "XWJJ1", Role.LEADER);
		user("demo-admin", "陈敏", "XWJJ1", Role.ADMIN);
		user("demo-handler", "刘洋", "X1-RMYY", Role.HANDLER);
		user("demo-head", "张伟", "X1-RMYY", Role.UNIT_HEAD);
		user("demo-cdc-handler", "吴磊", "X1-CDC", Role.HANDLER);
		user("demo-yzk-handler", "黄丽娟", "X1-YZK", Role.HANDLER);

		user("demo-registrar2", "孙燕", "XWJJ2", Role.REGISTRAR);
		user("demo-registrar2b", "马超", "XWJJ2", Role.REGISTRAR);
		user("demo-leader2", "何志明", "XWJJ2", Role.LEADER);
		user("demo-handler2", "林小红", "X2-RMYY", Role.HANDLER);
		user("demo-head2", "徐峰", "X2-RMYY", Role.UNIT_HEAD);
	}

	private void county(String bureau, String prefix, String county, String[] townships) {
		unit(bureau, county + "卫生健康局", "ZWJW", UnitLevel.COUNTY, UnitType.BUREAU, true);
		unit(prefix + "-RMYY", county + "人民医院", bureau, UnitLevel.INSTITUTION, UnitType.HOSPITAL, false);
		unit(prefix + "-ZYY", county + "中医院", bureau, UnitLevel.INSTITUTION, UnitType.HOSPITAL, false);
		unit(prefix + "-CDC", county + "疾病预防控制中心", bureau, UnitLevel.INSTITUTION, UnitType.CDC, false);
		unit(prefix + "-WSJD", county + "卫生健康综合监督执法局（卫生监督所）", bureau, UnitLevel.INSTITUTION,
				UnitType.SUPERVISION, false);
		unit(prefix + "-FYBJ", county + "妇幼保健院", bureau, UnitLevel.INSTITUTION, UnitType.HOSPITAL, false);
		for (int i = 0; i < townships.length; i++) {
			unit(prefix + "-XZWSY" + (i + 1), county + townships[i], bureau, UnitLevel.TOWNSHIP,
					UnitType.HEALTH_CENTRE, false);
		}
		unit(prefix + "-YZK", "医政医管股", bureau, UnitLevel.DEPARTMENT, UnitType.DEPARTMENT, false);
		unit(prefix + "-BGS", "办公室", bureau, UnitLevel.DEPARTMENT, UnitType.DEPARTMENT, false);
	}

	private void unit(String code, String name, String parent, UnitLevel level, UnitType type, boolean office) {
		admin.createUnit(new NewUnit(code, name, parent, level, type, office));
	}

	private void user(String username, String name, String unit, Role role) {
		admin.createUser(new NewUser(username, name, PASSWORD, unit, Set.of(role), null, null));
	}
}
