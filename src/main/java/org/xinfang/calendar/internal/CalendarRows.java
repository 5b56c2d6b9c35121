package org.xinfang.calendar.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.calendar.CalendarDay;
import org.xinfang.calendar.DayKind;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.calendar.PeriodUnit;

/** The SQL of the calendar tables, in one place. */
@Component
class CalendarRows {

	private final JdbcClient jdbc;

	CalendarRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long version() {
		return jdbc.sql("SELECT version FROM calendar_version WHERE id = 1").query(Long.class).single();
	}

	List<CalendarDay> allDays() {
		return jdbc.sql("SELECT day, kind, name_zh FROM calendar_day ORDER BY day")
			.query(CalendarRows::day)
			.list();
	}

	List<CalendarDay> daysOf(int year) {
		return jdbc.sql("SELECT day, kind, name_zh FROM calendar_day WHERE day BETWEEN :from AND :to ORDER BY day")
			.param("from", LocalDate.of(year, 1, 1))
			.param("to", LocalDate.of(year, 12, 31))
			.query(CalendarRows::day)
			.list();
	}

	Optional<CalendarDay> day(LocalDate day) {
		return jdbc.sql("SELECT day, kind, name_zh FROM calendar_day WHERE day = :day")
			.param("day", day)
			.query(CalendarRows::day)
			.optional();
	}

	private static CalendarDay day(ResultSet rs, int row) throws SQLException {
		return new CalendarDay(rs.getObject("day", LocalDate.class), DayKind.valueOf(rs.getString("kind")),
				rs.getString("name_zh"));
	}

	List<Integer> completeYears() {
		return jdbc.sql("SELECT year FROM calendar_year ORDER BY year").query(Integer.class).list();
	}

	/** The note of a year marked complete; empty when the year is not marked. */
	Optional<Optional<String>> yearNote(int year) {
		return jdbc.sql("SELECT note FROM calendar_year WHERE year = :year")
			.param("year", year)
			.query((rs, n) -> Optional.ofNullable(rs.getString("note")))
			.optional();
	}

	List<PeriodRule> rules() {
		return jdbc.sql("""
				SELECT code, name_zh, name_en, amount, unit, start_event, legal_basis FROM period_rule ORDER BY code
				""")
			.query((rs, n) -> new PeriodRule(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
					rs.getInt("amount"), PeriodUnit.valueOf(rs.getString("unit")), rs.getString("start_event"),
					rs.getString("legal_basis")))
			.list();
	}

	void upsertDay(CalendarDay day) {
		CachedDueDates.forgetInTransaction();
		jdbc.sql("""
				INSERT INTO calendar_day (day, kind, name_zh) VALUES (:day, :kind, :name)
				ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name_zh = EXCLUDED.name_zh
				""")
			.param("day", day.day())
			.param("kind", day.kind().name())
			.param("name", day.nameZh())
			.update();
	}

	int deleteDay(LocalDate day) {
		CachedDueDates.forgetInTransaction();
		return jdbc.sql("DELETE FROM calendar_day WHERE day = :day").param("day", day).update();
	}

	void upsertYear(int year, String note) {
		CachedDueDates.forgetInTransaction();
		jdbc.sql("""
				INSERT INTO calendar_year (year, note) VALUES (:year, :note)
				ON CONFLICT (year) DO UPDATE SET note = EXCLUDED.note
				""")
			.param("year", year)
			.param("note", note)
			.update();
	}

	int deleteYear(int year) {
		CachedDueDates.forgetInTransaction();
		return jdbc.sql("DELETE FROM calendar_year WHERE year = :year").param("year", year).update();
	}

	int updateRule(String code, int amount, PeriodUnit unit) {
		CachedDueDates.forgetInTransaction();
		return jdbc.sql("UPDATE period_rule SET amount = :amount, unit = :unit WHERE code = :code")
			.param("amount", amount)
			.param("unit", unit.name())
			.param("code", code)
			.update();
	}
}
