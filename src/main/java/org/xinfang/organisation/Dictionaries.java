package org.xinfang.organisation;

import java.util.List;

/**
 * The maintained dictionaries for other modules: categories of matters and the legal routes of
 * Regulation Art. 31, active entries only, in display order, named in the request's language.
 */
public interface Dictionaries {

	List<Entry> categories();

	boolean isActiveCategory(String code);

	List<Entry> legalRoutes();

	boolean isActiveLegalRoute(String code);

	record Entry(String code, String name) {
	}
}
