package org.xinfang.handling.internal;

import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.handling.HandlingDetails;

@Component
class JdbcHandlingDetails implements HandlingDetails {

	private final JdbcClient jdbc;

	JdbcHandlingDetails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Handling> of(long matterId) {
		return jdbc.sql("""
				SELECT m.handling_unit_id, hu.code AS hu_code, hu.name AS hu_name, m.handler_username,
				       m.forwarded_to, m.legal_route_code, m.decision_reason, m.extension_days, m.extension_reason,
				       m.extension_state, m.reply_outcome, m.reply_text, m.reply_drafted_by, m.reply_approved_by,
				       m.delivery_method, m.delivered_on, m.evaluation_rating, m.evaluation_comment
				FROM matter m LEFT JOIN unit hu ON hu.id = m.handling_unit_id
				WHERE m.id = :id""")
			.param("id", matterId)
			.query((rs, n) -> new Handling((Long) rs.getObject("handling_unit_id", Long.class),
					rs.getString("hu_code"), rs.getString("hu_name"), rs.getString("handler_username"),
					rs.getString("forwarded_to"), rs.getString("legal_route_code"), rs.getString("decision_reason"),
					(Integer) rs.getObject("extension_days", Integer.class), rs.getString("extension_reason"),
					rs.getString("extension_state"), rs.getString("reply_outcome"), rs.getString("reply_text"),
					rs.getString("reply_drafted_by"), rs.getString("reply_approved_by"),
					rs.getString("delivery_method"), rs.getObject("delivered_on", LocalDate.class),
					rs.getString("evaluation_rating"), rs.getString("evaluation_comment")))
			.optional();
	}
}
