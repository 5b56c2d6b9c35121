package org.xinfang.supervision.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
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
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.Bulletins;
import org.xinfang.supervision.IndicatorReport;
import org.xinfang.supervision.IndicatorReport.Rates;
import org.xinfang.supervision.IndicatorReport.Slice;
import org.xinfang.supervision.IndicatorReport.UnitRef;
import org.xinfang.supervision.Indicators;
import org.xinfang.supervision.MeasureProposalConfirmed;
import org.xinfang.supervision.MeasureProposalConfirmed.Measure;

/** Bulletins in three tables of migration V22; the rules are documented on {@link Bulletins}. */
@Service
@Transactional
class JdbcBulletins implements Bulletins {

	/** Who may read bulletins: as for the indicators they are built on. */
	static final Set<Role> READERS = JdbcIndicators.READERS;

	/** Who writes, publishes and decides on proposals. */
	static final Role WRITER = Role.SUPERVISOR;

	static final int MAX_FOREWORD = 4000;

	static final int MAX_BODY = 20000;

	static final int MAX_NAMED = 50;

	private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");

	private static final Locale DOCUMENT_LOCALE = Locale.SIMPLIFIED_CHINESE;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CurrentUser currentUser;

	private final Units units;

	private final Indicators indicators;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final BulletinPdf pdf;

	private final BulletinExcel excel;

