package org.xinfang.intake.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.xinfang.calendar.DeadlineSettings;
import org.xinfang.intake.AllowedActions;
import org.xinfang.intake.MatterFilter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.intake.AttachmentContent;
import org.xinfang.intake.AttachmentInfo;
import org.xinfang.intake.Channel;
import org.xinfang.intake.Deadline;
import org.xinfang.intake.Kind;
import org.xinfang.intake.MatterDetail;
import org.xinfang.intake.MatterDetail.PetitionerView;
import org.xinfang.intake.MatterDetail.UnitRef;
import org.xinfang.intake.MatterPage;
import org.xinfang.intake.MatterQueries;
import org.xinfang.intake.MatterStatus;
import org.xinfang.intake.PublicStatus;
import org.xinfang.intake.TimelineEntry;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.platform.Hashing;
import org.xinfang.platform.Localized;

@Service
@Transactional(readOnly = true)
class JdbcMatterQueries implements MatterQueries {

	/** Compared against when a tracking code is unknown, so that case costs the same as a wrong secret. */
	private static final String NO_SUCH_HASH = Hashing.sha256Hex("no such matter");

	/** A report, or the concerned unit is the one complained about: see {@link IdentityMasking}. */
	static final String PROTECTED = "(m.kind = 'REPORT' OR m.concerned_unit_complained_about)";

	/** A list's data scope (V14): the user's unit is on a path of the matter's units. */
	private static final String SCOPE = "m.scope_unit_ids @> ARRAY[CAST(:scope AS BIGINT)]";

	/**
	 * The same condition in a form no index answers, for a user at the top of the tree: every matter of the tree is
	 * in their scope, so the scope index can only ever read all of them (see {@link #countSettings}).
	 */
	private static final String WHOLE_TREE_SCOPE = "(" + SCOPE + ") IS TRUE";

	private static final String MATTER = """
			SELECT m.*, ru.code AS ru_code, ru.name AS ru_name, ru.path AS ru_path,
			       cu.code AS cu_code, cu.name AS cu_name, cu.path AS cu_path, hu.path AS hu_path,
			       c.name_zh AS category_zh, c.name_en AS category_en
			FROM matter m
			JOIN unit ru ON ru.id = m.receiving_unit_id
			LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
			LEFT JOIN unit hu ON hu.id = m.handling_unit_id
			LEFT JOIN category c ON c.code = m.category_code
			""";

	/**
	 * A list counts its matters up to this many (see {@link MatterPage#totalExact()}): counting further means
	 * reading every matching row, e.g. 71,000 for a county at a million matters (1.1 s), or rechecking every row
	 * that contains a common word.
	 */
	static final int COUNT_LIMIT = 1000;

	/**
	 * PostgreSQL's {@code gin_fuzzy_search_limit} while a text search is counted: a soft cap on the candidates the
	 * full-text index returns (a random sample beyond it). At 1M matters, 20,000 turned 179,764 candidates of a
	 * common phrase into ~3,800, of which 1,001 matched.
	 */
	static final int FUZZY_SEARCH_LIMIT = 20000;

	/**
	 * The slices of the full-text indexes (V32: each partial index of V24 split by {@code id % 32} into slices of
	 * 1/32, 1/32, 2/32, 4/32, 8/32 and 16/32 of the matters), in the order a search reads them. A search is counted,
	 * and a short list's hits collected, as the {@code UNION ALL} of the slices under one {@code LIMIT}: a common word
	 * stops in the first, smallest slice instead of decoding its whole posting list, a less common one reads slices
	 * twice as large each time until it has enough. Each condition is written exactly as its indexes' predicate, so
	 * that the planner can use them.
	 */
	static final List<String> SEARCH_SLICES = List.of("m.id % 32 <= 0", "m.id % 32 = 1", "m.id % 32 BETWEEN 2 AND 3",
			"m.id % 32 BETWEEN 4 AND 7", "m.id % 32 BETWEEN 8 AND 15", "m.id % 32 >= 16");

