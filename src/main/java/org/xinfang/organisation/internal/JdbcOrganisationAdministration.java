package org.xinfang.organisation.internal;

import java.util.Map;
import java.util.Set;
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

	@Override
	@Transactional
	public Unit createUnit(NewUnit u) {
		if (units.byCode(u.code()).isPresent()) {
			throw DomainException.conflict("unit-code-taken", "Unit code " + u.code() + " is already in use");
		}
		Unit parent = u.parentCode() == null ? null
				: units.byCode(u.parentCode())
					.orElseThrow(() -> DomainException.invalid("unknown-unit", "No unit with code " + u.parentCode()));
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
	public StaffPrincipal createUser(NewUser u) {
		Unit unit = units.byCode(u.unitCode())
			.orElseThrow(() -> DomainException.invalid("unknown-unit", "No unit with code " + u.unitCode()));
		String username = u.username().trim().toLowerCase();
		if (jdbc.sql("SELECT count(*) FROM app_user WHERE username = :u").param("u", username).query(Long.class).single() > 0) {
			throw DomainException.conflict("username-taken", "User name " + username + " is already in use");
		}
		long id = jdbc.sql("""
				INSERT INTO app_user (username, display_name, password_hash, unit_id, email, phone)
				VALUES (:username, :name, :hash, :unit, :email, :phone) RETURNING id
				""")
			.param("username", username)
			.param("name", u.displayName())
			.param("hash", passwords.encode(u.rawPassword()))
			.param("unit", unit.id())
			.param("email", u.email())
			.param("phone", u.phone())
			.query(Long.class)
			.single();
		for (Role role : u.roles()) {
			jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)")
				.param("id", id)
				.param("role", role.name())
				.update();
		}
		audit.record("USER_CREATED", "user", username,
				Map.of("unit", unit.code(), "roles", u.roles().stream().map(Enum::name).sorted().toList()));
		return new StaffPrincipal(id, username, u.displayName(), unit.id(), unit.code(), unit.name(), unit.path(),
				Set.copyOf(u.roles()));
	}
}
