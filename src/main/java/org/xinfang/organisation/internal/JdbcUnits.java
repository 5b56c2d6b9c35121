package org.xinfang.organisation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;

@Component
class JdbcUnits implements Units {

	static final String COLUMNS = "id, code, name, parent_id, path, level, unit_type, petition_office, active";

	/**
	 * Tree order: depth-first, siblings in creation order. A plain text sort of the paths would put
	 * "/1/12/" before "/1/3/". {@code alias} is the table alias, or empty.
	 */
	static String treeOrder(String alias) {
		return "string_to_array(trim(both '/' from " + alias + "path), '/')::bigint[]";
	}

	private final JdbcClient jdbc;

	JdbcUnits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Unit> byId(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM unit WHERE id = :id").param("id", id).query(JdbcUnits::map).optional();
	}

	@Override
	public Optional<Unit> byCode(String code) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM unit WHERE code = :code")
			.param("code", code)
			.query(JdbcUnits::map)
			.optional();
	}

	@Override
	public List<Unit> subtree(long rootId) {
		return jdbc.sql("""
				SELECT %s FROM unit
				WHERE path LIKE (SELECT path FROM unit WHERE id = :id) || '%%'
				ORDER BY %s
				""".formatted(COLUMNS, treeOrder(""))).param("id", rootId).query(JdbcUnits::map).list();
	}

	@Override
	public List<Unit> all() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM unit ORDER BY " + treeOrder("")).query(JdbcUnits::map).list();
	}

	@Override
	public List<Unit> ancestry(long id) {
		return jdbc.sql("""
				SELECT %s FROM unit
				WHERE (SELECT path FROM unit WHERE id = :id) LIKE path || '%%'
				ORDER BY length(path)
				""".formatted(COLUMNS)).param("id", id).query(JdbcUnits::map).list();
	}

	static Unit map(ResultSet rs, int row) throws SQLException {
		long parent = rs.getLong("parent_id");
		Long parentId = rs.wasNull() ? null : parent; // wasNull() refers to the last column read: ask right away
		return new Unit(rs.getLong("id"), rs.getString("code"), rs.getString("name"), parentId,
				rs.getString("path"), Unit.UnitLevel.valueOf(rs.getString("level")),
				Unit.UnitType.valueOf(rs.getString("unit_type")), rs.getBoolean("petition_office"),
				rs.getBoolean("active"));
	}

	@Override
	public List<Member> members(long unitId, Role role) {
		return jdbc.sql("""
				SELECT u.username, u.display_name FROM app_user u
				JOIN user_role r ON r.user_id = u.id AND r.role = :role
				WHERE u.unit_id = :unit AND u.enabled
				ORDER BY u.username""")
			.param("role", role.name())
			.param("unit", unitId)
			.query((rs, n) -> new Member(rs.getString("username"), rs.getString("display_name")))
			.list();
	}

	@Override
	public Optional<Staff> staff(String username) {
		if (username == null || username.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT u.id AS user_id, u.username, u.display_name, u.enabled, u.phone,
				       ARRAY(SELECT role FROM user_role r WHERE r.user_id = u.id) AS roles,
				       un.id, un.code, un.name, un.parent_id, un.path, un.level, un.unit_type, un.petition_office, un.active
				FROM app_user u JOIN unit un ON un.id = u.unit_id
				WHERE u.username = :username""")
			.param("username", username.strip().toLowerCase(Locale.ROOT))
			.query((rs, n) -> {
				Set<Role> roles = EnumSet.noneOf(Role.class);
				for (String r : (String[]) rs.getArray("roles").getArray()) {
					roles.add(Role.valueOf(r));
				}
				return new Staff(rs.getLong("user_id"), rs.getString("username"), rs.getString("display_name"),
						map(rs, n), Set.copyOf(roles), rs.getBoolean("enabled"), rs.getString("phone"));
			})
			.optional();
	}
}
