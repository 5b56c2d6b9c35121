package org.xinfang.supervision.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Dictionaries;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.IndicatorReport;
import org.xinfang.supervision.IndicatorReport.Counts;
import org.xinfang.supervision.IndicatorReport.Slice;
import org.xinfang.supervision.Indicators;

/**
 * The indicators in one statement per request: the matters of each cohort are found through the index of the
 * event that places them in the period (received on, a deadline settled on, delivered on), read with the columns
 * the counts need in one bitmap pass over the heap (only those placed by a settled period alone are looked up by
 * id: 17,000 of 125,000 for a month at a million matters, BENCHMARKS.md), flagged once per matter, then
 * counted for the whole subtree and every breakdown at once with {@code GROUPING SETS}. The definitions are
 * those of {@link Indicators}.
 *
 * <p>It reads the matter tables of intake and handling directly: a read model over rows those modules own, so
 * that indicators for a province stay one query instead of millions of API calls.
 */
@Service
@Transactional(readOnly = true)
class JdbcIndicators implements Indicators {

	/** The longest period one request may cover. */
	static final int MAX_YEARS = 10;

	/** Who may read indicators: those who supervise or lead, not handlers or registrars. */
	static final Set<Role> READERS = Set.of(Role.SUPERVISOR, Role.LEADER, Role.UNIT_HEAD, Role.ADMIN);

	/**
	 * The matters placed in the period (received, delivered, or with an acceptance or handling period settled in it),
	 * with the columns the indicators read: the start of {@link #SQL} and of {@link #MONTH_SQL}, which count them.
	 */
	private static final String COHORT = """
			WITH settled AS (
			    -- acceptance and handling periods settled in the period: met on a date in time, or ran out (unmet, or
			    -- met late). The two never overlap; each is an index-only scan of its own partial index (V25), where a
			    -- bitmap of both read 41,000 pages of matter_deadline for a month at a million matters
			    SELECT d.matter_id, d.rule_code, TRUE AS in_time, FALSE AS open
			    FROM matter_deadline d
			    WHERE d.rule_code IN ('ACCEPTANCE', 'HANDLING')
			      AND d.met_on <= d.due_date
			      AND d.met_on BETWEEN :from AND :to
			    UNION ALL
			    SELECT d.matter_id, d.rule_code, FALSE AS in_time, d.met_on IS NULL AS open
			    FROM matter_deadline d
			    WHERE d.rule_code IN ('ACCEPTANCE', 'HANDLING')
			      AND (d.met_on IS NULL OR d.met_on > d.due_date)
			      AND d.due_date BETWEEN :from AND :to AND d.due_date < :today
			), dated AS MATERIALIZED (
			    -- the matters received or delivered in the period, with the columns read here: index-only scans of
			    -- the two covering date indexes (V29), the received ones and then the delivered ones not received
			    -- in the period, rather than reading ~108,000 wide rows from the heap
			    SELECT m.id, m.channel, m.category_code, coalesce(m.handling_unit_id, m.receiving_unit_id) AS unit_id,
			           m.received_on, m.delivered_on, m.evaluation_rating, m.repeat_count, m.repeat_of_id
			    FROM matter m
			    WHERE m.received_on BETWEEN :from AND :to
			    UNION ALL
			    SELECT m.id, m.channel, m.category_code, coalesce(m.handling_unit_id, m.receiving_unit_id) AS unit_id,
			           m.received_on, m.delivered_on, m.evaluation_rating, m.repeat_count, m.repeat_of_id
			    FROM matter m
			    WHERE m.delivered_on BETWEEN :from AND :to AND m.received_on NOT BETWEEN :from AND :to
			), cohort AS (
			    SELECT * FROM dated
			    UNION ALL
			    -- the few placed in the period by a settled period alone are looked up by id
			    SELECT m.id, m.channel, m.category_code, coalesce(m.handling_unit_id, m.receiving_unit_id),
			           m.received_on, m.delivered_on, m.evaluation_rating, m.repeat_count, m.repeat_of_id
			    FROM matter m
			    WHERE m.id IN (SELECT matter_id FROM settled EXCEPT SELECT id FROM dated)
			""";

