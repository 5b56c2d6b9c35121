package org.xinfang.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.documents.OfficialLetters;
import org.xinfang.documents.OfficialLetters.Letter;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.organisation.Units.Staff;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.MeasureRefs.MatterRef;
import org.xinfang.supervision.MeasureRefs.UnitCount;
import org.xinfang.supervision.MeasureRefs.UnitRef;

/**
 * What the three supervision measures (special assignments, reminders, flags) share: who may issue and who
 * may answer, the data scope by unit path, the gap-free numbers of their documents, the wording of the
 * documents (from the {@code i18n/measures} bundle, always in Chinese: they are official documents) and their
 * layout through the documents module.
 */
@Component
class MeasureSupport {

	/** Official documents are written in Chinese whatever the reader's locale. */
	static final Locale DOCUMENT_LOCALE = Locale.SIMPLIFIED_CHINESE;

	static final int MAX_TEXT = 4000;

	/** Roles of the target unit's staff who answer a measure: report, acknowledge, respond. */
	static final Set<Role> ANSWERERS = Set.of(Role.UNIT_HEAD, Role.LEADER, Role.HANDLER);

	static final int MAX_MATTERS = 50;

	final JdbcClient jdbc;

	final Clock clock;

	final CurrentUser currentUser;

	final Units units;

	private final MessageSource messages;

	private final OfficialLetters letters;

	private final MatterScope matters;

	private final Targets targets;

