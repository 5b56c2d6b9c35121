package org.xinfang.supervision.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.organisation.Unit;
import org.xinfang.organisation.Units;
import org.xinfang.organisation.Units.Staff;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;

/**
 * What interviews, problem lists and accountability recommendations share: who manages them (supervisors and
 * leaders), which unit a user may target (one in their subtree), the matters a user may name (those they can
 * see, by id or tracking code), and the parsing of fields into named problems.
 */
@Component
class Targets {

	/** Who opens, issues, verifies and accepts: those who supervise or lead. */
	static final Set<Role> MANAGERS = Set.of(Role.SUPERVISOR, Role.LEADER);

	static final int MAX_MATTERS = 50;

	private final JdbcClient jdbc;

	private final Units units;

	private final MatterScope matters;

	Targets(JdbcClient jdbc, Units units, MatterScope matters) {
		this.jdbc = jdbc;
		this.units = units;
		this.matters = matters;
	}

	static boolean manages(StaffPrincipal user) {
		return MANAGERS.stream().anyMatch(user::has);
	}

	static void requireManager(StaffPrincipal user, String what) {
		if (!manages(user)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", what + " by supervisors and leaders.");
		}
	}

	/** The unit by code if it lies in the user's subtree; null (with a problem on {@code field}) otherwise. */
	Unit unitInScope(String code, StaffPrincipal user, String field, List<FieldProblem> errors) {
		if (code == null || code.isBlank()) {
			errors.add(new FieldProblem(field, "is required (a unit code)"));
			return null;
		}
		Optional<Unit> unit = units.byCode(code.strip()).filter(u -> user.canSee(u.path()));
		if (unit.isEmpty()) {
			errors.add(new FieldProblem(field, "unknown or outside your unit's subtree: " + code.strip()));
			return null;
		}
		return unit.get();
	}

	/** The path of the unit to list (the user's own unit when the code is blank); 404 outside the subtree. */
	String listPath(String unitCode, StaffPrincipal user) {
		if (unitCode == null || unitCode.isBlank()) {
			return user.unitPath();
		}
		return units.byCode(unitCode.strip())
			.filter(u -> user.canSee(u.path()))
			.map(Unit::path)
			.orElseThrow(() -> DomainException.notFound("Unit " + unitCode));
	}

	Unit unit(long id) {
		return units.byId(id).orElseThrow(() -> DomainException.notFound("Unit"));
	}

	Optional<Staff> staff(String username) {
		return username == null ? Optional.empty() : units.staff(username.strip());
	}

	String displayName(String username) {
		return units.staff(username).map(Staff::displayName).orElse(username);
	}

	/** Matter ids for the references (ids or tracking codes) the user can see; a problem for each other one. */
	List<Long> matters(List<String> references, StaffPrincipal user, String field, List<FieldProblem> errors) {
		Set<Long> ids = new LinkedHashSet<>();
		if (references == null) {
			return List.of();
		}
		if (references.size() > MAX_MATTERS) {
			errors.add(new FieldProblem(field, "may name at most " + MAX_MATTERS + " matters"));
			return List.of();
		}
		for (String reference : references) {
			if (reference == null || reference.isBlank()) {
				continue;
			}
			Optional<Long> id = matterId(reference.strip(), user);
			if (id.isEmpty()) {
				errors.add(new FieldProblem(field, "unknown or not visible to you: " + reference.strip()));
			}
			else {
				ids.add(id.get());
			}
		}
		return new ArrayList<>(ids);
	}

	/** One matter reference (id or tracking code) the user can see. */
	Optional<Long> matterId(String reference, StaffPrincipal user) {
		Optional<Long> id = reference.matches("\\d{1,18}") ? Optional.of(Long.parseLong(reference))
				: jdbc.sql("SELECT id FROM matter WHERE tracking_code = :code")
					.param("code", reference.toUpperCase(Locale.ROOT))
					.query(Long.class)
					.optional();
		return id.flatMap(matters::find).filter(m -> m.visibleTo(user.unitPath())).map(MatterScope.MatterRef::id);
	}

	static String text(String value, String field, int max, boolean required, List<FieldProblem> errors) {
		String text = value == null ? "" : value.strip();
		if (text.isEmpty()) {
			if (required) {
				errors.add(new FieldProblem(field, "is required, at most " + max + " characters"));
			}
			return null;
		}
		if (text.length() > max) {
			errors.add(new FieldProblem(field, "at most " + max + " characters"));
			return null;
		}
		return text;
	}

	static LocalDate date(String value, String field, List<FieldProblem> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldProblem(field, "is required (YYYY-MM-DD)"));
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldProblem(field, "must be a date YYYY-MM-DD"));
			return null;
		}
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldProblem> errors) {
		String allowed = String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
		if (value == null || value.isBlank()) {
			errors.add(new FieldProblem(field, "is required; one of " + allowed));
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldProblem(field, "must be one of " + allowed));
			return null;
		}
	}
}
