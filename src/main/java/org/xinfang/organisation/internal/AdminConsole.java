package org.xinfang.organisation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.OrganisationAdministration;
import org.xinfang.organisation.OrganisationAdministration.Category;
import org.xinfang.organisation.OrganisationAdministration.LegalRoute;
import org.xinfang.organisation.OrganisationAdministration.NewUnit;
import org.xinfang.organisation.OrganisationAdministration.NewUser;
import org.xinfang.organisation.OrganisationAdministration.UnitChange;
import org.xinfang.organisation.OrganisationAdministration.UserChange;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.platform.DomainException;

/**
 * What the signed-in administrator may see and change: the one place that applies the administrator's data
 * scope (DOMAIN §1: their own unit's subtree) in front of {@link OrganisationAdministration}, for both the
 * administration pages and the admin API. Anything outside the scope answers "not found", so a county
 * administrator learns nothing about the prefecture or the other county. The dictionaries are shared by the
 * whole tree, so only an administrator of a top-level unit may change them.
 */
@Component
@Transactional
public class AdminConsole {

	private static final String UNIT_COLUMNS = """
			u.id, u.code, u.name, p.code AS parent_code, u.path, u.level, u.unit_type, u.petition_office, u.active,
			u.version""";

	private static final String TREE_ORDER = JdbcUnits.treeOrder("u.");

	private static final String USER_COLUMNS = """
			a.id, a.username, a.display_name, un.code AS unit_code, un.name AS unit_name, un.path AS unit_path,
			a.enabled, a.failed_attempts, a.locked_until, a.email, a.phone, a.version,
			ARRAY(SELECT role FROM user_role r WHERE r.user_id = a.id ORDER BY role) AS roles""";

	private final JdbcClient jdbc;

	private final OrganisationAdministration admin;

	private final CurrentUser currentUser;

	private final Clock clock;