	private final JdbcClient jdbc;

	private final MatterRows rows;

	private final CurrentUser currentUser;

	private final ObjectProvider<AllowedActions> allowedActions;

	/**
	 * The handling module's bean, once found: {@link ObjectProvider#getIfAvailable()} searches the bean factory
	 * by type on every call (1 % of a B2 profile's request-thread samples, cause 130).
	 */
	private volatile AllowedActions resolvedActions;

	private final int dueSoonDays;

	private final Clock clock;

	private final JdbcIdentityReveals reveals;

	JdbcMatterQueries(JdbcClient jdbc, MatterRows rows, CurrentUser currentUser,
			ObjectProvider<AllowedActions> allowedActions, DeadlineSettings settings, Clock clock,
			JdbcIdentityReveals reveals) {
		this.reveals = reveals;
		this.allowedActions = allowedActions;
		this.dueSoonDays = settings.dueSoonDays();
		this.clock = clock;
		this.jdbc = jdbc;
		this.rows = rows;
		this.currentUser = currentUser;
	}

	@Override
	public Optional<MatterDetail> find(long id) {
		StaffPrincipal user = currentUser.require();
		return jdbc.sql(MATTER + " WHERE m.id = :id")
			.param("id", id)
			.query((rs, n) -> detail(rs, user))
			.list()
			.stream()
			.filter(Objects::nonNull)
			.findFirst();
	}

	private MatterDetail detail(ResultSet rs, StaffPrincipal user) throws SQLException {
		String receivingPath = rs.getString("ru_path");
		String concernedPath = rs.getString("cu_path");
		if (!user.canSee(receivingPath) && !user.canSee(concernedPath) && !user.canSee(rs.getString("hu_path"))) {
			return null;
		}
		long id = rs.getLong("id");
		Kind kind = Kind.valueOf(rs.getString("kind"));
		MatterStatus status = MatterStatus.valueOf(rs.getString("status"));
		boolean complainedAbout = rs.getBoolean("concerned_unit_complained_about");
		// protected: masked for every staff member; revealed only through IdentityReveals (see IdentityMasking)
		boolean masked = IdentityMasking.isProtected(kind, complainedAbout);
		List<PetitionerView> petitioners = rows.petitioners(id);
		List<String> words = masked ? MatterRows.identityWords(petitioners) : List.of();
		List<PetitionerView> shown = masked ? petitioners.stream()
			.map(p -> new PetitionerView(p.ordinal(), IdentityMasking.MASKED_NAME, null, null, null, null,
					p.representative()))
			.toList() : petitioners;
		List<AttachmentInfo> attachments = masked ? List.of() : rows.attachments(id);
		List<TimelineEntry> timeline = rows.timeline(id, false);
		if (masked) {
			timeline = timeline.stream()
				.map(e -> new TimelineEntry(e.at(), e.type(), e.label(), e.actor(),
						// an attachment's file name is part of the materials
						"ATTACHMENT_ADDED".equals(e.type()) ? null : IdentityMasking.redact(e.note(), words)))
				.toList();
		}
		long repeatOf = rs.getLong("repeat_of_id");
		Long repeatOfId = rs.wasNull() ? null : repeatOf;
		return new MatterDetail(id, rs.getString("tracking_code"), Channel.valueOf(rs.getString("channel")), kind,
				status, rows.statusLabel(status), IdentityMasking.redact(rs.getString("title"), words),
				IdentityMasking.redact(rs.getString("content"), words), rs.getString("category_code"),
				categoryName(rs),
				rs.getString("cu_code") == null ? null : new UnitRef(rs.getString("cu_code"), rs.getString("cu_name")),
				complainedAbout, new UnitRef(rs.getString("ru_code"), rs.getString("ru_name")),
				rs.getObject("received_on", LocalDate.class), rows.local(rs.getObject("received_at", OffsetDateTime.class)),
				rs.getString("registered_by"), rs.getInt("headcount"), rs.getString("source_body"),
				rs.getString("source_reference"), repeatOfId, rs.getInt("repeat_count"), masked, masked,
				masked && IdentityMasking.mayReveal(concernedPath, user), shown, rows.deadlines(id), timeline,
				attachments, staffActions(id), rs.getInt("version"));
	}