	MeasureSupport(JdbcClient jdbc, Clock clock, CurrentUser currentUser, Units units, MessageSource messages,
			OfficialLetters letters, MatterScope matters, Targets targets) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.currentUser = currentUser;
		this.units = units;
		this.messages = messages;
		this.letters = letters;
		this.matters = matters;
		this.targets = targets;
	}

	LocalDate today() {
		return LocalDate.now(clock);
	}

	OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

	/** The signed-in supervisor; 403 for anyone else. */
	StaffPrincipal supervisor(String what) {
		StaffPrincipal user = currentUser.require();
		if (!user.has(Role.SUPERVISOR)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", what + " is the supervisors' to do.");
		}
		return user;
	}

	/** The signed-in user if they belong to the target unit with an answering role; 403 otherwise. */
	StaffPrincipal answerer(long unitId) {
		StaffPrincipal user = currentUser.require();
		if (!canAnswer(user, unitId)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden",
					"Only the unit heads, leaders and handlers of the unit concerned answer this.");
		}
		return user;
	}

	static boolean canAnswer(StaffPrincipal user, long unitId) {
		return user.unitId() == unitId && ANSWERERS.stream().anyMatch(user::has);
	}

	/** A unit the user can see, by code; a blank code is the user's own unit; anything else is "not found". */
	Unit unitInScope(String unitCode, StaffPrincipal user) {
		if (unitCode == null || unitCode.isBlank()) {
			return units.byId(user.unitId()).orElseThrow();
		}
		return units.byCode(unitCode.strip())
			.filter(u -> user.canSee(u.path()))
			.orElseThrow(() -> DomainException.notFound("Unit " + unitCode));
	}

	/** The target unit for a new measure: required, and within the supervisor's subtree (else 400 naming it). */
	Unit targetUnit(String unitCode, StaffPrincipal user, List<FieldProblem> errors) {
		if (unitCode == null || unitCode.isBlank()) {
			errors.add(new FieldProblem("unitCode", "is required"));
			return null;
		}
		Unit unit = units.byCode(unitCode.strip()).filter(u -> user.canSee(u.path()) && u.active()).orElse(null);
		if (unit == null) {
			errors.add(new FieldProblem("unitCode", "must be an active unit in your subtree"));
		}
		return unit;
	}

	/** Fails with "not found" unless the unit with this id lies in the signed-in user's subtree. */
	void requireVisible(long unitId, String what) {
		StaffPrincipal user = currentUser.require();
		Unit unit = units.byId(unitId).orElseThrow(() -> DomainException.notFound(what));
		if (!user.canSee(unit.path())) {
			throw DomainException.notFound(what);
		}
	}

	String rootPath(long rootUnitId) {
		return units.byId(rootUnitId).map(Unit::path).orElseThrow(() -> DomainException.notFound("Unit"));
	}

	/**
	 * The named matters (ids or tracking codes), each visible to the user and existing; duplicates dropped.
	 * Problems go to {@code errors} as {@code matterIds}.
	 */
	List<Long> matters(List<String> references, StaffPrincipal user, List<FieldProblem> errors) {
		return targets.matters(references, user, "matterIds", errors);
	}

	List<MatterRef> matterRefs(String table, String column, long id) {
		return jdbc.sql("SELECT m.id, m.tracking_code, m.status FROM " + table + " x JOIN matter m ON m.id = x.matter_id"
				+ " WHERE x." + column + " = :id ORDER BY m.id")
			.param("id", id)
			.query((rs, n) -> new MatterRef(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	MatterRef matterRef(Long matterId) {
		if (matterId == null) {
			return null;
		}
		return matters.find(matterId).map(m -> new MatterRef(m.id(), m.trackingCode(), m.status())).orElse(null);
	}

	UnitRef unitRef(long unitId) {
		return units.byId(unitId).map(u -> new UnitRef(u.id(), u.code(), u.name())).orElseThrow();
	}

	/** The enabled unit heads and leaders of exactly this unit: the officials a reminder goes to. */
	List<Staff> officials(long unitId) {
		Map<String, Staff> officials = new LinkedHashMap<>();
		for (Role role : List.of(Role.UNIT_HEAD, Role.LEADER)) {
			for (Units.Member m : units.members(unitId, role)) {
				units.staff(m.username()).filter(Staff::enabled).ifPresent(s -> officials.putIfAbsent(s.username(), s));
			}
		}
		return new ArrayList<>(officials.values());
	}

	/**
	 * The next number of this kind for the issuing unit and year, e.g. {@code 清卫信督提〔2026〕3号}. The counter
	 * row stays locked until the transaction ends: concurrent issues queue, a rollback gives the number back.
	 */
	String nextNumber(Unit issuing, String kind, LocalDate day) {
		int sequence = jdbc.sql("""
				INSERT INTO supervision_counter (issuing_unit_id, kind, year, last_number) VALUES (:unit, :kind, :year, 1)
				ON CONFLICT (issuing_unit_id, kind, year)
				DO UPDATE SET last_number = supervision_counter.last_number + 1
				RETURNING last_number""")
			.param("unit", issuing.id())
			.param("kind", kind)
			.param("year", day.getYear())
			.query(Integer.class)
			.single();
		return letters.numberPrefix(issuing.id()) + text("measures.number." + kind) + "〔" + day.getYear() + "〕"
				+ sequence + "号";
	}

	byte[] render(Unit issuing, String number, String titleKey, String addressee, List<String> paragraphs,
			LocalDate date) {
		return letters.render(new Letter(issuing.name(), number, text(titleKey), addressee, paragraphs, date));
	}

	/** A sentence of a document, in Chinese. */
	String text(String key, Object... args) {
		return messages.getMessage(key, args, DOCUMENT_LOCALE);
	}

	static String chineseDate(LocalDate date) {
		return OfficialLetters.chineseDate(date);
	}

	static String requiredText(String value, String field, int max, List<FieldProblem> errors) {
		return Targets.text(value, field, max, true, errors);
	}

	static String optionalText(String value, String field, int max, List<FieldProblem> errors) {
		return Targets.text(value, field, max, false, errors);
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldProblem> errors) {
		return Targets.parse(type, value, field, errors);
	}

	static void check(List<FieldProblem> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
	}

	static DomainException illegal(String what, Object state) {
		return DomainException.conflict("illegal-transition", what + " is not possible in state " + state + ".");
	}

	/** Unit counts from rows of (unit id, count). */
	List<UnitCount> unitCounts(List<long[]> rows) {
		return rows.stream().map(r -> new UnitCount(unitRef(r[0]), r[1])).toList();
	}
}