	AdminConsole(JdbcClient jdbc, OrganisationAdministration admin, CurrentUser currentUser, Clock clock) {
		this.jdbc = jdbc;
		this.admin = admin;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	public StaffPrincipal me() {
		return currentUser.require();
	}

	/**
	 * The path of the administrator's unit as it is now: read from the database rather than the session, so a
	 * unit moved since sign-in neither widens nor hides the scope.
	 */
	private String scope() {
		return jdbc.sql("SELECT path FROM unit WHERE id = :id")
			.param("id", me().unitId())
			.query(String.class)
			.single();
	}

	// ---------------------------------------------------------------- units

	/** The administrator's subtree in tree order. */
	public List<UnitRow> units() {
		return jdbc.sql("SELECT " + UNIT_COLUMNS
				+ " FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.path LIKE :path || '%' ORDER BY " + TREE_ORDER)
			.param("path", scope())
			.query(AdminConsole::unitRow)
			.list();
	}

	public UnitRow unit(String code) {
		return jdbc.sql("SELECT " + UNIT_COLUMNS + " FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.code = :code")
			.param("code", code)
			.query(AdminConsole::unitRow)
			.optional()
			.filter(u -> u.path().startsWith(scope()))
			.orElseThrow(() -> DomainException.notFound("Unit " + code));
	}

	/** New units hang below a unit in scope; a new root is never created through the console. */
	public UnitRow createUnit(NewUnit u) {
		requireVisible(u.parentCode(), "parentCode");
		admin.createUnit(u);
		return unit(u.code());
	}

	public UnitRow updateUnit(String code, int version, UnitChange change) {
		unit(code);
		admin.updateUnit(code, version, change);
		return unit(code);
	}

	public UnitRow moveUnit(String code, int version, String newParentCode) {
		UnitRow unit = unit(code);
		if (unit.path().equals(scope())) {
			throw DomainException.notFound("Unit " + code); // own unit: its new parent would be outside the scope
		}
		requireVisible(newParentCode, "parentCode");
		admin.moveUnit(code, version, newParentCode);
		return unit(code);
	}

	public UnitRow deactivateUnit(String code, int version) {
		unit(code);
		admin.deactivateUnit(code, version);
		return unit(code);
	}

	private void requireVisible(String unitCode, String field) {
		boolean visible = unitCode != null && jdbc.sql("SELECT path FROM unit WHERE code = :code")
			.param("code", unitCode)
			.query(String.class)
			.optional()
			.filter(path -> path.startsWith(scope()))
			.isPresent();
		if (!visible) {
			throw JdbcOrganisationAdministration.fieldProblem(HttpStatus.BAD_REQUEST, "unknown-unit", field,
					"No unit with code " + unitCode + " in your part of the organisation");
		}
	}

	// ---------------------------------------------------------------- users

	/** Users of the given unit's subtree (default: the administrator's whole scope). */
	public List<UserRow> users(String unitCode) {
		String path = unitCode == null || unitCode.isBlank() ? scope() : unit(unitCode).path();
		return jdbc.sql("SELECT " + USER_COLUMNS
				+ " FROM app_user a JOIN unit un ON un.id = a.unit_id WHERE un.path LIKE :path || '%' ORDER BY un.path, a.username")
			.param("path", path)
			.query(this::userRow)
			.list();
	}

	public UserRow user(String username) {
		return jdbc.sql("SELECT " + USER_COLUMNS + " FROM app_user a JOIN unit un ON un.id = a.unit_id WHERE a.username = :u")
			.param("u", username == null ? "" : username.trim().toLowerCase())
			.query(this::userRow)
			.optional()
			.filter(u -> u.unitPath().startsWith(scope()))
			.orElseThrow(() -> DomainException.notFound("User " + username));
	}

	public UserRow createUser(NewUser u) {
		requireVisible(u.unitCode(), "unitCode");
		StaffPrincipal created = admin.createUser(u);
		return user(created.username());
	}

	public UserRow updateUser(String username, int version, UserChange change) {
		UserRow user = user(username);
		requireVisible(change.unitCode(), "unitCode");
		if (user.id() == me().userId() && (!change.enabled() || !change.roles().contains(Role.ADMIN))) {
			// otherwise the last administrator of a subtree could shut everyone out of it
			throw JdbcOrganisationAdministration.fieldProblem(HttpStatus.UNPROCESSABLE_CONTENT, "own-admin-access",
					"roles", "You cannot remove your own administrator role or disable your own account");
		}
		admin.updateUser(user.username(), version, change);
		return user(user.username());
	}

	public void resetPassword(String username, String rawPassword) {
		admin.resetPassword(user(username).username(), rawPassword);
	}

	public UserRow unlock(String username) {
		UserRow user = user(username);
		admin.unlock(user.username());
		return user(user.username());
	}

	// ---------------------------------------------------------------- dictionaries

	/** Whether the signed-in administrator may change the shared dictionaries. */
	public boolean mayEditDictionaries() {
		return Unit.depthOf(scope()) == 1;
	}

	private void requireDictionaryAuthority() {
		if (!mayEditDictionaries()) {
			throw new DomainException(HttpStatus.FORBIDDEN, "dictionary-top-level-only",
					"Only an administrator of a top-level unit may change the dictionaries");
		}
	}

	public List<CategoryRow> categories() {
		return jdbc.sql("SELECT code, name_zh, name_en, sort_order, active, version FROM category ORDER BY sort_order, code")
			.query((rs, n) -> new CategoryRow(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
					rs.getInt("sort_order"), rs.getBoolean("active"), rs.getInt("version")))
			.list();
	}

	public CategoryRow category(String code) {
		return categories().stream()
			.filter(c -> c.code().equals(code))
			.findFirst()
			.orElseThrow(() -> DomainException.notFound("Category " + code));
	}

	public void createCategory(Category c) {
		requireDictionaryAuthority();
		admin.createCategory(c);
	}

	public void updateCategory(String code, int version, Category c) {
		requireDictionaryAuthority();
		admin.updateCategory(code, version, c);
	}

	public List<LegalRouteRow> legalRoutes() {
		return jdbc.sql("""
				SELECT code, name_zh, name_en, applies_to, sort_order, active, version FROM legal_route
				ORDER BY sort_order, code""")
			.query((rs, n) -> new LegalRouteRow(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
					rs.getString("applies_to"), rs.getInt("sort_order"), rs.getBoolean("active"), rs.getInt("version")))
			.list();
	}

	public LegalRouteRow legalRoute(String code) {
		return legalRoutes().stream()
			.filter(c -> c.code().equals(code))
			.findFirst()
			.orElseThrow(() -> DomainException.notFound("Legal route " + code));
	}

	public void createLegalRoute(LegalRoute r) {
		requireDictionaryAuthority();
		admin.createLegalRoute(r);
	}

	public void updateLegalRoute(String code, int version, LegalRoute r) {
		requireDictionaryAuthority();
		admin.updateLegalRoute(code, version, r);
	}

	// ---------------------------------------------------------------- rows

	private static UnitRow unitRow(ResultSet rs, int n) throws SQLException {
		String path = rs.getString("path");
		return new UnitRow(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("parent_code"),
				path, Unit.depthOf(path), Unit.UnitLevel.valueOf(rs.getString("level")),
				Unit.UnitType.valueOf(rs.getString("unit_type")), rs.getBoolean("petition_office"),
				rs.getBoolean("active"), rs.getInt("version"));
	}

	private UserRow userRow(ResultSet rs, int n) throws SQLException {
		OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
		boolean locked = lockedUntil != null && lockedUntil.isAfter(OffsetDateTime.now(clock));
		return new UserRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
				rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("unit_path"),
				List.of((String[]) rs.getArray("roles").getArray()), rs.getBoolean("enabled"), locked,
				locked ? lockedUntil : null, rs.getInt("failed_attempts"), rs.getString("email"),
				rs.getString("phone"), rs.getInt("version"));
	}

	/** A unit as the administrator sees it, with the version to send back on an edit. */
	public record UnitRow(long id, String code, String name, String parentCode, String path, int depth,
			Unit.UnitLevel level, Unit.UnitType type, boolean petitionOffice, boolean active, int version) {
	}

	/** A staff account as the administrator sees it; never carries the password hash. */
	public record UserRow(long id, String username, String displayName, String unitCode, String unitName,
			String unitPath, List<String> roles, boolean enabled, boolean locked, OffsetDateTime lockedUntil,
			int failedAttempts, String email, String phone, int version) {

		public boolean has(String role) {
			return roles.contains(role);
		}
	}

	public record CategoryRow(String code, String nameZh, String nameEn, int sortOrder, boolean active, int version) {
	}

	public record LegalRouteRow(String code, String nameZh, String nameEn, String appliesTo, int sortOrder,
			boolean active, int version) {
	}
}
