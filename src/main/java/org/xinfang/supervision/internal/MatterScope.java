package org.xinfang.supervision.internal;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What supervision needs to know about a matter: its tracking code, status and the paths of its receiving,
 * concerned and handling units. A read model over the {@code matter} table that intake and handling own,
 * read by SQL rather than through {@code intake.MatterQueries}: the checks here concern officials other than
 * the signed-in one (is the named leader's unit allowed to see the matter?) and scheduled work with nobody
 * signed in, which {@code MatterQueries} does not serve. The visibility rule is the one of
 * {@code MatterQueries}: one of the three units lies in the official's subtree.
 */
@Component
class MatterScope {

	private final JdbcClient jdbc;

	MatterScope(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<MatterRef> find(long matterId) {
		return jdbc.sql("""
				SELECT m.id, m.tracking_code, m.status, ru.path AS ru_path, cu.path AS cu_path, hu.path AS hu_path
				FROM matter m
				LEFT JOIN unit ru ON ru.id = m.receiving_unit_id
				LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
				LEFT JOIN unit hu ON hu.id = m.handling_unit_id
				WHERE m.id = :id""")
			.param("id", matterId)
			.query((rs, n) -> new MatterRef(rs.getLong("id"), rs.getString("tracking_code"), rs.getString("status"),
					rs.getString("ru_path"), rs.getString("cu_path"), rs.getString("hu_path")))
			.optional();
	}

	record MatterRef(long id, String trackingCode, String status, String receivingPath, String concernedPath,
			String handlingPath) {

		/** Whether a unit with this path sees the matter (one of its units lies in the unit's subtree). */
		boolean visibleTo(String unitPath) {
			return within(receivingPath, unitPath) || within(concernedPath, unitPath) || within(handlingPath, unitPath);
		}

		boolean closed() {
			return "CLOSED".equals(status);
		}

		private static boolean within(String path, String ancestor) {
			return path != null && path.startsWith(ancestor);
		}
	}
}