	@Override
	public String maskIdentity(long matterId, String text) {
		if (text == null) {
			return null;
		}
		boolean protectedMatter = jdbc.sql("""
				SELECT kind = 'REPORT' OR concerned_unit_complained_about FROM matter WHERE id = :id
				""")
			.param("id", matterId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
		return protectedMatter ? IdentityMasking.redact(text, MatterRows.identityWords(rows.petitioners(matterId)))
				: text;
	}

	@Override
	public MatterPage list(int page, int size) {
		return list(MatterFilter.NONE, MatterFilter.Sort.RECEIVED, page, size);
	}

	@Override
	public MatterPage list(MatterFilter filter, MatterFilter.Sort sort, int page, int size) {
		StaffPrincipal user = currentUser.require();
		int p = Math.max(0, page);
		int s = Math.min(Math.max(1, size), 100);
		Set<MatterStatus> entryStates = scopeEntryStates(filter, sort, user);
		if (entryStates != null) {
			return listFromScopeEntries(user, entryStates, p, s);
		}
		LocalDate today = LocalDate.now(clock);
		// the data scope: the receiving, concerned or handling unit lies in the user's subtree, i.e. the user's unit
		// is on one of their paths (matter.scope_unit_ids, kept by a trigger and indexed; migration V14)
		StringBuilder where = new StringBuilder(SCOPE);
		Map<String, Object> params = new HashMap<>();
		params.put("scope", user.unitId());
		if (filter.status() != null) {
			where.append(" AND m.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.statuses() != null && !filter.statuses().isEmpty()) {
			where.append(" AND m.status IN (:statuses)");
			params.put("statuses", filter.statuses().stream().map(Enum::name).sorted().toList());
		}
		if (filter.kind() != null) {
			where.append(" AND m.kind = :kind");
			params.put("kind", filter.kind().name());
		}
		if (filter.channel() != null) {
			where.append(" AND m.channel = :channel");
			params.put("channel", filter.channel().name());
		}
		if (filter.unitCode() != null) {
			// the unit and its subtree, as receiving office, concerned unit or handling unit
			where.append(" AND m.scope_unit_ids @> ARRAY[(SELECT f.id FROM unit f WHERE f.code = :unit)]");
			params.put("unit", filter.unitCode());
		}
		// a search of the whole scope and nothing else: its statements have one good plan whatever the word (below)
		boolean textOnly = filter.status() == null && (filter.statuses() == null || filter.statuses().isEmpty())
				&& filter.kind() == null && filter.channel() == null && filter.unitCode() == null
				&& filter.deadlineState() == null;
		// a user of a unit at the top of the tree, whose scope is every matter of the tree
		boolean genericCount = textOnly && user.unitPath() != null && user.unitPath().matches("/\\d+/");
		if (filter.text() != null && !filter.text().isBlank()) {
			// the query is built first and passed as a value: in a prepared statement's generic plan a call on the
			// parameter would be evaluated on every row and could not use the index (seconds to minutes at 1M).
			// The same statement sets the count's settings (one round trip), only when there is something to search.
			String q = filter.text().length() > 200 ? filter.text().substring(0, 200) : filter.text();
			String tsquery = jdbc.sql("SELECT q, " + settings(countSettings(genericCount))
					+ " FROM (SELECT CAST(xf_search_query(:q) AS TEXT) AS q) s WHERE q IS NOT NULL")
				.param("q", q)
				.query((rs, n) -> rs.getString("q"))
				.optional()
				.orElse(null);
			if (tsquery != null) {
				// a protected matter is searched without its petitioners' identity (V13)
				where.append(" AND ((NOT " + PROTECTED + " AND m.search_vector @@ CAST(:tsquery AS tsquery)) OR ("
						+ PROTECTED + " AND m.search_vector_redacted @@ CAST(:tsquery AS tsquery)))");
				params.put("tsquery", tsquery);
			}
		}
		if (filter.deadlineState() != null) {
			params.put("today", today);
			params.put("soon", today.plusDays(dueSoonDays));
			switch (filter.deadlineState()) {
				case OVERDUE:
					where.append(" AND m.next_due_date < :today");
					break;
				case DUE_SOON:
					where.append(" AND m.next_due_date >= :today AND m.next_due_date <= :soon");
					break;
				case ON_TRACK:
					where.append(" AND (m.next_due_date > :soon OR (m.next_due_date IS NULL AND NOT " + PENDING + "))");
					break;
				case PENDING:
					// no dated obligation open, one waiting for its year's holiday data
					where.append(" AND m.next_due_date IS NULL AND " + PENDING);
					break;
				default:
					// MET is not a state of a matter's next deadline
					where.append(" AND FALSE");
			}
		}
		String from = """
				FROM matter m
				JOIN unit ru ON ru.id = m.receiving_unit_id
				LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
				LEFT JOIN unit hu ON hu.id = m.handling_unit_id
				""";
		boolean searching = params.containsKey("tsquery");
		if (searching && genericCount) {
			// the scope as a filter only: see countSettings
			where.replace(0, SCOPE.length(), WHOLE_TREE_SCOPE);
		}
		if (!searching) {
			// plan with the actual values: how many matters a scope or a filter selects decides between reading the
			// deadline-order index until a page is full and fetching the matches to sort them, and a generic plan of
			// a reused prepared statement guesses (walking a million rows for a word that occurs nowhere)
			jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
		}
		// A search's count runs with the settings set above (countSettings): a fuzzy limit on the full-text index and
		// no sequential scan, and for a search of the whole scope a reused (generic) plan
		long counted = count(where, params, searching);
		if (searching && counted <= COUNT_LIMIT) {
			// fewer than COUNT_LIMIT + 1 found in the fuzzy sample: counted again exactly, with the count's plan (for a
			// whole-tree search the same reused one) and still without sequential scans
			jdbc.sql("SELECT " + settings(Map.of("gin_fuzzy_search_limit", "0"))).query((rs, n) -> 1).list();
			counted = count(where, params, true);
		}
		boolean exact = counted <= COUNT_LIMIT;
		long total = Math.min(counted, COUNT_LIMIT);
		String order = sort == MatterFilter.Sort.DEADLINE
				? "m.next_due_date ASC NULLS LAST, m.received_at DESC, m.id DESC"
				: "m.received_at DESC, m.id DESC";
		MatterRows.Namer namer = rows.namer();
		// A short list (all its matters counted) is fetched first and then sorted. A long one is read in the
		// deadline order of matter_deadline_scope_idx (V19) until the page is full. Left to itself, the planner mixes
		// these up when it misjudges how often a word occurs: a word that occurs nowhere is guessed at 0.5 % of
		// the rows (and every matter is read to find none); a common phrase at 400 rows (and 45,000 are sorted).
		// A short list's page is chosen among the hits by their sort keys alone, and only its rows are joined with
		// units, petitioners and deadlines (before: every hit was, e.g. 276 matters of a hospital for a page of 25)
		String condition = exact ? "m.id IN (SELECT id FROM page)" : where.toString();
		if (searching || !exact) {
			jdbc.sql("SELECT " + settings(pageSettings(searching, exact, textOnly))).query((rs, n) -> 1).list();
		}
		var query = jdbc.sql((exact ? "WITH hits AS MATERIALIZED (SELECT * FROM ("
				+ matching(where, "m.id, m.next_due_date, m.received_at", searching)
				+ ") m LIMIT :countLimit), page AS MATERIALIZED (SELECT m.id FROM hits m"
				+ " ORDER BY " + order + " LIMIT :limit OFFSET :offset) " : "") + SUMMARY_SELECT + from + SUMMARY_JOINS
				+ " WHERE " + condition + " ORDER BY " + order + (exact ? "" : " LIMIT :limit OFFSET :offset"));
		for (var e : params.entrySet()) {
			query = query.param(e.getKey(), e.getValue());
		}
		if (exact) {
			query = query.param("countLimit", COUNT_LIMIT + 1);
		}
		List<MatterPage.Summary> items = query.param("limit", s)
			.param("offset", (long) p * s)
			.query((rs, n) -> summary(rs, user, namer))
			.list();
		return new MatterPage(items, p, s, total, exact);
	}

	/** The columns of a row of a list ({@link #summary}); followed by the FROM clause and {@link #SUMMARY_JOINS}. */
	private static final String SUMMARY_SELECT = """
			SELECT m.id, m.tracking_code, m.channel, m.kind, m.status, m.received_on, m.headcount,
			       m.repeat_count, ru.name AS ru_name, cu.name AS cu_name, cu.path AS cu_path,
			       m.concerned_unit_complained_about, p.name AS petitioner_name, p.id_number, d.rule_code,
			       d.due_date, d.met_on, d.start_date, d.amount, d.unit, d.additions,
			       CASE WHEN m.kind = 'REPORT' OR m.concerned_unit_complained_about
			            THEN xf_redact(m.title, ARRAY(SELECT unnest(ARRAY[x.name, x.phone, x.id_number, x.address,
			                 x.email]) FROM petitioner x WHERE x.matter_id = m.id))
			            ELSE m.title END AS title
			""";

	/** The first petitioner and the nearest deadline of a row of a list. */
	private static final String SUMMARY_JOINS = """
			LEFT JOIN petitioner p ON p.matter_id = m.id AND p.ordinal = 1
			LEFT JOIN LATERAL (SELECT x.rule_code, x.due_date, x.met_on, x.start_date, x.amount, x.unit,
			                          (SELECT count(*) FROM matter_deadline_addition a WHERE a.matter_id = x.matter_id
			                           AND a.rule_code = x.rule_code) AS additions
			                   FROM matter_deadline x WHERE x.matter_id = m.id
			                   ORDER BY x.met_on IS NOT NULL, NOT x.obligation, x.due_date LIMIT 1) d ON TRUE
			""";

	/** The states of V26's {@code matter_scope_entry_queue_idx}: those some work queue lists. */
	private static final Set<MatterStatus> QUEUE_STATES = EnumSet.of(MatterStatus.REGISTERED, MatterStatus.RETURNED,
			MatterStatus.ACCEPTED, MatterStatus.IN_HANDLING, MatterStatus.EXTENSION_REQUESTED,
			MatterStatus.REPLY_DRAFTED, MatterStatus.UNDER_REVIEW, MatterStatus.UNDER_REREVIEW);

	/**
	 * The states to list when the list can be read from the read model {@code matter_scope_entry} (V26): the user's
	 * whole scope (no unit filter, or the user's own unit), nearest deadline first, filtered by nothing but states
	 * that a work queue lists (an empty set: every state). {@code null} when the list needs the general query.
	 */
	private static Set<MatterStatus> scopeEntryStates(MatterFilter filter, MatterFilter.Sort sort,
			StaffPrincipal user) {
		if (sort != MatterFilter.Sort.DEADLINE || filter.deadlineState() != null || filter.kind() != null
				|| filter.channel() != null || (filter.text() != null && !filter.text().isBlank())
				|| (filter.unitCode() != null && !filter.unitCode().equals(user.unitCode()))) {
			return null;
		}
		Set<MatterStatus> states = EnumSet.noneOf(MatterStatus.class);
		if (filter.status() != null) {
			states.add(filter.status());
		}
		if (filter.statuses() != null && !filter.statuses().isEmpty()) {
			if (filter.status() != null) {
				states.retainAll(filter.statuses()); // both given: the matters in their intersection
				if (states.isEmpty()) {
					return null; // no state left: the general query answers the empty list
				}
			}
			else {
				states.addAll(filter.statuses());
			}
		}
		return QUEUE_STATES.containsAll(states) ? states : null;
	}

	/**
	 * A list of the user's scope from {@code matter_scope_entry} (V26): the page is the start of the unit's range of
	 * the read model's deadline-order index, the count up to {@code COUNT_LIMIT + 1} reads at most that many of its
	 * entries, and only the page's matters are read from {@code matter}. The states are enum names, written into the
	 * statement as constants so that PostgreSQL can prove the partial queue index applies; with no other value
	 * depending on the data's spread, the statements keep the driver's prepared (generic) plans.
	 */
	private MatterPage listFromScopeEntries(StaffPrincipal user, Set<MatterStatus> states, int p, int s) {
		String where = "e.unit_id = :scope" + (states.isEmpty() ? ""
				: states.stream().map(st -> "'" + st.name() + "'").sorted()
					.collect(Collectors.joining(", ", " AND e.status IN (", ")")));
		long counted = jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM matter_scope_entry e WHERE " + where
				+ " LIMIT :countLimit) c")
			.param("scope", user.unitId())
			.param("countLimit", COUNT_LIMIT + 1)
			.query(Long.class)
			.single();
		String order = "m.next_due_date ASC NULLS LAST, m.received_at DESC, m.id DESC";
		MatterRows.Namer namer = rows.namer();
		List<MatterPage.Summary> items = jdbc.sql("WITH page AS MATERIALIZED (SELECT e.matter_id AS id"
				+ " FROM matter_scope_entry e WHERE " + where
				+ " ORDER BY e.next_due_date ASC NULLS LAST, e.received_at DESC, e.matter_id DESC"
				+ " LIMIT :limit OFFSET :offset) " + SUMMARY_SELECT + """
				FROM matter m
				JOIN unit ru ON ru.id = m.receiving_unit_id
				LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
				""" + SUMMARY_JOINS + " WHERE m.id IN (SELECT id FROM page) ORDER BY " + order)
			.param("scope", user.unitId())
			.param("limit", s)
			.param("offset", (long) p * s)
			.query((rs, n) -> summary(rs, user, namer))
			.list();
		return new MatterPage(items, p, s, Math.min(counted, COUNT_LIMIT), counted <= COUNT_LIMIT);
	}

	/**
	 * The settings of a search's count. A common phrase has hundreds of thousands of candidates in the full-text
	 * index (every matter with all its bigrams), and a bitmap of all of them is built before the first is rechecked
	 * (~0.35 s of the count of 药品价格 at 1M). With a fuzzy limit the index hands over a random sample of them; every
	 * row counted is still rechecked, so reaching COUNT_LIMIT + 1 proves "more than COUNT_LIMIT". A smaller result may
	 * have lost matches to the sampling and is counted again without the limit (BENCHMARKS.md, Causes and fixes 7).
	 * The count goes through the partial full-text indexes (V24, V32), which answer the search condition themselves:
	 * a row is then read only to be counted, its vector only to recheck a phrase. A sequential scan (chosen for words
	 * in a tenth of the matters and more, costed as if testing a row were free) reads every row's vector from TOAST
	 * until 1,001 match: 26,000 buffers for 病历 where the index needs 900 (20).
	 * <p>
	 * A search by a user at the top of the tree, with no filter but the words ({@code generic}), is counted with a
	 * reused plan: planning the union of the partial indexes anew took about a third of a count's CPU (80).
	 * The scope is then written as a filter no index answers ({@link #WHOLE_TREE_SCOPE}) and sequential scans are
	 * off, so the only plan is the union of the slices' index pairs, whatever the word: a generic plan made without
	 * the values would otherwise guess the scope selective and read it from the scope index, testing each matter's
	 * vector. For any other user the size of the scope decides the plan (a hospital's few hundred matters are best
	 * read from the scope index), so their counts are planned with the values. Parallel workers never pay for
	 * themselves in a count that stops at 1,001 rows.
	 */
	private static Map<String, String> countSettings(boolean generic) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("gin_fuzzy_search_limit", Integer.toString(FUZZY_SEARCH_LIMIT));
		settings.put("enable_seqscan", "off");
		settings.put("max_parallel_workers_per_gather", "0");
		settings.put("plan_cache_mode", generic ? "force_generic_plan" : "force_custom_plan");
		return settings;
	}

