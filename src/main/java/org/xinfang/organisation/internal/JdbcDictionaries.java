package org.xinfang.organisation.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.organisation.Dictionaries;
import org.xinfang.platform.Localized;

@Component
class JdbcDictionaries implements Dictionaries {

	private final JdbcClient jdbc;

	JdbcDictionaries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Entry> categories() {
		return entries("category");
	}

	@Override
	public boolean isActiveCategory(String code) {
		return isActive("category", code);
	}

	@Override
	public List<Entry> legalRoutes() {
		return entries("legal_route");
	}

	@Override
	public boolean isActiveLegalRoute(String code) {
		return isActive("legal_route", code);
	}

	/** {@code table} is one of the two dictionary tables named in this class, never input. */
	private List<Entry> entries(String table) {
		return jdbc.sql("SELECT code, name_zh, name_en FROM " + table + " WHERE active ORDER BY sort_order, code")
			.query((rs, n) -> new Entry(rs.getString("code"), Localized.pick(rs.getString("name_zh"), rs.getString("name_en"))))
			.list();
	}

	private boolean isActive(String table, String code) {
		return code != null && jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE code = :code AND active)")
			.param("code", code)
			.query(Boolean.class)
			.single();
	}
}
