package org.xinfang.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.organisation.Units.Staff;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.KeyMatters;
import org.xinfang.supervision.LeaderRank;
import org.xinfang.supervision.SupervisingLevel;
import org.xinfang.supervision.internal.MatterScope.MatterRef;

/** Key matters in four tables of migration V17; the rules are documented on {@link KeyMatters}. */
@Service
@Transactional
class JdbcKeyMatters implements KeyMatters {

	/** Who may mark a matter key: those who supervise or lead. */
	static final Set<Role> MARKERS = Set.of(Role.SUPERVISOR, Role.LEADER);

	static final int MAX_TEXT = 4000;

	static final int MAX_TEAM = 30;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CurrentUser currentUser;

	private final Units units;

	private final AuditLog audit;

	private final MatterScope matters;

	private final MessageSource messages;

	JdbcKeyMatters(JdbcClient jdbc, Clock clock, CurrentUser currentUser, Units units, AuditLog audit,
			MatterScope matters, MessageSource messages) {
		this.messages = messages;
		this.jdbc = jdbc;
		this.clock = clock;
		this.currentUser = currentUser;
		this.units = units;
		this.audit = audit;
		this.matters = matters;
	}

	@Override
	public KeyMatter mark(long matterId, Marking marking) {
		StaffPrincipal user = currentUser.require();
		if (MARKERS.stream().noneMatch(user::has)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", "Key matters are marked by supervisors and leaders.");
		}
		MatterRef matter = visible(matterId, user);
		List<FieldProblem> errors = new ArrayList<>();
		SupervisingLevel level = parse(SupervisingLevel.class, marking.supervisingLevel(), "supervisingLevel", errors);
		LeaderRank rank = marking.leaderRank() == null || marking.leaderRank().isBlank() ? null
				: parse(LeaderRank.class, marking.leaderRank(), "leaderRank", errors);
		Staff leader = null;
		if (marking.leaderUsername() == null || marking.leaderUsername().isBlank()) {
			errors.add(problem("leaderUsername", "keymatter.invalid.required"));
		}
		else {
			leader = units.staff(marking.leaderUsername())
				.filter(s -> s.enabled() && s.has(Role.LEADER) && matter.visibleTo(s.unit().path()))
				.orElse(null);
			if (leader == null) {
				errors.add(problem("leaderUsername", "keymatter.invalid.leader"));
			}
		}
		Set<String> team = new LinkedHashSet<>();
		List<String> requested = marking.team() == null ? List.of() : marking.team();
		if (requested.size() > MAX_TEAM) {
			errors.add(problem("team", "keymatter.invalid.teamSize", String.valueOf(MAX_TEAM)));
		}
		else {
			for (String name : requested) {
				Optional<Staff> member = units.staff(name).filter(s -> s.enabled() && matter.visibleTo(s.unit().path()));
				if (member.isEmpty()) {
					errors.add(problem("team", "keymatter.invalid.teamMember", name));
				}
				else if (leader == null || !member.get().username().equals(leader.username())) {
					team.add(member.get().username());
				}
			}
		}
		String plan = marking.plan() == null ? "" : marking.plan().strip();
		if (plan.isEmpty() || plan.length() > MAX_TEXT) {
			errors.add(problem("plan", "keymatter.invalid.text", String.valueOf(MAX_TEXT)));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		LeaderRank suggested = LeaderRank.suggestedFor(level);
		LeaderRank chosen = rank == null ? suggested : rank;
		OffsetDateTime now = OffsetDateTime.now(clock);
		boolean created = !isKey(matterId);
		jdbc.sql("""
				INSERT INTO key_matter (matter_id, supervising_level, leader_username, leader_rank, plan, marked_on,
				                        marked_by, marked_at, updated_by, updated_at)
				VALUES (:id, :level, :leader, :rank, :plan, :today, :user, :now, :user, :now)
				ON CONFLICT (matter_id) DO UPDATE SET supervising_level = :level, leader_username = :leader,
				    leader_rank = :rank, plan = :plan, updated_by = :user, updated_at = :now,
				    version = key_matter.version + 1,
				    marked_on = CASE WHEN key_matter.unmarked_at IS NULL THEN key_matter.marked_on ELSE :today END,
				    marked_by = CASE WHEN key_matter.unmarked_at IS NULL THEN key_matter.marked_by ELSE :user END,
				    marked_at = CASE WHEN key_matter.unmarked_at IS NULL THEN key_matter.marked_at ELSE :now END,
				    unmarked_at = NULL, unmarked_by = NULL, unmark_reason = NULL""")
			.param("id", matterId)
			.param("level", level.name())
			.param("leader", leader.username())
			.param("rank", chosen.name())
			.param("plan", plan)
			.param("today", LocalDate.now(clock))
			.param("user", user.username())
			.param("now", now)
			.update();
		jdbc.sql("DELETE FROM key_matter_member WHERE matter_id = :id").param("id", matterId).update();
		for (String member : team) {
			jdbc.sql("INSERT INTO key_matter_member (matter_id, username) VALUES (:id, :u)")
				.param("id", matterId)
				.param("u", member)
				.update();
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("supervisingLevel", level.name());
		details.put("leader", leader.username());
		details.put("leaderRank", chosen.name());
		details.put("suggestedLeaderRank", suggested.name());
		details.put("team", List.copyOf(team));
		audit.record(created ? "KEY_MATTER_MARKED" : "KEY_MATTER_UPDATED", "matter", matterId, details);
		return load(matter);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<KeyMatter> find(long matterId) {
		MatterRef matter = visible(matterId, currentUser.require());
		return isKey(matterId) ? Optional.of(load(matter)) : Optional.empty();
	}

	@Override
	public void unmark(long matterId, String reason) {
		StaffPrincipal user = currentUser.require();
		if (MARKERS.stream().noneMatch(user::has)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", "Key matters are unmarked by supervisors and leaders.");
		}
		visible(matterId, user);
		String text = reason == null ? "" : reason.strip();
		if (text.isEmpty() || text.length() > 1000) {
			throw new InvalidInput(List.of(problem("reason", "keymatter.invalid.text", "1000")));
		}
		int n = jdbc.sql("""
				UPDATE key_matter SET unmarked_at = :now, unmarked_by = :user, unmark_reason = :reason,
				       updated_by = :user, updated_at = :now, version = version + 1
				WHERE matter_id = :id AND unmarked_at IS NULL""")
			.param("now", OffsetDateTime.now(clock))
			.param("user", user.username())
			.param("reason", text)
			.param("id", matterId)
			.update();
		if (n == 0) {
			throw DomainException.notFound("Key matter");
		}
		audit.record("KEY_MATTER_UNMARKED", "matter", matterId, Map.of("reason", text));
	}

	private boolean isKey(long matterId) {
		return jdbc.sql("SELECT count(*) > 0 FROM key_matter WHERE matter_id = :id AND unmarked_at IS NULL")
			.param("id", matterId)
			.query(Boolean.class)
			.single();
	}

	@Override
	public KeyMatter report(long matterId, String report) {
		StaffPrincipal user = currentUser.require();
		MatterRef matter = visible(matterId, user);
		if (!isKey(matterId)) {
			throw DomainException.notFound("Key matter");
		}
		KeyMatter key = load(matter);
		if (!user.username().equals(key.leader().username())
				&& key.team().stream().noneMatch(p -> p.username().equals(user.username()))) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden",
					"Progress reports are filed by the owning leader or the task team.");
		}
		if (matter.closed()) {
			throw DomainException.conflict("key-matter-closed", "The matter is closed: no more reports are due.");
		}
		String text = report == null ? "" : report.strip();
		if (text.isEmpty() || text.length() > MAX_TEXT) {
			throw new InvalidInput(List.of(problem("report", "keymatter.invalid.text", String.valueOf(MAX_TEXT))));
		}
		LocalDate week = KeyMatterWeeks.weekOf(LocalDate.now(clock));
		boolean replaced = !jdbc.sql("""
				INSERT INTO key_matter_report (matter_id, week_start, report, filed_by, filed_at)
				VALUES (:id, :week, :report, :user, :now)
				ON CONFLICT (matter_id, week_start) DO UPDATE SET report = :report, filed_by = :user, filed_at = :now
				RETURNING xmax = 0""")
			.param("id", matterId)
			.param("week", week)
			.param("report", text)
			.param("user", user.username())
			.param("now", OffsetDateTime.now(clock))
			.query(Boolean.class)
			.single();
		audit.record("KEY_MATTER_REPORT_FILED", "matter", matterId,
				Map.of("weekStart", week.toString(), "replaced", replaced));
		return load(matter);
	}

	@Override
	@Transactional(readOnly = true)
	public List<Summary> list(String unitCode) {
		StaffPrincipal user = currentUser.require();
		String path;
		if (unitCode == null || unitCode.isBlank()) {
			path = user.unitPath();
		}
		else {
			path = units.byCode(unitCode.strip())
				.filter(u -> user.canSee(u.path()))
				.map(Unit::path)
				.orElseThrow(() -> DomainException.notFound("Unit " + unitCode));
		}
		LocalDate today = LocalDate.now(clock);
		return jdbc.sql("""
				SELECT k.matter_id, m.tracking_code, m.status, k.supervising_level, k.leader_rank, k.leader_username,
				       k.marked_on,
				       (SELECT max(r.filed_at) FROM key_matter_report r WHERE r.matter_id = k.matter_id) AS last_report,
				       ARRAY(SELECT r.week_start::text FROM key_matter_report r WHERE r.matter_id = k.matter_id) AS reported,
				       ARRAY(SELECT x.week_start::text FROM key_matter_reminder x WHERE x.matter_id = k.matter_id) AS reminded
				FROM key_matter k
				JOIN matter m ON m.id = k.matter_id AND k.unmarked_at IS NULL
				LEFT JOIN unit ru ON ru.id = m.receiving_unit_id
				LEFT JOIN unit cu ON cu.id = m.concerned_unit_id
				LEFT JOIN unit hu ON hu.id = m.handling_unit_id
				WHERE ru.path LIKE :path || '%' OR cu.path LIKE :path || '%' OR hu.path LIKE :path || '%'
				ORDER BY k.marked_at DESC, k.matter_id DESC""")
			.param("path", path)
			.query((rs, n) -> {
				String status = rs.getString("status");
				LocalDate markedOn = rs.getObject("marked_on", LocalDate.class);
				Set<LocalDate> reported = dates((String[]) rs.getArray("reported").getArray());
				int missing = "CLOSED".equals(status)
						? (int) dates((String[]) rs.getArray("reminded").getArray()).stream().filter(w -> !reported.contains(w)).count()
						: KeyMatterWeeks.missing(markedOn, today, reported).size();
				OffsetDateTime last = rs.getObject("last_report", OffsetDateTime.class);
				return new Summary(rs.getLong("matter_id"), rs.getString("tracking_code"), status,
						SupervisingLevel.valueOf(rs.getString("supervising_level")),
						LeaderRank.valueOf(rs.getString("leader_rank")), person(rs.getString("leader_username")),
						markedOn, last == null ? null : last.atZoneSameInstant(clock.getZone()).toLocalDate(), missing);
			})
			.list();
	}

	private MatterRef visible(long matterId, StaffPrincipal user) {
		return matters.find(matterId)
			.filter(m -> m.visibleTo(user.unitPath()))
			.orElseThrow(() -> DomainException.notFound("Matter"));
	}

	private KeyMatter load(MatterRef matter) {
		long id = matter.id();
		record Row(String level, String leader, String rank, String plan, LocalDate markedOn, String markedBy,
				OffsetDateTime updatedAt) {
		}
		Row row = jdbc.sql("""
				SELECT supervising_level, leader_username, leader_rank, plan, marked_on, marked_by, updated_at
				FROM key_matter WHERE matter_id = :id""")
			.param("id", id)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, LocalDate.class), rs.getString(6), rs.getObject(7, OffsetDateTime.class)))
			.optional()
			.orElseThrow(() -> DomainException.notFound("Key matter"));
		List<Person> team = jdbc.sql("SELECT username FROM key_matter_member WHERE matter_id = :id ORDER BY username")
			.param("id", id)
			.query(String.class)
			.list()
			.stream()
			.map(this::person)
			.toList();
		List<Report> reports = jdbc.sql("""
				SELECT week_start, report, filed_by, filed_at FROM key_matter_report
				WHERE matter_id = :id ORDER BY week_start DESC""")
			.param("id", id)
			.query((rs, n) -> new Report(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class)))
			.list();
		List<LocalDate> reminded = jdbc.sql("""
				SELECT week_start FROM key_matter_reminder WHERE matter_id = :id ORDER BY week_start""")
			.param("id", id)
			.query(LocalDate.class)
			.list();
		Set<LocalDate> reported = new HashSet<>(reports.stream().map(Report::weekStart).toList());
		LocalDate today = LocalDate.now(clock);
		LocalDate currentWeek = KeyMatterWeeks.weekOf(today);
		List<LocalDate> missing = matter.closed()
				? reminded.stream().filter(w -> !reported.contains(w)).toList()
				: KeyMatterWeeks.missing(row.markedOn(), today, reported);
		SupervisingLevel level = SupervisingLevel.valueOf(row.level());
		return new KeyMatter(id, matter.trackingCode(), matter.status(), level, LeaderRank.suggestedFor(level),
				LeaderRank.valueOf(row.rank()), person(row.leader()), team, row.plan(), row.markedOn(),
				row.markedBy(), row.updatedAt(), currentWeek, !matter.closed() && !reported.contains(currentWeek),
				reports, missing, reminded);
	}

	private Person person(String username) {
		return new Person(username, units.staff(username).map(Staff::displayName).orElse(username));
	}

	private static Set<LocalDate> dates(String[] values) {
		Set<LocalDate> set = new HashSet<>();
		Arrays.stream(values).map(LocalDate::parse).forEach(set::add);
		return set;
	}

	/** An enum field; the message of an unknown or missing value is {@code keymatter.invalid.<field>}. */
	private <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldProblem> errors) {
		if (value == null || value.isBlank()) {
			errors.add(problem(field, "keymatter.invalid." + field));
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add(problem(field, "keymatter.invalid." + field));
			return null;
		}
	}

	/** A field problem with its message in the request's language (zh-CN by default). */
	private FieldProblem problem(String field, String code, Object... args) {
		return new FieldProblem(field, messages.getMessage(code, args, code, LocaleContextHolder.getLocale()));
	}
}