	/**
	 * The settings of a list's page after its count. A long list (more than COUNT_LIMIT matches) is read in the
	 * order of the list's index until the page is full: a bitmap of every match (chosen when the planner
	 * underestimates a word) would recheck tens of thousands of rows. With bitmap and sequential scans off, a long
	 * search of the whole scope has only that plan, so it is reused too (81); any other page is planned with its
	 * values.
	 */
	private static Map<String, String> pageSettings(boolean searching, boolean exact, boolean textOnly) {
		Map<String, String> settings = new LinkedHashMap<>();
		if (searching) {
			settings.put("gin_fuzzy_search_limit", "0");
		}
		if (exact) {
			settings.put("enable_seqscan", "on");
			settings.put("plan_cache_mode", "force_custom_plan");
		}
		else {
			settings.put("enable_bitmapscan", "off");
			if (searching && textOnly) {
				// sequential scans stay off (countSettings), and the full-text and scope indexes answer only bitmap
				// scans: the walk of the list's ordered index is the only plan, whoever searches for whatever
				settings.put("plan_cache_mode", "force_generic_plan");
			}
			else {
				settings.put("enable_seqscan", "on");
				settings.put("plan_cache_mode", "force_custom_plan");
			}
		}
		return settings;
	}

	/** The select list that sets these settings for the rest of the transaction (one statement, one round trip). */
	private static String settings(Map<String, String> settings) {
		return settings.entrySet().stream()
			.map(e -> "set_config('" + e.getKey() + "', '" + e.getValue() + "', TRUE)")
			.collect(Collectors.joining(", "));
	}

