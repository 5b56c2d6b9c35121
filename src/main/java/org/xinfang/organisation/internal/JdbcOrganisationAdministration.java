package org.xinfang.organisation.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.organisation.OrganisationAdministration;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.InvalidInput;

@Service
class JdbcOrganisationAdministration implements OrganisationAdministration {

	private final JdbcClient jdbc;

	private final Units units;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	JdbcOrganisationAdministration(JdbcClient jdbc, Units units, PasswordEncoder passwords, AuditLog audit) {
		this.jdbc = jdbc;
		this.units = units;
		this.passwords = passwords;
		this.audit = audit;
	}

	/** A refusal that names the offending field, in the same shape as bean-validation problems. */
	static DomainException fieldProblem(HttpStatus status, String code, String field, String message) {
		return InvalidInput.of(status, code, field, message);
	}

	static DomainException stale(String what) {
		return new DomainException(HttpStatus.CONFLICT, "stale-version",
				what + " was changed by someone else in the meantime; reload and try again");
	}

	// ---------------------------------------------------------------- units

	@Override
	@Transactional
	public Unit createUnit(NewUnit u) {
		if (units.byCode(u.code()).isPresent()) {
			throw fieldProblem(HttpStatus.CONFLICT, "unit-code-taken", "code",
					"Unit code " + u.code() + " is already in use");
		}
		Unit parent = u.parentCode() == null ? null : knownUnit(u.parentCode(), "parentCode");
		if (parent != null) {
			requireActive(parent, "parentCode");
		}
		long id = jdbc.sql("SELECT nextval('unit_id_seq')").query(Long.class).single();
		String path = (parent == null ? "/" : parent.path()) + id + "/";
		jdbc.sql("""
				INSERT INTO unit (id, code, name, parent_id, path, level, unit_type, petition_office)
				VALUES (:id, :code, :name, :parent, :path, :level, :type, :office)
				""")
			.param("id", id)
			.param("code", u.code())
			.param("name", u.name())
			.param("parent", parent == null ? null : parent.id())
			.param("path", path)
			.param("level", u.level().name())
			.param("type", u.type().name())
			.param("office", u.petitionOffice())
			.update();
		audit.record("UNIT_CREATED", "unit", u.code(), Map.of("name", u.name(), "path", path));
		return units.byId(id).orElseThrow();
	}

