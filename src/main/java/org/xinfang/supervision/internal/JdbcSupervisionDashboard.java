package org.xinfang.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.calendar.DeadlineSettings;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.platform.DomainException;
import org.xinfang.supervision.Flags;
import org.xinfang.supervision.IndicatorReport;
import org.xinfang.supervision.Indicators;
import org.xinfang.supervision.Interviews;
import org.xinfang.supervision.KeyMatters;
import org.xinfang.supervision.MeasureRefs;
import org.xinfang.supervision.ProblemLists;
import org.xinfang.supervision.SpecialAssignments;
import org.xinfang.supervision.SupervisionDashboard;

/**
 * The dashboard's sections, each from its own query; the rules are documented on {@link SupervisionDashboard}.
 *
 * <p>The deadline counts read only the matters whose nearest open deadline falls before the end of the
 * "due soon" window, by an index-only scan of {@code matter_open_scope_idx} (V23; or, for a small subtree,
 * through the GIN index of the data scope, V14), and count each such matter once for every unit of its scope
 * that is the chosen unit or one of its direct sub-units: one pass, no join with the unit tree.
 */
@Service
@Transactional(readOnly = true)
class JdbcSupervisionDashboard implements SupervisionDashboard {

	/** Who may open the dashboard: those who supervise or lead. */
	static final List<Role> READERS = List.of(Role.SUPERVISOR, Role.LEADER);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CurrentUser currentUser;

	private final Units units;

	private final Indicators indicators;

	private final KeyMatters keyMatters;

	private final int dueSoonDays;

	private final Flags flags;

	private final SpecialAssignments assignments;

	private final Interviews interviews;

	private final ProblemLists problemLists;

	JdbcSupervisionDashboard(JdbcClient jdbc, Clock clock, CurrentUser currentUser, Units units, Indicators indicators,
			KeyMatters keyMatters, DeadlineSettings settings, Flags flags, SpecialAssignments assignments,
			Interviews interviews, ProblemLists problemLists) {
		this.flags = flags;
		this.assignments = assignments;
		this.interviews = interviews;
		this.problemLists = problemLists;
		this.jdbc = jdbc;
		this.clock = clock;
		this.currentUser = currentUser;
		this.units = units;
		this.indicators = indicators;
		this.keyMatters = keyMatters;
		this.dueSoonDays = settings.dueSoonDays();
	}