	private static final String SQL = COHORT + """
			), flagged AS (
			    SELECT m.channel, m.category_code,
			           CASE WHEN u.path = :path THEN u.id
			                ELSE split_part(substr(u.path, length(:path) + 1), '/', 1)::bigint END AS slice_unit,
			           m.received_on BETWEEN :from AND :to AS received,
			           a.matter_id IS NOT NULL AS acceptance_due, coalesce(a.in_time, FALSE) AS accepted_in_time,
			           h.matter_id IS NOT NULL AS completion_due, coalesce(h.in_time, FALSE) AS completed_in_time,
			           coalesce(h.open, FALSE) AS open_overdue,
			           m.delivered_on BETWEEN :from AND :to AS delivered,
			           m.evaluation_rating,
			           m.repeat_count > 0 OR m.repeat_of_id IS NOT NULL AS repeated,
			           -- only for the replies delivered in the period, the only ones that use them; reviews and
			           -- later repeats are read once into a hash (a look-up per delivered reply was 43,000 of each)
			           CASE WHEN m.delivered_on BETWEEN :from AND :to
			                THEN EXISTS (SELECT 1 FROM matter_review r WHERE r.matter_id = m.id) END AS reviewed,
			           CASE WHEN m.delivered_on BETWEEN :from AND :to
			                THEN m.id IN (SELECT later.repeat_of_id FROM matter later WHERE later.repeat_of_id IS NOT NULL)
			                END AS repeated_later,
			           CASE WHEN m.delivered_on BETWEEN :from AND :to
			                THEN m.evaluation_rating IS NOT NULL
			                     -- an index-only look-up (V25)
			                     OR (SELECT w.due_date < :today FROM matter_deadline w
			                         WHERE w.matter_id = m.id AND w.rule_code = 'EVALUATION_WINDOW') END AS evaluable
			    FROM cohort m
			    JOIN unit u ON u.id = m.unit_id
			    LEFT JOIN settled a ON a.matter_id = m.id AND a.rule_code = 'ACCEPTANCE'
			    LEFT JOIN settled h ON h.matter_id = m.id AND h.rule_code = 'HANDLING'
			    WHERE u.path LIKE :path || '%'
			)
			SELECT GROUPING(slice_unit) AS g_unit, GROUPING(category_code) AS g_category, GROUPING(channel) AS g_channel,
			       slice_unit, category_code, channel,
			       count(*) FILTER (WHERE received) AS received,
			       count(*) FILTER (WHERE received AND channel = 'ONLINE') AS online,
			       count(*) FILTER (WHERE received AND repeated) AS repeated,
			       count(*) FILTER (WHERE acceptance_due) AS acceptance_due,
			       count(*) FILTER (WHERE accepted_in_time) AS accepted_in_time,
			       count(*) FILTER (WHERE completion_due) AS completion_due,
			       count(*) FILTER (WHERE completed_in_time) AS completed_in_time,
			       count(*) FILTER (WHERE open_overdue) AS open_overdue,
			       count(*) FILTER (WHERE delivered) AS delivered,
			       count(*) FILTER (WHERE delivered AND evaluable IS TRUE) AS evaluable,
			       count(*) FILTER (WHERE delivered AND evaluation_rating IS NOT NULL) AS evaluated,
			       count(*) FILTER (WHERE delivered AND evaluation_rating = 'SATISFIED') AS satisfied,
			       count(*) FILTER (WHERE delivered AND evaluation_rating = 'BASICALLY_SATISFIED') AS basically_satisfied,
			       count(*) FILTER (WHERE delivered AND evaluation_rating = 'DISSATISFIED') AS dissatisfied,
			       count(*) FILTER (WHERE delivered AND NOT repeated AND NOT reviewed AND NOT repeated_later)
			           AS resolved_without_repeat,
			       count(*) FILTER (WHERE delivered AND NOT reviewed) AS resolved_at_unit_level
			FROM flagged
			GROUP BY GROUPING SETS ((), (slice_unit), (category_code), (channel))
			
""";