	/** Counts the matches of a list up to {@code COUNT_LIMIT + 1}. */
	private long count(CharSequence where, Map<String, Object> params, boolean searching) {
		var count = jdbc.sql("SELECT count(*) FROM (" + matching(where, "1", searching) + " LIMIT :countLimit) c");
		for (var e : params.entrySet()) {
			count = count.param(e.getKey(), e.getValue());
		}
		return count.param("countLimit", COUNT_LIMIT + 1).query(Long.class).single();
	}

	/**
	 * The given columns of the matters meeting the condition: for a text search the {@code UNION ALL} of the
	 * {@link #SEARCH_SLICES} of the full-text indexes (V32), in order, each slice's condition naming its slice so that
	 * the planner can use that slice's indexes; a {@code LIMIT} on the union stops in the first slices that reach it.
	 */
	private static String matching(CharSequence where, String columns, boolean searching) {
		if (!searching) {
			return "SELECT " + columns + " FROM matter m WHERE " + where;
		}
		StringJoiner parts = new StringJoiner(" UNION ALL ");
		for (String slice : SEARCH_SLICES) {
			parts.add("SELECT " + columns + " FROM matter m WHERE " + where + " AND " + slice);
		}
		return parts.toString();
	}

	/** The matter has an open staff obligation whose due date waits for holiday data. */
	private static final String PENDING = "EXISTS (SELECT 1 FROM matter_deadline pd WHERE pd.matter_id = m.id"
			+ " AND pd.due_date IS NULL AND pd.met_on IS NULL AND pd.obligation)";