	@Override
	@Transactional
	public Unit updateUnit(String code, int version, UnitChange c) {
		Unit before = units.byCode(code).orElseThrow(() -> DomainException.notFound("Unit " + code));
		if (before.active() && !c.active()) {
			refuseWhileActiveChildren(before);
		}
		int changed = jdbc.sql("""
				UPDATE unit SET name = :name, level = :level, unit_type = :type, petition_office = :office,
				       active = :active, version = version + 1
				WHERE id = :id AND version = :version
				""")
			.param("name", c.name())
			.param("level", c.level().name())
			.param("type", c.type().name())
			.param("office", c.petitionOffice())
			.param("active", c.active())
			.param("id", before.id())
			.param("version", version)
			.update();
		if (changed == 0) {
			throw stale("Unit " + code);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", c.name());
		details.put("level", c.level().name());
		details.put("type", c.type().name());
		details.put("petitionOffice", c.petitionOffice());
		details.put("active", c.active());
		audit.record("UNIT_UPDATED", "unit", code, details);
		return units.byId(before.id()).orElseThrow();
	}

	@Override
	@Transactional
	public Unit moveUnit(String code, int version, String newParentCode) {
		Unit unit = lockUnit(code, version);
		Unit parent = newParentCode == null ? null : knownUnit(newParentCode, "parentCode");
		if (parent != null) {
			requireActive(parent, "parentCode");
		}
		if (parent != null && parent.isWithin(unit.path())) {
			throw fieldProblem(HttpStatus.UNPROCESSABLE_CONTENT, "unit-move-into-own-subtree", "parentCode",
					"Unit " + code + " cannot be moved under itself or one of its own sub-units");
		}
		String newPath = (parent == null ? "/" : parent.path()) + unit.id() + "/";
		// One statement for the whole subtree: every path starting with the old prefix gets the new one.
		int rows = jdbc.sql("""
				UPDATE unit SET path = :newPath || substr(path, length(:oldPath) + 1),
				       parent_id = CASE WHEN id = :id THEN :parent ELSE parent_id END,
				       version = CASE WHEN id = :id THEN version + 1 ELSE version END
				WHERE path LIKE :oldPath || '%'
				""")
			.param("newPath", newPath)
			.param("oldPath", unit.path())
			.param("id", unit.id())
			.param("parent", parent == null ? null : parent.id())
			.update();
		audit.record("UNIT_MOVED", "unit", code, Map.of("from", unit.path(), "to", newPath, "parent",
				parent == null ? "" : parent.code(), "subtreeSize", rows));
		return units.byId(unit.id()).orElseThrow();
	}

	@Override
	@Transactional
	public Unit deactivateUnit(String code, int version) {
		Unit unit = lockUnit(code, version);
		refuseWhileActiveChildren(unit);
		jdbc.sql("UPDATE unit SET active = FALSE, version = version + 1 WHERE id = :id").param("id", unit.id()).update();
		audit.record("UNIT_DEACTIVATED", "unit", code);
		return units.byId(unit.id()).orElseThrow();
	}

	private void refuseWhileActiveChildren(Unit unit) {
		long children = jdbc.sql("SELECT count(*) FROM unit WHERE path LIKE :path || '_%' AND active")
			.param("path", unit.path())
			.query(Long.class)
			.single();
		if (children > 0) {
			throw fieldProblem(HttpStatus.UNPROCESSABLE_CONTENT, "unit-has-active-children", "active",
					"Unit " + unit.code() + " still has " + children + " active sub-units; deactivate them first");
		}
	}

	/** Locks the row and checks the version the editor saw. */
	private Unit lockUnit(String code, int version) {
		Integer current = jdbc.sql("SELECT version FROM unit WHERE code = :code FOR UPDATE")
			.param("code", code)
			.query(Integer.class)
			.optional()
			.orElseThrow(() -> DomainException.notFound("Unit " + code));
		if (current != version) {
			throw stale("Unit " + code);
		}
		return units.byCode(code).orElseThrow();
	}

	private static void requireActive(Unit unit, String field) {
		if (!unit.active()) {
			throw fieldProblem(HttpStatus.UNPROCESSABLE_CONTENT, "unit-inactive", field,
					"Unit " + unit.code() + " is deactivated");
		}
	}

	private Unit knownUnit(String code, String field) {
		return units.byCode(code)
			.orElseThrow(() -> fieldProblem(HttpStatus.BAD_REQUEST, "unknown-unit", field, "No unit with code " + code));
	}

	// ---------------------------------------------------------------- users

	@Override
	@Transactional
	public StaffPrincipal createUser(NewUser u) {
		Unit unit = knownUnit(u.unitCode(), "unitCode");
		requireActive(unit, "unitCode");
		checkPassword(u.rawPassword());
		String username = u.username().trim().toLowerCase();
		if (jdbc.sql("SELECT count(*) FROM app_user WHERE username = :u").param("u", username).query(Long.class).single() > 0) {
			throw fieldProblem(HttpStatus.CONFLICT, "username-taken", "username",
					"User name " + username + " is already in use");
		}
		long id = jdbc.sql("""
				INSERT INTO app_user (username, display_name, password_hash, unit_id, email, phone)
				VALUES (:username, :name, :hash, :unit, :email, :phone) RETURNING id
				""")
			.param("username", username)
			.param("name", u.displayName())
			.param("hash", passwords.encode(u.rawPassword()))
			.param("unit", unit.id())
			.param("email", blankToNull(u.email()))
			.param("phone", blankToNull(u.phone()))
			.query(Long.class)
			.single();
		insertRoles(id, u.roles());
		audit.record("USER_CREATED", "user", username,
				Map.of("unit", unit.code(), "roles", u.roles().stream().map(Enum::name).sorted().toList()));
		return new StaffPrincipal(id, username, u.displayName(), unit.id(), unit.code(), unit.name(), unit.path(),
				Set.copyOf(u.roles()));
	}

	@Override
	@Transactional
	public StaffPrincipal updateUser(String username, int version, UserChange c) {
		long id = userId(username);
		Unit unit = knownUnit(c.unitCode(), "unitCode");
		requireActive(unit, "unitCode");
		Long unitBefore = jdbc.sql("SELECT unit_id FROM app_user WHERE id = :id").param("id", id).query(Long.class).single();
		Set<Role> rolesBefore = roles(id);
		int changed = jdbc.sql("""
				UPDATE app_user SET display_name = :name, unit_id = :unit, enabled = :enabled, email = :email,
				       phone = :phone, version = version + 1
				WHERE id = :id AND version = :version
				""")
			.param("name", c.displayName())
			.param("unit", unit.id())
			.param("enabled", c.enabled())
			.param("email", blankToNull(c.email()))
			.param("phone", blankToNull(c.phone()))
			.param("id", id)
			.param("version", version)
			.update();
		if (changed == 0) {
			throw stale("User " + username);
		}
		jdbc.sql("DELETE FROM user_role WHERE user_id = :id").param("id", id).update();
		insertRoles(id, c.roles());
		if (!c.enabled() || unitBefore != unit.id() || !rolesBefore.equals(c.roles())) {
			endSessions(username);
		}
		audit.record("USER_UPDATED", "user", username, Map.of("unit", unit.code(), "enabled", c.enabled(), "roles",
				c.roles().stream().map(Enum::name).sorted().toList()));
		return new StaffPrincipal(id, username, c.displayName(), unit.id(), unit.code(), unit.name(), unit.path(),
				Set.copyOf(c.roles()));
	}

	@Override
	@Transactional
	public void resetPassword(String username, String rawPassword) {
		long id = userId(username);
		checkPassword(rawPassword);
		jdbc.sql("UPDATE app_user SET password_hash = :hash, version = version + 1 WHERE id = :id")
			.param("hash", passwords.encode(rawPassword))
			.param("id", id)
			.update();
		endSessions(username);
		audit.record("USER_PASSWORD_RESET", "user", username);
	}

	@Override
	@Transactional
	public void unlock(String username) {
		long id = userId(username);
		jdbc.sql("UPDATE app_user SET failed_attempts = 0, locked_until = NULL, version = version + 1 WHERE id = :id")
			.param("id", id)
			.update();
		audit.record("USER_UNLOCKED", "user", username);
	}

	private long userId(String username) {
		return jdbc.sql("SELECT id FROM app_user WHERE username = :u")
			.param("u", username == null ? "" : username.trim().toLowerCase())
			.query(Long.class)
			.optional()
			.orElseThrow(() -> DomainException.notFound("User " + username));
	}

	/**
	 * Signs the user out everywhere: a session keeps the roles and unit it was opened with, so after a reset
	 * password, a disabled account or changed roles or unit the old sessions must not live on. Its API bearer
	 * tokens are revoked too (they read roles and unit afresh on every request, but a reset password must end
	 * what the old one opened).
	 */
	private void endSessions(String username) {
		jdbc.sql("DELETE FROM spring_session WHERE principal_name = :u").param("u", username).update();
		jdbc.sql("""
				UPDATE api_token SET revoked_at = now()
				WHERE revoked_at IS NULL AND user_id = (SELECT id FROM app_user WHERE username = :u)
				""").param("u", username).update();
	}

	private Set<Role> roles(long userId) {
		Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
		jdbc.sql("SELECT role FROM user_role WHERE user_id = :id")
			.param("id", userId)
			.query(String.class)
			.list()
			.forEach(r -> roles.add(Role.valueOf(r)));
		return roles;
	}

	private void insertRoles(long userId, Set<Role> roles) {
		for (Role role : roles) {
			jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)")
				.param("id", userId)
				.param("role", role.name())
				.update();
		}
	}