	/** One settled month for every unit into the read model of V30 (the counts of SQL per unit, category, channel). */
	private static final String MONTH_SQL = COHORT + """
			), flagged AS (
			    -- as in SQL, per matter, but by the matter's own unit (no subtree: every unit of the month is kept),
			    -- and with the evaluation window of an unevaluated reply as a date, to bound the days the counts hold
			    SELECT m.unit_id, m.channel, m.category_code,
			           m.received_on BETWEEN :from AND :to AS received,
			           a.matter_id IS NOT NULL AS acceptance_due, coalesce(a.in_time, FALSE) AS accepted_in_time,
			           h.matter_id IS NOT NULL AS completion_due, coalesce(h.in_time, FALSE) AS completed_in_time,
			           coalesce(h.open, FALSE) AS open_overdue,
			           m.delivered_on BETWEEN :from AND :to AS delivered,
			           m.evaluation_rating,
			           m.repeat_count > 0 OR m.repeat_of_id IS NOT NULL AS repeated,
			           CASE WHEN m.delivered_on BETWEEN :from AND :to
			                THEN EXISTS (SELECT 1 FROM matter_review r WHERE r.matter_id = m.id) END AS reviewed,
			           CASE WHEN m.delivered_on BETWEEN :from AND :to
			                THEN m.id IN (SELECT later.repeat_of_id FROM matter later WHERE later.repeat_of_id IS NOT NULL)
			                END AS repeated_later,
			           CASE WHEN m.delivered_on BETWEEN :from AND :to AND m.evaluation_rating IS NULL
			                THEN (SELECT w.due_date FROM matter_deadline w
			                      WHERE w.matter_id = m.id AND w.rule_code = 'EVALUATION_WINDOW') END AS window_due
			    FROM cohort m
			    LEFT JOIN settled a ON a.matter_id = m.id AND a.rule_code = 'ACCEPTANCE'
			    LEFT JOIN settled h ON h.matter_id = m.id AND h.rule_code = 'HANDLING'
			), counted AS (
			    SELECT unit_id, category_code, channel,
			           count(*) FILTER (WHERE received) AS received,
			           count(*) FILTER (WHERE received AND channel = 'ONLINE') AS online,
			           count(*) FILTER (WHERE received AND repeated) AS repeated,
			           count(*) FILTER (WHERE acceptance_due) AS acceptance_due,
			           count(*) FILTER (WHERE accepted_in_time) AS accepted_in_time,
			           count(*) FILTER (WHERE completion_due) AS completion_due,
			           count(*) FILTER (WHERE completed_in_time) AS completed_in_time,
			           count(*) FILTER (WHERE open_overdue) AS open_overdue,
			           count(*) FILTER (WHERE delivered) AS delivered,
			           count(*) FILTER (WHERE delivered AND (evaluation_rating IS NOT NULL OR window_due < :today))
			               AS evaluable,
			           count(*) FILTER (WHERE delivered AND evaluation_rating IS NOT NULL) AS evaluated,
			           count(*) FILTER (WHERE delivered AND evaluation_rating = 'SATISFIED') AS satisfied,
			           count(*) FILTER (WHERE delivered AND evaluation_rating = 'BASICALLY_SATISFIED') AS basically_satisfied,
			           count(*) FILTER (WHERE delivered AND evaluation_rating = 'DISSATISFIED') AS dissatisfied,
			           count(*) FILTER (WHERE delivered AND NOT repeated AND NOT reviewed AND NOT repeated_later)
			               AS resolved_without_repeat,
			           count(*) FILTER (WHERE delivered AND NOT reviewed) AS resolved_at_unit_level
			    FROM flagged
			    GROUP BY unit_id, category_code, channel
			), generation AS (
			    -- read in the snapshot the counts come from (an UPDATE would see a gen committed after it)
			    SELECT gen FROM indicator_month WHERE month = :from
			), cleared AS (
			    DELETE FROM indicator_month_count WHERE month = :from
			), stored AS (
			    INSERT INTO indicator_month_count (month, unit_id, category_code, channel, received, online, repeated,
			        acceptance_due, accepted_in_time, completion_due, completed_in_time, open_overdue, delivered, evaluable,
			        evaluated, satisfied, basically_satisfied, dissatisfied, resolved_without_repeat, resolved_at_unit_level)
			    SELECT :from, unit_id, category_code, channel, received, online, repeated, acceptance_due,
			           accepted_in_time, completion_due, completed_in_time, open_overdue, delivered, evaluable, evaluated,
			           satisfied, basically_satisfied, dissatisfied, resolved_without_repeat, resolved_at_unit_level
			    FROM counted
			)
			UPDATE indicator_month
			SET built_gen = (SELECT gen FROM generation), built_on = :today,
			    -- the counts hold while no evaluation window of an unevaluated reply opens or closes across the day
			    valid_from = (SELECT max(window_due) + 1 FROM flagged WHERE window_due < :today),
			    valid_through = (SELECT min(window_due) FROM flagged WHERE window_due >= :today)
			WHERE month = :from
""";