	private List<String> staffActions(long id) {
		AllowedActions actions = allowedActions();
		return actions == null ? List.of() : actions.forStaff(id);
	}

	private AllowedActions allowedActions() {
		AllowedActions actions = resolvedActions;
		if (actions == null) {
			actions = allowedActions.getIfAvailable();
			resolvedActions = actions;
		}
		return actions;
	}

	private MatterPage.Summary summary(ResultSet rs, StaffPrincipal user, MatterRows.Namer namer) throws SQLException {
		Kind kind = Kind.valueOf(rs.getString("kind"));
		MatterStatus status = MatterStatus.valueOf(rs.getString("status"));
		boolean masked = IdentityMasking.isProtected(kind, rs.getBoolean("concerned_unit_complained_about"));
		String rule = rs.getString("rule_code");
		Deadline next = rule == null ? null : namer.deadline(rs);
		return new MatterPage.Summary(rs.getLong("id"), rs.getString("tracking_code"),
				Channel.valueOf(rs.getString("channel")), kind, status, rows.statusLabel(status), rs.getString("title"),
				rs.getObject("received_on", LocalDate.class), rs.getString("ru_name"), rs.getString("cu_name"),
				masked ? IdentityMasking.MASKED_NAME : rs.getString("petitioner_name"),
				masked ? null : IdentityMasking.maskIdNumber(rs.getString("id_number")), rs.getInt("headcount"),
				rs.getInt("repeat_count"), next, masked);
	}

