package org.xinfang.supervision.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
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

	private static final String SQL = """
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

	private final JdbcClient jdbc;

	private final Units units;

	private final Dictionaries dictionaries;

	private final CurrentUser currentUser;

	private final MessageSource messages;

	private final Clock clock;

	JdbcIndicators(JdbcClient jdbc, Units units, Dictionaries dictionaries, CurrentUser currentUser,
			MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.units = units;
		this.dictionaries = dictionaries;
		this.currentUser = currentUser;
		this.messages = messages;
		this.clock = clock;
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

		List<Row> rows = jdbc.sql(SQL)
			.param("path", unit.path())
			.param("from", from)
			.param("to", to)
			.param("today", LocalDate.now(clock))
			.query(JdbcIndicators::row)
			.list();
		Counts total = rows.stream().filter(r -> r.set() == GroupingSet.TOTAL).findFirst().map(Row::counts)
			.orElseGet(JdbcIndicators::none);
		return new IndicatorReport(new IndicatorReport.UnitRef(unit.code(), unit.name()), from, to, total.rates(),
				total, breakdowns.contains(Breakdown.UNIT) ? byUnit(unit, rows) : null,
				breakdowns.contains(Breakdown.CATEGORY) ? byCategory(rows) : null,
				breakdowns.contains(Breakdown.CHANNEL) ? byChannel(rows) : null);
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

	private enum GroupingSet {
		TOTAL, UNIT, CATEGORY, CHANNEL
	}

	private record Row(GroupingSet set, String key, Counts counts) {
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