	/** A subtree's figures summed from the read model, with the number of its months still valid. */
	private static final String ROLLUP_SQL = """
			SELECT GROUPING(slice_unit) AS g_unit, GROUPING(category_code) AS g_category, GROUPING(channel) AS g_channel,
			       slice_unit, category_code, channel,
			       sum(received) AS received, sum(online) AS online, sum(repeated) AS repeated,
			       sum(acceptance_due) AS acceptance_due, sum(accepted_in_time) AS accepted_in_time,
			       sum(completion_due) AS completion_due, sum(completed_in_time) AS completed_in_time,
			       sum(open_overdue) AS open_overdue, sum(delivered) AS delivered, sum(evaluable) AS evaluable,
			       sum(evaluated) AS evaluated, sum(satisfied) AS satisfied, sum(basically_satisfied) AS basically_satisfied,
			       sum(dissatisfied) AS dissatisfied, sum(resolved_without_repeat) AS resolved_without_repeat,
			       sum(resolved_at_unit_level) AS resolved_at_unit_level,
			       -- checked in the same snapshot as the counts: a month changed since its build is not used
			       (SELECT count(*) FROM indicator_month i
			        WHERE i.month BETWEEN :from AND :to AND i.built_gen = i.gen
			          AND (i.valid_from IS NULL OR i.valid_from <= :today)
			          AND (i.valid_through IS NULL OR :today <= i.valid_through)) AS valid_months
			FROM (
			    SELECT CASE WHEN u.path = :path THEN u.id
			                ELSE split_part(substr(u.path, length(:path) + 1), '/', 1)::bigint END AS slice_unit,
			           c.*
			    FROM indicator_month_count c
			    JOIN unit u ON u.id = c.unit_id
			    WHERE c.month BETWEEN :from AND :to AND u.path LIKE :path || '%'
			) c
			GROUP BY GROUPING SETS ((), (slice_unit), (category_code), (channel))
""";

	private static final String VALID_MONTHS_SQL = """
			SELECT month FROM indicator_month
			WHERE month BETWEEN :from AND :to AND built_gen = gen
			  AND (valid_from IS NULL OR valid_from <= :today) AND (valid_through IS NULL OR :today <= valid_through)
""";

	private final JdbcClient jdbc;

	private final Units units;

	private final Dictionaries dictionaries;

	private final CurrentUser currentUser;

	private final MessageSource messages;

	private final Clock clock;

	/** Builds a month of the read model in transactions of its own (REQUIRES_NEW). */
	private final TransactionTemplate own;