	JdbcBulletins(JdbcClient jdbc, Clock clock, CurrentUser currentUser, Units units, Indicators indicators,
			AuditLog audit, ApplicationEventPublisher events, MessageSource messages, BulletinPdf pdf,
			BulletinExcel excel) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.currentUser = currentUser;
		this.units = units;
		this.indicators = indicators;
		this.audit = audit;
		this.events = events;
		this.messages = messages;
		this.pdf = pdf;
		this.excel = excel;
	}

	// ------------------------------------------------------------------ writing

	@Override
	public Bulletin generate(String unitCode, Kind kind, String period) {
		StaffPrincipal user = writer();
		List<FieldProblem> errors = new ArrayList<>();
		if (kind == null || !kind.regular()) {
			errors.add(new FieldProblem("kind", "must be MONTHLY, HALF_YEARLY or YEARLY"));
		}
		LocalDate[] range = kind == null || !kind.regular() ? null : period(kind, period);
		if (kind != null && kind.regular() && range == null) {
			errors.add(new FieldProblem("period", switch (kind) {
				case MONTHLY -> "must be a month, e.g. 2026-03";
				case HALF_YEARLY -> "must be a half-year, e.g. 2026-H1";
				default -> "must be a year, e.g. 2026";
			}));
		}
		if (range != null && !range[1].isBefore(LocalDate.now(clock))) {
			errors.add(new FieldProblem("period", "has not ended yet"));
		}
		Unit unit = unitCode == null || unitCode.isBlank() ? null : scoped(unitCode, user);
		if (unit == null) {
			errors.add(new FieldProblem("unitCode", "is required"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		boolean exists = jdbc.sql("""
				SELECT count(*) > 0 FROM bulletin WHERE issuing_unit_id = :u AND kind = :k AND period_from = :f""")
			.param("u", unit.id())
			.param("k", kind.name())
			.param("f", range[0])
			.query(Boolean.class)
			.single();
		if (exists) {
			throw DomainException.conflict("bulletin-exists", "A " + kind + " bulletin of this unit for " + period
					+ " exists already.");
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		long id = jdbc.sql("""
				INSERT INTO bulletin (kind, issuing_unit_id, period_from, period_to, title, status, created_by,
				                      created_at, updated_by, updated_at)
				VALUES (:kind, :unit, :from, :to, :title, 'DRAFT', :user, :now, :user, :now)
				RETURNING id""")
			.param("kind", kind.name())
			.param("unit", unit.id())
			.param("from", range[0])
			.param("to", range[1])
			.param("title", defaultTitle(unit, kind, range[0]))
			.param("user", user.username())
			.param("now", now)
			.query(Long.class)
			.single();
		int ranked = fillFigures(id, unit, range[0], range[1]);
		audit.record("BULLETIN_GENERATED", "bulletin", id,
				Map.of("kind", kind.name(), "unit", unit.code(), "from", range[0].toString(), "to",
						range[1].toString(), "units", ranked));
		return load(id);
	}

	@Override
	public Bulletin writeSpecial(String unitCode, Text text) {
		StaffPrincipal user = writer();
		List<FieldProblem> errors = new ArrayList<>();
		Unit unit = unitCode == null || unitCode.isBlank() ? null : scoped(unitCode, user);
		if (unit == null) {
			errors.add(new FieldProblem("unitCode", "is required"));
		}
		Text t = text == null ? new Text(null, null, null, null) : text;
		String title = required(t.title(), "title", 200, errors);
		String body = required(t.body(), "body", MAX_BODY, errors);
		String foreword = optional(t.foreword(), "foreword", MAX_FOREWORD, errors);
		List<NamedUnit> named = unit == null ? List.of() : named(unit, t.namedUnits(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		long id = jdbc.sql("""
				INSERT INTO bulletin (kind, issuing_unit_id, title, foreword, body, status, created_by, created_at,
				                      updated_by, updated_at)
				VALUES ('SPECIAL', :unit, :title, :foreword, :body, 'DRAFT', :user, :now, :user, :now)
				RETURNING id""")
			.param("unit", unit.id())
			.param("title", title)
			.param("foreword", foreword == null ? "" : foreword)
			.param("body", body)
			.param("user", user.username())
			.param("now", now)
			.query(Long.class)
			.single();
		saveNamed(id, named);
		audit.record("BULLETIN_WRITTEN", "bulletin", id,
				Map.of("kind", "SPECIAL", "unit", unit.code(), "named", named.stream().map(n -> n.unit().code()).toList()));
		return load(id);
	}

	@Override
	public Bulletin edit(long id, Text text) {
		StaffPrincipal user = writer();
		Head head = lockDraft(id, user);
		Text t = text == null ? new Text(null, null, null, null) : text;
		List<FieldProblem> errors = new ArrayList<>();
		String title = t.title() == null ? null : required(t.title(), "title", 200, errors);
		String foreword = optional(t.foreword(), "foreword", MAX_FOREWORD, errors);
		String body = null;
		List<NamedUnit> named = null;
		if (head.kind() == Kind.SPECIAL) {
			body = t.body() == null ? null : required(t.body(), "body", MAX_BODY, errors);
			named = t.namedUnits() == null ? null : named(head.unit(), t.namedUnits(), errors);
		}
		else if (t.body() != null && !t.body().isBlank() || t.namedUnits() != null && !t.namedUnits().isEmpty()) {
			errors.add(new FieldProblem("body", "a regular bulletin is generated from the indicators: only its title and foreword are written"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		jdbc.sql("""
				UPDATE bulletin SET title = coalesce(:title, title), foreword = coalesce(:foreword, foreword),
				       body = coalesce(:body, body), updated_by = :user, updated_at = :now, version = version + 1
				WHERE id = :id""")
			.param("title", title, java.sql.Types.VARCHAR)
			.param("foreword", foreword, java.sql.Types.VARCHAR)
			.param("body", body, java.sql.Types.VARCHAR)
			.param("user", user.username())
			.param("now", OffsetDateTime.now(clock))
			.param("id", id)
			.update();
		if (named != null) {
			jdbc.sql("DELETE FROM bulletin_entry WHERE bulletin_id = :id").param("id", id).update();
			saveNamed(id, named);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("title", title != null);
		details.put("foreword", foreword != null);
		if (named != null) {
			details.put("named", named.stream().map(n -> n.unit().code()).toList());
		}
		audit.record("BULLETIN_EDITED", "bulletin", id, details);
		return load(id);
	}

	@Override
	public Bulletin regenerate(long id) {
		StaffPrincipal user = writer();
		Head head = lockDraft(id, user);
		if (head.kind() == Kind.SPECIAL) {
			throw DomainException.conflict("bulletin-special", "A special bulletin has no figures to regenerate.");
		}
		jdbc.sql("DELETE FROM bulletin_entry WHERE bulletin_id = :id").param("id", id).update();
		int ranked = fillFigures(id, head.unit(), head.from(), head.to());
		jdbc.sql("UPDATE bulletin SET updated_by = :user, updated_at = :now, version = version + 1 WHERE id = :id")
			.param("user", user.username())
			.param("now", OffsetDateTime.now(clock))
			.param("id", id)
			.update();
		audit.record("BULLETIN_REGENERATED", "bulletin", id, Map.of("units", ranked));
		return load(id);
	}

	@Override
	public Bulletin publish(long id) {
		StaffPrincipal user = writer();
		Head head = lockDraft(id, user);
		// one publication at a time per issuing unit, so two bulletins of a series always see each other
		jdbc.sql("SELECT pg_advisory_xact_lock(7222, :u)").param("u", (int) head.unit().id()).query((rs, n) -> 1).list();
		long entries = jdbc.sql("SELECT count(*) FROM bulletin_entry WHERE bulletin_id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		if (head.kind() == Kind.SPECIAL && entries == 0) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", "namedUnits",
					"a special bulletin names at least one unit before it is published");
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("""
				UPDATE bulletin SET status = 'PUBLISHED', published_by = :user, published_at = :now,
				       updated_by = :user, updated_at = :now, version = version + 1
				WHERE id = :id""")
			.param("user", user.username())
			.param("now", now)
			.param("id", id)
			.update();
		Long previous;
		Long next = null;
		if (head.kind() == Kind.SPECIAL) {
			previous = jdbc.sql("""
					SELECT id FROM bulletin
					WHERE issuing_unit_id = :u AND kind = 'SPECIAL' AND status = 'PUBLISHED' AND id <> :id
					ORDER BY published_at DESC, id DESC LIMIT 1""")
				.param("u", head.unit().id())
				.param("id", id)
				.query(Long.class)
				.optional()
				.orElse(null);
		}
		else {
			previous = series(head, "period_to = :day", head.from().minusDays(1));
			next = series(head, "period_from = :day", head.to().plusDays(1));
		}
		if (previous != null) {
			jdbc.sql("UPDATE bulletin SET previous_id = :p WHERE id = :id").param("p", previous).param("id", id).update();
		}
		if (next != null) {
			jdbc.sql("UPDATE bulletin SET previous_id = :id WHERE id = :n AND previous_id IS NULL")
				.param("id", id)
				.param("n", next)
				.update();
		}
		Rule rule = head.kind() == Kind.SPECIAL ? Rule.NAMED_TWICE : Rule.BOTTOM_THREE_TWICE;
		List<Long> raised = new ArrayList<>();
		if (previous != null) {
			raised.addAll(fire(rule, previous, id));
		}
		if (next != null) {
			raised.addAll(fire(rule, id, next));
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("previous", previous == null ? "" : previous.toString());
		details.put("next", next == null ? "" : next.toString());
		details.put("proposals", raised);
		audit.record("BULLETIN_PUBLISHED", "bulletin", id, details);
		return load(id);
	}

	private Long series(Head head, String condition, LocalDate day) {
		return jdbc.sql("SELECT id FROM bulletin WHERE issuing_unit_id = :u AND kind = :k AND status = 'PUBLISHED' AND "
				+ condition)
			.param("u", head.unit().id())
			.param("k", head.kind().name())
			.param("day", day)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/** Units lagging in both bulletins (bottom three, or named) get one proposal of the rule; returns the new ids. */
	private List<Long> fire(Rule rule, long earlier, long later) {
		String match = rule == Rule.BOTTOM_THREE_TWICE ? "a.bottom_three AND b.bottom_three" : "TRUE";
		List<Long> ids = jdbc.sql("""
				INSERT INTO bulletin_proposal (unit_id, rule, proposed, earlier_bulletin_id, later_bulletin_id,
				                               status, created_at)
				SELECT a.unit_id, :rule, 'REMINDER_OR_INTERVIEW', :earlier, :later, 'PROPOSED', :now
				FROM bulletin_entry a JOIN bulletin_entry b ON b.unit_id = a.unit_id AND b.bulletin_id = :later
				WHERE a.bulletin_id = :earlier AND {match}
				ORDER BY a.unit_id
				ON CONFLICT (rule, unit_id, later_bulletin_id) DO NOTHING
				RETURNING id""".replace("{match}", match))
			.param("rule", rule.name())
			.param("earlier", earlier)
			.param("later", later)
			.param("now", OffsetDateTime.now(clock))
			.query(Long.class)
			.list();
		for (Long p : ids) {
			auditRaised(p);
		}
		return ids;
	}

	private void auditRaised(long proposalId) {
		Proposal p = proposal(proposalId);
		audit.record("BULLETIN_PROPOSAL_RAISED", "bulletin_proposal", proposalId,
				Map.of("unit", p.unit().code(), "rule", p.rule().name(), "proposed", p.proposed().name(), "earlier",
						p.earlier().id(), "later", p.later().id()));
	}

	@Override
	public Proposal confirm(long proposalId, Measure measure) {
		StaffPrincipal user = writer();
		Proposal p = lockProposal(proposalId, user);
		boolean fits = measure != null && (p.proposed() == Proposed.FLAG ? measure == Measure.FLAG
				: measure == Measure.REMINDER || measure == Measure.INTERVIEW);
		if (!fits) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", "measure",
					p.proposed() == Proposed.FLAG ? "must be FLAG" : "must be REMINDER or INTERVIEW");
		}
		jdbc.sql("""
				UPDATE bulletin_proposal SET status = 'CONFIRMED', measure = :m, decided_by = :user, decided_at = :now,
				       version = version + 1
				WHERE id = :id""")
			.param("m", measure.name())
			.param("user", user.username())
			.param("now", OffsetDateTime.now(clock))
			.param("id", proposalId)
			.update();
		audit.record("BULLETIN_PROPOSAL_CONFIRMED", "bulletin_proposal", proposalId,
				Map.of("unit", p.unit().code(), "rule", p.rule().name(), "measure", measure.name()));
		long unitId = units.byCode(p.unit().code()).orElseThrow().id();
		events.publishEvent(new MeasureProposalConfirmed(proposalId, unitId, p.unit().code(), measure, p.reason(),
				user.username()));
		if (measure == Measure.REMINDER) {
			remindedTwice(unitId, p.later().id());
		}
		return proposal(proposalId);
	}

	/**
	 * REMINDED_TWICE: a reminder confirmed from a bulletin, and another for the same unit from the bulletin just
	 * before or just after it in the series, propose a flag on the pair.
	 */
	private void remindedTwice(long unitId, long bulletinId) {
		List<long[]> pairs = jdbc.sql("""
				SELECT b.previous_id AS earlier, b.id AS later FROM bulletin b
				WHERE b.id = :b AND b.previous_id IS NOT NULL
				  AND EXISTS (SELECT 1 FROM bulletin_proposal p WHERE p.unit_id = :u AND p.status = 'CONFIRMED'
				              AND p.measure = 'REMINDER' AND p.later_bulletin_id = b.previous_id)
				UNION
				SELECT :b, n.id FROM bulletin n
				WHERE n.previous_id = :b
				  AND EXISTS (SELECT 1 FROM bulletin_proposal p WHERE p.unit_id = :u AND p.status = 'CONFIRMED'
				              AND p.measure = 'REMINDER' AND p.later_bulletin_id = n.id)""")
			.param("b", bulletinId)
			.param("u", unitId)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		for (long[] pair : pairs) {
			jdbc.sql("""
					INSERT INTO bulletin_proposal (unit_id, rule, proposed, earlier_bulletin_id, later_bulletin_id,
					                               status, created_at)
					VALUES (:u, 'REMINDED_TWICE', 'FLAG', :earlier, :later, 'PROPOSED', :now)
					ON CONFLICT (rule, unit_id, later_bulletin_id) DO NOTHING
					RETURNING id""")
				.param("u", unitId)
				.param("earlier", pair[0])
				.param("later", pair[1])
				.param("now", OffsetDateTime.now(clock))
				.query(Long.class)
				.optional()
				.ifPresent(this::auditRaised);
		}
	}

	@Override
	public Proposal dismiss(long proposalId, String reason) {
		StaffPrincipal user = writer();
		Proposal p = lockProposal(proposalId, user);
		String text = reason == null ? "" : reason.strip();
		if (text.isEmpty() || text.length() > 1000) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", "reason", "is required, at most 1000 characters");
		}
		jdbc.sql("""
				UPDATE bulletin_proposal SET status = 'DISMISSED', dismiss_reason = :r, decided_by = :user,
				       decided_at = :now, version = version + 1
				WHERE id = :id""")
			.param("r", text)
			.param("user", user.username())
			.param("now", OffsetDateTime.now(clock))
			.param("id", proposalId)
			.update();
		audit.record("BULLETIN_PROPOSAL_DISMISSED", "bulletin_proposal", proposalId,
				Map.of("unit", p.unit().code(), "rule", p.rule().name(), "reason", text));
		return proposal(proposalId);
	}

	// ------------------------------------------------------------------ reading

	@Override
	@Transactional(readOnly = true)
	public Bulletin find(long id) {
		StaffPrincipal user = reader();
		Bulletin b = load(id);
		visible(b.issuingUnit().code(), user);
		return b;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Summary> list(String unitCode) {
		StaffPrincipal user = reader();
		String path = unitCode == null || unitCode.isBlank() ? user.unitPath() : scoped(unitCode, user).path();
		return jdbc.sql("""
				SELECT b.id, b.kind, b.status, u.code, u.name, b.period_from, b.period_to, b.title, b.published_at,
				       (SELECT count(*) FROM bulletin_entry e WHERE e.bulletin_id = b.id AND cardinality(e.lagging) > 0)
				           AS lagging
				FROM bulletin b JOIN unit u ON u.id = b.issuing_unit_id
				WHERE u.path LIKE :path || '%'
				ORDER BY coalesce(b.period_to, b.created_at::date) DESC, b.id DESC""")
			.param("path", path)
			.query((rs, n) -> new Summary(rs.getLong("id"), Kind.valueOf(rs.getString("kind")),
					Status.valueOf(rs.getString("status")), new UnitRef(rs.getString("code"), rs.getString("name")),
					rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
					rs.getString("title"), rs.getObject("published_at", OffsetDateTime.class), rs.getInt("lagging")))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public byte[] pdf(long id) {
		return pdf.render(find(id));
	}

	@Override
	@Transactional(readOnly = true)
	public byte[] excel(long id) {
		return excel.render(find(id));
	}

	@Override
	@Transactional(readOnly = true)
	public List<Proposal> proposals(String unitCode, ProposalStatus status) {
		StaffPrincipal user = reader();
		String path = unitCode == null || unitCode.isBlank() ? user.unitPath() : scoped(unitCode, user).path();
		return jdbc.sql(PROPOSAL_SQL + """
				WHERE iu.path LIKE :path || '%' AND (CAST(:status AS TEXT) IS NULL OR p.status = :status)
				ORDER BY p.created_at DESC, p.id DESC""")
			.param("path", path)
			.param("status", status == null ? null : status.name(), java.sql.Types.VARCHAR)
			.query(this::proposalRow)
			.list();
	}

	// ------------------------------------------------------------------ internals

	private static final String PROPOSAL_SQL = """
			SELECT p.id, pu.code AS unit_code, pu.name AS unit_name, p.rule, p.proposed, p.status, p.measure,
			       p.decided_by, p.decided_at, p.dismiss_reason, p.created_at,
			       e.id AS e_id, e.title AS e_title, l.id AS l_id, l.title AS l_title, iu.path AS issuer_path
			FROM bulletin_proposal p
			JOIN unit pu ON pu.id = p.unit_id
			JOIN bulletin e ON e.id = p.earlier_bulletin_id
			JOIN bulletin l ON l.id = p.later_bulletin_id
			JOIN unit iu ON iu.id = l.issuing_unit_id
			""";

	private Proposal proposalRow(ResultSet rs, int n) throws SQLException {
		Rule rule = Rule.valueOf(rs.getString("rule"));
		UnitRef unit = new UnitRef(rs.getString("unit_code"), rs.getString("unit_name"));
		BulletinRef earlier = new BulletinRef(rs.getLong("e_id"), rs.getString("e_title"));
		BulletinRef later = new BulletinRef(rs.getLong("l_id"), rs.getString("l_title"));
		String measure = rs.getString("measure");
		String reason = messages.getMessage("bulletin.rule.reason." + rule.name(),
				new Object[] { unit.name(), earlier.title(), later.title() }, DOCUMENT_LOCALE);
		return new Proposal(rs.getLong("id"), unit, rule, Proposed.valueOf(rs.getString("proposed")), earlier, later,
				ProposalStatus.valueOf(rs.getString("status")), measure == null ? null : Measure.valueOf(measure),
				rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class),
				rs.getString("dismiss_reason"), rs.getObject("created_at", OffsetDateTime.class), reason);
	}

	private Proposal proposal(long id) {
		return jdbc.sql(PROPOSAL_SQL + " WHERE p.id = :id")
			.param("id", id)
			.query(this::proposalRow)
			.optional()
			.orElseThrow(() -> DomainException.notFound("Proposal"));
	}

	/** Locks a proposal still open whose bulletin the supervisor's subtree issued. */
	private Proposal lockProposal(long id, StaffPrincipal user) {
		String issuer = jdbc.sql("""
				SELECT iu.path FROM bulletin_proposal p JOIN bulletin l ON l.id = p.later_bulletin_id
				JOIN unit iu ON iu.id = l.issuing_unit_id WHERE p.id = :id FOR UPDATE OF p""")
			.param("id", id)
			.query(String.class)
			.optional()
			.filter(user::canSee)
			.orElseThrow(() -> DomainException.notFound("Proposal"));
		Proposal p = proposal(id);
		if (p.status() != ProposalStatus.PROPOSED) {
			throw DomainException.conflict("proposal-decided", "The proposal was " + p.status().name().toLowerCase(Locale.ROOT)
					+ " already.");
		}
		return p;
	}

	private record Head(long id, Kind kind, Status status, Unit unit, LocalDate from, LocalDate to) {
	}

	/** Locks a draft of the supervisor's subtree; 409 once published. */
	private Head lockDraft(long id, StaffPrincipal user) {
		Head head = jdbc.sql("""
				SELECT id, kind, status, issuing_unit_id, period_from, period_to FROM bulletin WHERE id = :id FOR UPDATE""")
			.param("id", id)
			.query((rs, n) -> new Head(rs.getLong(1), Kind.valueOf(rs.getString(2)), Status.valueOf(rs.getString(3)),
					units.byId(rs.getLong(4)).orElseThrow(), rs.getObject(5, LocalDate.class),
					rs.getObject(6, LocalDate.class)))
			.optional()
			.filter(h -> user.canSee(h.unit().path()))
			.orElseThrow(() -> DomainException.notFound("Bulletin"));
		if (head.status() != Status.DRAFT) {
			throw DomainException.conflict("bulletin-published", "The bulletin is published: its content is frozen.");
		}
		return head;
	}

	/** Ranks the child units on the indicators and stores them; returns how many units were listed. */
	private int fillFigures(long id, Unit unit, LocalDate from, LocalDate to) {
		IndicatorReport report = indicators.compute(unit.code(), from, to, EnumSet.of(Indicators.Breakdown.UNIT));
		Map<String, Unit> children = new HashMap<>();
		units.subtree(unit.id())
			.stream()
			.filter(u -> u.active() && u.parentId() != null && u.parentId() == unit.id())
			.forEach(u -> children.put(u.code(), u));
		Map<String, Slice> slices = new HashMap<>();
		List<BulletinRanking.Figures> figures = new ArrayList<>();
		for (Slice s : report.byUnit()) {
			Unit child = children.get(s.key());
			if (child != null) {
				slices.put(s.key(), s);
				figures.add(new BulletinRanking.Figures(child.id(), child.code(), s.rates()));
			}
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (BulletinRanking.Ranked r : BulletinRanking.rank(figures)) {
			Slice s = slices.get(r.figures().code());
			Rates rates = s.rates();
			jdbc.sql("""
					INSERT INTO bulletin_entry (bulletin_id, unit_id, position, rank, score, timely_acceptance_rate,
					    on_time_completion_rate, participation_rate, satisfaction_rate, repeat_rate,
					    resolved_without_repeat_rate, resolved_at_unit_level_rate, online_share, received,
					    completion_due, open_overdue, bottom_three, lagging)
					VALUES (:b, :u, :position, :rank, :score, :r1, :r2, :r3, :r4, :r5, :r6, :r7, :r8, :received,
					        :due, :overdue, :bottom, string_to_array(:lagging, ','))""")
				.param("b", id)
				.param("u", r.figures().unitId())
				.param("position", r.position())
				.param("rank", r.rank(), java.sql.Types.INTEGER)
				.param("score", r.score(), java.sql.Types.NUMERIC)
				.param("r1", rates.timelyAcceptanceRate(), java.sql.Types.DOUBLE)
				.param("r2", rates.onTimeCompletionRate(), java.sql.Types.DOUBLE)
				.param("r3", rates.participationRate(), java.sql.Types.DOUBLE)
				.param("r4", rates.satisfactionRate(), java.sql.Types.DOUBLE)
				.param("r5", rates.repeatRate(), java.sql.Types.DOUBLE)
				.param("r6", rates.resolvedWithoutRepeatRate(), java.sql.Types.DOUBLE)
				.param("r7", rates.resolvedAtUnitLevelRate(), java.sql.Types.DOUBLE)
				.param("r8", rates.onlineShare(), java.sql.Types.DOUBLE)
				.param("received", s.counts().received())
				.param("due", s.counts().completionDue())
				.param("overdue", s.counts().openOverdue())
				.param("bottom", r.bottomThree())
				.param("lagging", String.join(",", r.lagging()))
				.update();
		}
		jdbc.sql("UPDATE bulletin SET generated_at = :now WHERE id = :id").param("now", now).param("id", id).update();
		return figures.size();
	}

	private record NamedUnit(Unit unit, String note) {
	}

	private List<NamedUnit> named(Unit issuer, List<Named> requested, List<FieldProblem> errors) {
		List<Named> list = requested == null ? List.of() : requested;
		if (list.size() > MAX_NAMED) {
			errors.add(new FieldProblem("namedUnits", "may name at most " + MAX_NAMED + " units"));
			return List.of();
		}
		Map<Long, NamedUnit> out = new LinkedHashMap<>();
		for (Named n : list) {
			String code = n == null || n.unitCode() == null ? "" : n.unitCode().strip();
			Unit u = units.byCode(code)
				.filter(x -> x.id() != issuer.id() && x.path().startsWith(issuer.path()))
				.orElse(null);
			if (u == null) {
				errors.add(new FieldProblem("namedUnits", "not a unit below the issuing unit: " + code));
				continue;
			}
			String note = n.note() == null ? "" : n.note().strip();
			if (note.length() > 1000) {
				errors.add(new FieldProblem("namedUnits", "a note has at most 1000 characters"));
			}
			out.putIfAbsent(u.id(), new NamedUnit(u, note));
		}
		return List.copyOf(out.values());
	}

	private void saveNamed(long id, List<NamedUnit> named) {
		int position = 0;
		for (NamedUnit n : named) {
			jdbc.sql("""
					INSERT INTO bulletin_entry (bulletin_id, unit_id, position, lagging, note)
					VALUES (:b, :u, :p, ARRAY['NAMED'], :note)""")
				.param("b", id)
				.param("u", n.unit().id())
				.param("p", ++position)
				.param("note", n.note())
				.update();
		}
	}

	private Bulletin load(long id) {
		record Row(Kind kind, Status status, long unitId, LocalDate from, LocalDate to, String title, String foreword,
				String body, OffsetDateTime generatedAt, String createdBy, OffsetDateTime createdAt,
				String publishedBy, OffsetDateTime publishedAt, Long previousId, int version) {
		}
		Row row = jdbc.sql("""
				SELECT kind, status, issuing_unit_id, period_from, period_to, title, foreword, body, generated_at,
				       created_by, created_at, published_by, published_at, previous_id, version
				FROM bulletin WHERE id = :id""")
			.param("id", id)
			.query((rs, n) -> new Row(Kind.valueOf(rs.getString(1)), Status.valueOf(rs.getString(2)), rs.getLong(3),
					rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6),
					rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getString(10),
					rs.getObject(11, OffsetDateTime.class), rs.getString(12), rs.getObject(13, OffsetDateTime.class),
					(Long) rs.getObject(14), rs.getInt(15)))
			.optional()
			.orElseThrow(() -> DomainException.notFound("Bulletin"));
		Unit issuer = units.byId(row.unitId()).orElseThrow();
		List<Entry> entries = jdbc.sql("""
				SELECT u.code, u.name, e.position, e.rank, e.score, e.timely_acceptance_rate, e.on_time_completion_rate,
				       e.participation_rate, e.satisfaction_rate, e.repeat_rate, e.resolved_without_repeat_rate,
				       e.resolved_at_unit_level_rate, e.online_share, e.received, e.completion_due, e.open_overdue,
				       e.bottom_three, e.lagging, e.note
				FROM bulletin_entry e JOIN unit u ON u.id = e.unit_id
				WHERE e.bulletin_id = :id ORDER BY e.position""")
			.param("id", id)
			.query((rs, n) -> new Entry(new UnitRef(rs.getString(1), rs.getString(2)), rs.getInt(3),
					(Integer) rs.getObject(4), rs.getBigDecimal(5) == null ? null : rs.getBigDecimal(5).doubleValue(),
					new Rates(dbl(rs, 6), dbl(rs, 7), dbl(rs, 8), dbl(rs, 9), dbl(rs, 10), dbl(rs, 11), dbl(rs, 12),
							dbl(rs, 13)),
					rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getBoolean(17), strings(rs.getArray(18)),
					rs.getString(19)))
			.list();
		List<Proposal> proposals = jdbc.sql(PROPOSAL_SQL + " WHERE p.later_bulletin_id = :id ORDER BY p.id")
			.param("id", id)
			.query(this::proposalRow)
			.list();
		return new Bulletin(id, row.kind(), row.status(), new UnitRef(issuer.code(), issuer.name()), row.from(),
				row.to(), row.title(), row.foreword(), row.body(), row.generatedAt(), row.createdBy(), row.createdAt(),
				row.publishedBy(), row.publishedAt(), row.previousId(), row.version(), entries, proposals);
	}

	private static Double dbl(ResultSet rs, int column) throws SQLException {
		double v = rs.getDouble(column);
		return rs.wasNull() ? null : v;
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}

	private String defaultTitle(Unit unit, Kind kind, LocalDate from) {
		Object[] args = { unit.name(), String.valueOf(from.getYear()), String.valueOf(from.getMonthValue()),
				from.getMonthValue() == 1 ? "上" : "下" };
		return messages.getMessage("bulletin.defaultTitle." + kind.name(), args, DOCUMENT_LOCALE);
	}

	/** [first day, last day] of the period the kind takes, or null. */
	static LocalDate[] period(Kind kind, String text) {
		if (text == null) {
			return null;
		}
		String t = text.strip();
		try {
			switch (kind) {
				case YEARLY -> {
					if (t.matches("\\d{4}")) {
						int year = Integer.parseInt(t);
						return new LocalDate[] { LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31) };
					}
				}
				case HALF_YEARLY -> {
					Matcher half = HALF.matcher(t);
					if (half.matches()) {
						int year = Integer.parseInt(half.group(1));
						return "1".equals(half.group(2))
								? new LocalDate[] { LocalDate.of(year, 1, 1), LocalDate.of(year, 6, 30) }
								: new LocalDate[] { LocalDate.of(year, 7, 1), LocalDate.of(year, 12, 31) };
					}
				}
				case MONTHLY -> {
					if (t.matches("\\d{4}-\\d{2}")) {
						YearMonth month = YearMonth.parse(t);
						return new LocalDate[] { month.atDay(1), month.atEndOfMonth() };
					}
				}
				default -> {
					return null;
				}
			}
		}
		catch (DateTimeParseException ex) {
			return null;
		}
		return null;
	}

	private StaffPrincipal writer() {
		StaffPrincipal user = currentUser.require();
		if (!user.has(WRITER)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", "Bulletins are written by supervisors.");
		}
		return user;
	}

	private StaffPrincipal reader() {
		StaffPrincipal user = currentUser.require();
		if (READERS.stream().noneMatch(user::has)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", "Bulletins are for supervisors and leaders.");
		}
		return user;
	}

	/** A unit of the user's subtree; outside it is answered like an unknown one. */
	private Unit scoped(String code, StaffPrincipal user) {
		return units.byCode(code.strip())
			.filter(u -> user.canSee(u.path()))
			.orElseThrow(() -> DomainException.notFound("Unit " + code));
	}

	private void visible(String unitCode, StaffPrincipal user) {
		units.byCode(unitCode).filter(u -> user.canSee(u.path())).orElseThrow(() -> DomainException.notFound("Bulletin"));
	}

	private static String required(String value, String field, int max, List<FieldProblem> errors) {
		String v = value == null ? "" : value.strip();
		if (v.isEmpty() || v.length() > max) {
			errors.add(new FieldProblem(field, "is required, at most " + max + " characters"));
		}
		return v;
	}

	private static String optional(String value, String field, int max, List<FieldProblem> errors) {
		if (value == null) {
			return null;
		}
		String v = value.strip();
		if (v.length() > max) {
			errors.add(new FieldProblem(field, "at most " + max + " characters"));
		}
		return v;
	}
}