	@Override
	public Dashboard compute(String unitCode) {
		StaffPrincipal user = currentUser.require();
		if (READERS.stream().noneMatch(user::has)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden",
					"The supervision dashboard is for supervisors and leaders.");
		}
		Unit unit = unitCode == null || unitCode.isBlank()
				? units.byId(user.unitId()).orElseThrow(() -> DomainException.notFound("Unit"))
				: units.byCode(unitCode.strip())
					.filter(u -> user.canSee(u.path()))
					.orElseThrow(() -> DomainException.notFound("Unit " + unitCode.strip()));
		LocalDate today = LocalDate.now(clock);
		List<UnitRef> trail = units.ancestry(unit.id())
			.stream()
			.filter(u -> user.canSee(u.path()))
			.map(JdbcSupervisionDashboard::ref)
			.toList();
		List<Unit> children = jdbc.sql("SELECT id FROM unit WHERE parent_id = :id ORDER BY path")
			.param("id", unit.id())
			.query(Long.class)
			.list()
			.stream()
			.map(id -> units.byId(id).orElseThrow())
			.toList();
		return new Dashboard(ref(unit), today, trail, children.stream().map(JdbcSupervisionDashboard::ref).toList(),
				deadlines(unit, children, today), keyMatters(unit), monthIndicators(unit, today), flags(unit),
				assignments(unit), interviews(unit, today));
	}

	private FlagSection flags(Unit unit) {
		List<MeasureRefs.UnitCount> byUnit = flags.openByUnit(unit.id());
		return new FlagSection(byUnit.stream().mapToLong(MeasureRefs.UnitCount::count).sum(),
				byUnit.stream().limit(FlagSection.LIMIT).toList());
	}

	private AssignmentSection assignments(Unit unit) {
		List<SpecialAssignments.Summary> open = assignments.assignedIn(unit.id(), null, null)
			.stream()
			.filter(a -> a.status() == SpecialAssignments.Status.OPEN)
			.sorted(Comparator.comparing(SpecialAssignments.Summary::nextDueOn,
					Comparator.nullsLast(Comparator.naturalOrder())))
			.toList();
		long stepsOverdue = assignments.overdueStepsByUnit(unit.id(), null, null)
			.stream()
			.mapToLong(MeasureRefs.UnitCount::count)
			.sum();
		return new AssignmentSection(open.size(), stepsOverdue, open.stream().limit(AssignmentSection.LIMIT).toList());
	}

	private InterviewSection interviews(Unit unit, LocalDate today) {
		LocalDate from = today.withDayOfMonth(1);
		return new InterviewSection(from, today, interviews.tally(unit.id(), from, today, today),
				problemLists.tally(unit.id(), from, today, today));
	}

	private Deadlines deadlines(Unit unit, List<Unit> children, LocalDate today) {
		LocalDate soon = today.plusDays(dueSoonDays);
		List<Long> ids = new ArrayList<>();
		ids.add(unit.id());
		children.forEach(c -> ids.add(c.id()));
		Map<Long, long[]> counts = new HashMap<>();
		// plan with the actual unit: a small subtree is best read through the scope's GIN index, the root through
		// the deadline window (V23); a generic plan of a reused prepared statement would pick one for all
		jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
		jdbc.sql("""
				SELECT s.id, count(*) FILTER (WHERE m.next_due_date < :today) AS overdue,
				       count(*) FILTER (WHERE m.next_due_date >= :today) AS due_soon
				FROM matter m
				CROSS JOIN LATERAL unnest(m.scope_unit_ids) AS s (id)
				WHERE m.scope_unit_ids @> ARRAY[CAST(:unit AS BIGINT)]
				  AND m.next_due_date <= :soon
				  AND s.id IN (:ids)
				GROUP BY s.id""")
			.param("today", today)
			.param("soon", soon)
			.param("unit", unit.id())
			.param("ids", ids)
			.query(rs -> {
				counts.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) });
			});
		UnitCount total = count(unit, counts);
		List<UnitCount> byUnit = children.stream()
			.map(c -> count(c, counts))
			.filter(c -> c.overdue() > 0 || c.dueSoon() > 0 || isActive(c, children))
			.sorted(Comparator.comparingLong(UnitCount::overdue)
				.reversed()
				.thenComparing(Comparator.comparingLong(UnitCount::dueSoon).reversed()))
			.toList();
		return new Deadlines(soon, total, byUnit);
	}

	/** Deactivated sub-units are listed only while matters of theirs are overdue or due soon. */
	private static boolean isActive(UnitCount count, List<Unit> children) {
		return children.stream().anyMatch(c -> c.code().equals(count.code()) && c.active());
	}

	private static UnitCount count(Unit unit, Map<Long, long[]> counts) {
		long[] c = counts.getOrDefault(unit.id(), new long[2]);
		return new UnitCount(unit.code(), unit.name(), c[0], c[1]);
	}

	private KeyMatterSection keyMatters(Unit unit) {
		List<KeyMatters.Summary> all = keyMatters.list(unit.code());
		int open = (int) all.stream().filter(k -> !"CLOSED".equals(k.status())).count();
		int missing = (int) all.stream().filter(k -> k.missingWeeks() > 0).count();
		// stable sort: within the same number of missing weeks, the list's order (most recently marked first)
		List<KeyMatters.Summary> items = all.stream()
			.sorted(Comparator.comparingInt(KeyMatters.Summary::missingWeeks).reversed())
			.limit(KeyMatterSection.LIMIT)
			.toList();
		return new KeyMatterSection(all.size(), open, missing, items);
	}

	private MonthIndicators monthIndicators(Unit unit, LocalDate today) {
		LocalDate from = today.withDayOfMonth(1);
		IndicatorReport report = indicators.compute(unit.code(), from, today, EnumSet.noneOf(Indicators.Breakdown.class));
		return new MonthIndicators(from, today, report.rates(), report.counts());
	}

	private static UnitRef ref(Unit unit) {
		return new UnitRef(unit.code(), unit.name());
	}
}