	JdbcIndicators(JdbcClient jdbc, Units units, Dictionaries dictionaries, CurrentUser currentUser,
			MessageSource messages, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.units = units;
		this.dictionaries = dictionaries;
		this.currentUser = currentUser;
		this.messages = messages;
		this.clock = clock;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public IndicatorReport compute(String unitCode, LocalDate from, LocalDate to, Set<Breakdown> breakdowns) {
		StaffPrincipal user = currentUser.require();
		if (READERS.stream().noneMatch(user::has)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", "Indicators are for supervisors and leaders.");
		}
		if (to.isBefore(from)) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", "to", "must not be before from");
		}
		if (from.plusYears(MAX_YEARS).isBefore(to)) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", "to",
					"a period covers at most " + MAX_YEARS + " years");
		}
		// a unit outside the user's subtree is answered like an unknown one
		Unit unit = units.byCode(unitCode)
			.filter(u -> user.canSee(u.path()))
			.orElseThrow(() -> DomainException.notFound("Unit " + unitCode));

		LocalDate today = LocalDate.now(clock);
		List<Row> rows = fromSettledMonths(unit.path(), from, to, today).orElseGet(() -> live(unit.path(), from, to, today));
		Counts total = rows.stream().filter(r -> r.set() == GroupingSet.TOTAL).findFirst().map(Row::counts)
			.orElseGet(JdbcIndicators::none);
		return new IndicatorReport(new IndicatorReport.UnitRef(unit.code(), unit.name()), from, to, total.rates(),
				total, breakdowns.contains(Breakdown.UNIT) ? byUnit(unit, rows) : null,
				breakdowns.contains(Breakdown.CATEGORY) ? byCategory(rows) : null,
				breakdowns.contains(Breakdown.CHANNEL) ? byChannel(rows) : null);
	}

	/** The figures computed from the matter tables, for any period (SQL). */
	List<Row> live(String path, LocalDate from, LocalDate to, LocalDate today) {
		return jdbc.sql(SQL)
			.param("path", path)
			.param("from", from)
			.param("to", to)
			.param("today", today)
			.query(JdbcIndicators::row)
			.list();
	}

	/**
	 * The figures of a period of whole months that have all ended, summed from the read model of V30 (the same
	 * figures as {@link #live}, see the migration for why they stay exact). At most {@value #MAX_BUILDS} months
	 * missing or out of date are computed into it first; with more, or when a month cannot be used after all (changed
	 * again meanwhile, or its writers could not be waited for), empty: the caller computes the period live.
	 */
	Optional<List<Row>> fromSettledMonths(String path, LocalDate from, LocalDate to, LocalDate today) {
		if (from.getDayOfMonth() != 1 || !to.equals(to.withDayOfMonth(to.lengthOfMonth())) || !to.isBefore(today)) {
			return Optional.empty();
		}
		List<LocalDate> months = from.datesUntil(to.plusDays(1), Period.ofMonths(1)).toList();
		Set<LocalDate> valid = Set.copyOf(jdbc.sql(VALID_MONTHS_SQL)
			.param("from", from)
			.param("to", to)
			.param("today", today)
			.query(LocalDate.class)
			.list());
		List<LocalDate> missing = months.stream().filter(m -> !valid.contains(m)).toList();
		if (missing.size() > MAX_BUILDS) {
			return Optional.empty();
		}
		for (LocalDate month : missing) {
			if (!build(month, today)) {
				return Optional.empty();
			}
		}
		List<Map.Entry<Row, Long>> rows = jdbc.sql(ROLLUP_SQL)
			.param("path", path)
			.param("from", from)
			.param("to", to)
			.param("today", today)
			.query((rs, n) -> Map.entry(row(rs, n), rs.getLong("valid_months")))
			.list();
		if (rows.isEmpty() || rows.get(0).getValue() != months.size()) {
			return Optional.empty();
		}
		return Optional.of(rows.stream().map(Map.Entry::getKey).toList());
	}

	/** Months computed into the read model by one request at most; a longer period unknown to it is computed live. */
	static final int MAX_BUILDS = 2;

	/** How long a build waits for the writers in flight of its month before the request computes live instead. */
	private static final String BUILD_LOCK_TIMEOUT = "SET LOCAL lock_timeout = '2s'";

	/** Computes one month into the read model; false when its writers in flight could not be waited for. */
	boolean build(LocalDate month, LocalDate today) {
		int key = month.getYear() * 12 + month.getMonthValue();
		try {
			// 1. the month's gen row: from its commit on, every writer of the month bumps it
			own.executeWithoutResult(t -> jdbc.sql("INSERT INTO indicator_month (month) VALUES (:m) ON CONFLICT DO NOTHING")
				.param("m", month)
				.update());
			// 2. a barrier: writers whose trigger ran before that commit hold the month's lock shared until they end
			own.executeWithoutResult(t -> {
				jdbc.sql(BUILD_LOCK_TIMEOUT).update();
				jdbc.sql("SELECT pg_advisory_xact_lock(7304, :k)").param("k", key).query().listOfRows();
			});
			// 3. one builder per month at a time; the counts and the gen they hold for in one statement
			own.executeWithoutResult(t -> {
				jdbc.sql(BUILD_LOCK_TIMEOUT).update();
				jdbc.sql("SELECT pg_advisory_xact_lock(7305, :k)").param("k", key).query().listOfRows();
				LocalDate to = month.withDayOfMonth(month.lengthOfMonth());
				boolean built = !jdbc.sql(VALID_MONTHS_SQL)
					.param("from", month)
					.param("to", month)
					.param("today", today)
					.query(LocalDate.class)
					.list()
					.isEmpty();
				if (!built) {
					jdbc.sql(MONTH_SQL).param("from", month).param("to", to).param("today", today).update();
				}
			});
			return true;
		}
		catch (DataAccessException e) {
			// 55P03 lock_not_available: the lock timeout above (not translated to a specific exception here)
			if (e instanceof PessimisticLockingFailureException
					|| e.getMostSpecificCause() instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
				return false;
			}
			throw e;
		}
	}

	/** The unit's own matters first, then each child's subtree in tree order; units without matters show zeros. */
	private List<Slice> byUnit(Unit unit, List<Row> rows) {
		Map<Long, Counts> counted = rows.stream()
			.filter(r -> r.set() == GroupingSet.UNIT)
			.collect(Collectors.toMap(r -> Long.valueOf(r.key()), Row::counts));
		List<Unit> slices = new ArrayList<>();
		slices.add(unit);
		units.subtree(unit.id()).stream().filter(u -> unit.id() == (u.parentId() == null ? -1 : u.parentId()))
			.forEach(slices::add);
		return slices.stream().map(u -> {
			Counts c = counted.getOrDefault(u.id(), none());
			return new Slice(u.code(), u.name(), c.rates(), c);
		}).toList();
	}

	private List<Slice> byCategory(List<Row> rows) {
		Map<String, String> names = dictionaries.categories()
			.stream()
			.collect(Collectors.toMap(Dictionaries.Entry::code, Dictionaries.Entry::name));
		return slices(rows, GroupingSet.CATEGORY, key -> key == null ? null : names.getOrDefault(key, key));
	}

	private List<Slice> byChannel(List<Row> rows) {
		return slices(rows, GroupingSet.CHANNEL, key -> messages.getMessage("matter.channel." + key, null, key,
				LocaleContextHolder.getLocale()));
	}

	private static List<Slice> slices(List<Row> rows, GroupingSet set, Function<String, String> label) {
		return rows.stream()
			.filter(r -> r.set() == set)
			.sorted(Comparator.comparing(Row::key, Comparator.nullsLast(Comparator.naturalOrder())))
			.map(r -> new Slice(r.key(), label.apply(r.key()), r.counts().rates(), r.counts()))
			.toList();
	}

	private static Counts none() {
		return new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	}

	enum GroupingSet {
		TOTAL, UNIT, CATEGORY, CHANNEL
	}

	record Row(GroupingSet set, String key, Counts counts) {
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		GroupingSet set;
		String key;
		if (rs.getInt("g_unit") == 0) {
			set = GroupingSet.UNIT;
			key = rs.getString("slice_unit");
		}
		else if (rs.getInt("g_category") == 0) {
			set = GroupingSet.CATEGORY;
			key = rs.getString("category_code");
		}
		else if (rs.getInt("g_channel") == 0) {
			set = GroupingSet.CHANNEL;
			key = rs.getString("channel");
		}
		else {
			set = GroupingSet.TOTAL;
			key = null;
		}
		return new Row(set, key,
				new Counts(rs.getLong("received"), rs.getLong("online"), rs.getLong("repeated"),
						rs.getLong("acceptance_due"), rs.getLong("accepted_in_time"), rs.getLong("completion_due"),
						rs.getLong("completed_in_time"), rs.getLong("open_overdue"), rs.getLong("delivered"),
						rs.getLong("evaluable"), rs.getLong("evaluated"), rs.getLong("satisfied"),
						rs.getLong("basically_satisfied"), rs.getLong("dissatisfied"),
						rs.getLong("resolved_without_repeat"), rs.getLong("resolved_at_unit_level")));
	}
}