	@Override
	public Optional<PublicStatus> track(String trackingCode, String querySecret) {
		String code = trackingCode == null ? "" : trackingCode.strip().toUpperCase(Locale.ROOT);
		if (code.indexOf('\u0000') >= 0) {
			// PostgreSQL text cannot hold U+0000, so such a code names no matter; answered like any unknown code
			Codes.secretMatches(querySecret, NO_SUCH_HASH);
			return Optional.empty();
		}
		var found = jdbc.sql("""
				SELECT m.id, m.query_secret_hash, m.status, m.received_at, coalesce(hu.name, ru.name) AS ru_name
				FROM matter m JOIN unit ru ON ru.id = m.receiving_unit_id
				LEFT JOIN unit hu ON hu.id = m.handling_unit_id WHERE m.tracking_code = :code
				""")
			.param("code", code)
			.query((rs, n) -> new Found(rs.getLong("id"), rs.getString("query_secret_hash"),
					MatterStatus.valueOf(rs.getString("status")), rows.local(rs.getObject("received_at", OffsetDateTime.class)),
					rs.getString("ru_name")))
			.optional();
		boolean matches = Codes.secretMatches(querySecret, found.map(Found::hash).orElse(NO_SUCH_HASH));
		if (found.isEmpty() || !matches) {
			return Optional.empty();
		}
		Found f = found.get();
		return Optional.of(new PublicStatus(code, f.status(), rows.statusLabel(f.status()), f.handlingUnit(),
				f.receivedAt(), rows.deadlines(f.id()),
				rows.timeline(f.id(), true)
					.stream()
					.map(e -> new PublicStatus.PublicEvent(e.at(), e.type(), e.label(), e.note()))
					.toList(),
				List.of(), petitionerActions(f.id())));
	}

	private List<String> petitionerActions(long id) {
		AllowedActions actions = allowedActions();
		return actions == null ? List.of() : actions.forPetitioner(id);
	}

	private record Found(long id, String hash, MatterStatus status, OffsetDateTime receivedAt, String handlingUnit) {
	}

	@Override
	@Transactional
	public Optional<AttachmentContent> attachment(long matterId, long attachmentId, Long revealId) {
		// scope, protection and reveal; audits a download of protected material in this transaction
		reveals.authoriseMaterial(matterId, "attachment", attachmentId, revealId);
		return jdbc.sql("""
				SELECT filename, content_type, content FROM attachment WHERE id = :aid AND matter_id = :mid
				""")
			.param("aid", attachmentId)
			.param("mid", matterId)
			.query((rs, n) -> new AttachmentContent(rs.getString("filename"), rs.getString("content_type"),
					rs.getBytes("content")))
			.optional();
	}

	private static String categoryName(ResultSet rs) throws SQLException {
		return Localized.pick(rs.getString("category_zh"), rs.getString("category_en"));
	}
}
