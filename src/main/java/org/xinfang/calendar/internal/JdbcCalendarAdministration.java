package org.xinfang.calendar.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.calendar.CalendarAdministration;
import org.xinfang.calendar.CalendarDay;
import org.xinfang.calendar.CalendarYear;
import org.xinfang.calendar.DayKind;
import org.xinfang.calendar.DeadlineSettings;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.platform.DomainException;

/**
 * Administrator edits of the holiday calendar and the period rules, each audited in its own transaction.
 * Callers check the ADMIN role; the rules checked here hold for any caller.
 */
@Service
@EnableConfigurationProperties(DeadlineSettings.class)
class JdbcCalendarAdministration implements CalendarAdministration {

	static final int MIN_YEAR = 1900;

	static final int MAX_YEAR = 2200;

	static final int MAX_NAME = 50;

	static final int MAX_NOTE = 200;

	private final CalendarRows rows;

	private final AuditLog audit;

	JdbcCalendarAdministration(CalendarRows rows, AuditLog audit) {
		this.rows = rows;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public CalendarYear year(int year) {
		checkYear(year);
		Optional<Optional<String>> note = rows.yearNote(year);
		return new CalendarYear(year, note.isPresent(), note.flatMap(n -> n).orElse(null), rows.daysOf(year));
	}

	@Override
	@Transactional(readOnly = true)
	public List<Integer> completeYears() {
		return rows.completeYears();
	}

	@Override
	@Transactional
	public CalendarDay putDay(LocalDate day, DayKind kind, String nameZh) {
		if (day == null || kind == null) {
			throw DomainException.invalid("calendar-day-required", "The date and its kind are required");
		}
		checkYear(day.getYear());
		if (kind == DayKind.MAKEUP_WORKDAY && day.getDayOfWeek() != DayOfWeek.SATURDAY
				&& day.getDayOfWeek() != DayOfWeek.SUNDAY) {
			throw DomainException.invalid("calendar-makeup-not-weekend",
					"A make-up working day must be a Saturday or Sunday: " + day + " is a " + day.getDayOfWeek());
		}
		String name = trimToNull(nameZh);
		if (name != null && name.length() > MAX_NAME) {
			throw DomainException.invalid("calendar-name-too-long",
					"The name may have at most " + MAX_NAME + " characters");
		}
		Optional<CalendarDay> before = rows.day(day);
		CalendarDay after = new CalendarDay(day, kind, name);
		rows.upsertDay(after);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("kind", kind.name());
		details.put("nameZh", name == null ? "" : name);
		before.ifPresent(b -> {
			details.put("previousKind", b.kind().name());
			details.put("previousNameZh", b.nameZh() == null ? "" : b.nameZh());
		});
		audit.record(before.isPresent() ? "CALENDAR_DAY_CHANGED" : "CALENDAR_DAY_ADDED", "calendar_day", day,
				details);
		return after;
	}

	@Override
	@Transactional
	public void deleteDay(LocalDate day) {
		CalendarDay before = rows.day(day).orElseThrow(() -> DomainException.notFound("Calendar day " + day));
		rows.deleteDay(day);
		audit.record("CALENDAR_DAY_DELETED", "calendar_day", day,
				Map.of("previousKind", before.kind().name(), "previousNameZh",
						before.nameZh() == null ? "" : before.nameZh()));
	}

	@Override
	@Transactional
	public CalendarYear markYear(int year, boolean complete, String note) {
		checkYear(year);
		String trimmed = trimToNull(note);
		if (trimmed != null && trimmed.length() > MAX_NOTE) {
			throw DomainException.invalid("calendar-note-too-long",
					"The note may have at most " + MAX_NOTE + " characters");
		}
		if (complete) {
			rows.upsertYear(year, trimmed);
			audit.record("CALENDAR_YEAR_COMPLETE", "calendar_year", year,
					Map.of("note", trimmed == null ? "" : trimmed));
		}
		else if (rows.deleteYear(year) > 0) {
			audit.record("CALENDAR_YEAR_INCOMPLETE", "calendar_year", year);
		}
		return year(year);
	}

	@Override
	@Transactional(readOnly = true)
	public List<PeriodRule> rules() {
		return rows.rules();
	}

	@Override
	@Transactional
	public PeriodRule updateRule(String code, int amount, PeriodUnit unit) {
		if (unit == null) {
			throw DomainException.invalid("period-rule-unit-required", "The unit is required");
		}
		if (amount < 1 || amount > HolidayCalendar.MAX_AMOUNT) {
			throw DomainException.invalid("period-rule-amount-range",
					"The amount must be between 1 and " + HolidayCalendar.MAX_AMOUNT);
		}
		PeriodRule before = rows.rules()
			.stream()
			.filter(r -> r.code().equals(code))
			.findFirst()
			.orElseThrow(() -> DomainException.notFound("Period rule " + code));
		rows.updateRule(code, amount, unit);
		audit.record("PERIOD_RULE_CHANGED", "period_rule", code, Map.of("amount", amount, "unit", unit.name(),
				"previousAmount", before.amount(), "previousUnit", before.unit().name()));
		return new PeriodRule(before.code(), before.nameZh(), before.nameEn(), amount, unit, before.startEvent(),
				before.legalBasis());
	}

	private static void checkYear(int year) {
		if (year < MIN_YEAR || year > MAX_YEAR) {
			throw DomainException.invalid("calendar-year-range",
					"The year must be between " + MIN_YEAR + " and " + MAX_YEAR);
		}
	}

	private static String trimToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