	private static void checkPassword(String raw) {
		if (raw == null || raw.length() < MIN_PASSWORD_LENGTH) {
			throw fieldProblem(HttpStatus.BAD_REQUEST, "password-too-short", "password",
					"The password must have at least " + MIN_PASSWORD_LENGTH + " characters");
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	// ---------------------------------------------------------------- dictionaries

	@Override
	@Transactional
	public void createCategory(Category c) {
		refuseTakenCode("category", c.code());
		jdbc.sql("INSERT INTO category (code, name_zh, name_en, sort_order) VALUES (:code, :zh, :en, :sort)")
			.param("code", c.code())
			.param("zh", c.nameZh())
			.param("en", c.nameEn())
			.param("sort", c.sortOrder())
			.update();
		audit.record("CATEGORY_CREATED", "category", c.code(), Map.of("nameZh", c.nameZh(), "nameEn", c.nameEn()));
	}

	@Override
	@Transactional
	public void updateCategory(String code, int version, Category c) {
		int changed = jdbc.sql("""
				UPDATE category SET name_zh = :zh, name_en = :en, sort_order = :sort, active = :active,
				       version = version + 1
				WHERE code = :code AND version = :version
				""")
			.param("zh", c.nameZh())
			.param("en", c.nameEn())
			.param("sort", c.sortOrder())
			.param("active", c.active())
			.param("code", code)
			.param("version", version)
			.update();
		checkChanged(changed, "category", code);
		audit.record("CATEGORY_UPDATED", "category", code,
				Map.of("nameZh", c.nameZh(), "nameEn", c.nameEn(), "sortOrder", c.sortOrder(), "active", c.active()));
	}

	@Override
	@Transactional
	public void createLegalRoute(LegalRoute r) {
		refuseTakenCode("legal_route", r.code());
		jdbc.sql("""
				INSERT INTO legal_route (code, name_zh, name_en, applies_to, sort_order)
				VALUES (:code, :zh, :en, :applies, :sort)
				""")
			.param("code", r.code())
			.param("zh", r.nameZh())
			.param("en", r.nameEn())
			.param("applies", r.appliesTo())
			.param("sort", r.sortOrder())
			.update();
		audit.record("LEGAL_ROUTE_CREATED", "legal_route", r.code(),
				Map.of("nameZh", r.nameZh(), "nameEn", r.nameEn(), "appliesTo", r.appliesTo()));
	}

	@Override
	@Transactional
	public void updateLegalRoute(String code, int version, LegalRoute r) {
		int changed = jdbc.sql("""
				UPDATE legal_route SET name_zh = :zh, name_en = :en, applies_to = :applies, sort_order = :sort,
				       active = :active, version = version + 1
				WHERE code = :code AND version = :version
				""")
			.param("zh", r.nameZh())
			.param("en", r.nameEn())
			.param("applies", r.appliesTo())
			.param("sort", r.sortOrder())
			.param("active", r.active())
			.param("code", code)
			.param("version", version)
			.update();
		checkChanged(changed, "legal_route", code);
		audit.record("LEGAL_ROUTE_UPDATED", "legal_route", code, Map.of("nameZh", r.nameZh(), "nameEn", r.nameEn(),
				"appliesTo", r.appliesTo(), "sortOrder", r.sortOrder(), "active", r.active()));
	}

	private void refuseTakenCode(String table, String code) {
		// table is one of two constants, never user input
		if (jdbc.sql("SELECT count(*) FROM " + table + " WHERE code = :code").param("code", code).query(Long.class).single() > 0) {
			throw fieldProblem(HttpStatus.CONFLICT, "dictionary-code-taken", "code", "Code " + code + " is already in use");
		}
	}

	private void checkChanged(int changed, String table, String code) {
		if (changed == 0) {
			boolean exists = jdbc.sql("SELECT count(*) FROM " + table + " WHERE code = :code")
				.param("code", code)
				.query(Long.class)
				.single() > 0;
			throw exists ? stale(code) : DomainException.notFound(code);
		}
	}
}
