package org.xinfang.supervision.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.IndicatorReport;
import org.xinfang.supervision.IndicatorReport.Rates;
import org.xinfang.supervision.IndicatorReport.Slice;
import org.xinfang.supervision.IndicatorReport.UnitRef;
import org.xinfang.supervision.Indicators;
import org.xinfang.supervision.TargetLetters;

/** Target letters in table {@code target_letter} (V22); the assessment is documented on {@link TargetLetters}. */
@Service
@Transactional
class JdbcTargetLetters implements TargetLetters {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CurrentUser currentUser;

	private final Units units;

	private final Indicators indicators;

	private final AuditLog audit;

	private final MessageSource messages;

	private final SupervisionRecord record;

	JdbcTargetLetters(JdbcClient jdbc, Clock clock, CurrentUser currentUser, Units units, Indicators indicators,
			AuditLog audit, MessageSource messages,
			SupervisionRecord record) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.currentUser = currentUser;
		this.units = units;
		this.indicators = indicators;
		this.audit = audit;
		this.messages = messages;
		this.record = record;
	}

	@Override
	public Letter set(String unitCode, int year, Targets targets) {
		StaffPrincipal user = currentUser.require();
		if (!user.has(Role.SUPERVISOR)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", "Target letters are set by supervisors.");
		}
		Unit unit = scoped(unitCode, user);
		List<FieldProblem> errors = new ArrayList<>();
		if (year < 2000 || year > 2100) {
			errors.add(new FieldProblem("year", "must be a year from 2000 to 2100"));
		}
		Targets t = targets == null ? new Targets(null, null, null, null, null, null, null) : targets;
		rate(t.timelyAcceptance(), "timelyAcceptance", errors);
		rate(t.onTimeCompletion(), "onTimeCompletion", errors);
		rate(t.satisfaction(), "satisfaction", errors);
		rate(t.resolvedAtUnitLevel(), "resolvedAtUnitLevel", errors);
		rate(t.resolvedWithoutRepeat(), "resolvedWithoutRepeat", errors);
		rate(t.maxRepeatRate(), "maxRepeatRate", errors);
		if (t.timelyAcceptance() == null && t.onTimeCompletion() == null && t.satisfaction() == null
				&& t.resolvedAtUnitLevel() == null && t.resolvedWithoutRepeat() == null && t.maxRepeatRate() == null) {
			errors.add(new FieldProblem("targets", "set at least one target"));
		}
		String note = t.note() == null ? "" : t.note().strip();
		if (note.length() > 2000) {
			errors.add(new FieldProblem("note", "at most 2000 characters"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		boolean created = jdbc.sql("""
				INSERT INTO target_letter (unit_id, year, timely_acceptance, on_time_completion, satisfaction,
				    resolved_at_unit_level, resolved_without_repeat, max_repeat_rate, note, created_by, created_at,
				    updated_by, updated_at)
				VALUES (:u, :y, :a, :c, :s, :l, :w, :r, :note, :user, :now, :user, :now)
				ON CONFLICT (unit_id, year) DO UPDATE SET timely_acceptance = :a, on_time_completion = :c,
				    satisfaction = :s, resolved_at_unit_level = :l, resolved_without_repeat = :w, max_repeat_rate = :r,
				    note = :note, updated_by = :user, updated_at = :now, version = target_letter.version + 1
				RETURNING xmax = 0""")
			.param("u", unit.id())
			.param("y", year)
			.param("a", t.timelyAcceptance(), java.sql.Types.DOUBLE)
			.param("c", t.onTimeCompletion(), java.sql.Types.DOUBLE)
			.param("s", t.satisfaction(), java.sql.Types.DOUBLE)
			.param("l", t.resolvedAtUnitLevel(), java.sql.Types.DOUBLE)
			.param("w", t.resolvedWithoutRepeat(), java.sql.Types.DOUBLE)
			.param("r", t.maxRepeatRate(), java.sql.Types.DOUBLE)
			.param("note", note)
			.param("user", user.username())
			.param("now", now)
			.query(Boolean.class)
			.single();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("unit", unit.code());
		details.put("year", year);
		details.put("targets", t.toString());
		audit.record(created ? "TARGET_LETTER_SET" : "TARGET_LETTER_CHANGED", "unit", unit.id(), details);
		return letter(unit.id(), year);
	}

	@Override
	@Transactional(readOnly = true)
	public List<Letter> letters(String unitCode, int year) {
		StaffPrincipal user = reader();
		Unit parent = scoped(unitCode, user);
		return jdbc.sql(LETTER_SQL + " WHERE u.parent_id = :p AND t.year = :y ORDER BY u.code")
			.param("p", parent.id())
			.param("y", year)
			.query(JdbcTargetLetters::letterRow)
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Assessment> assess(String unitCode, int year) {
		StaffPrincipal user = reader();
		Unit parent = scoped(unitCode, user);
		List<Letter> letters = letters(parent.code(), year);
		if (letters.isEmpty()) {
			return List.of();
		}
		LocalDate from = LocalDate.of(year, 1, 1);
		LocalDate to = LocalDate.of(year, 12, 31);
		IndicatorReport report = indicators.compute(parent.code(), from, to, EnumSet.of(Indicators.Breakdown.UNIT));
		Map<String, Rates> rates = new HashMap<>();
		for (Slice s : report.byUnit()) {
			rates.put(s.key(), s.rates());
		}
		List<Assessment> out = new ArrayList<>();
		for (Letter letter : letters) {
			Unit unit = units.byCode(letter.unit().code()).orElseThrow();
			int bottoms = jdbc.sql("""
					SELECT count(*) FROM bulletin_entry e JOIN bulletin b ON b.id = e.bulletin_id
					WHERE e.unit_id = :u AND e.bottom_three AND b.status = 'PUBLISHED' AND b.kind <> 'SPECIAL'
					  AND b.period_from >= :from AND b.period_to <= :to""")
				.param("u", unit.id())
				.param("from", from)
				.param("to", to)
				.query(Integer.class)
				.single();
			int measures = record.measuresReceived(unit.id(), from, to);
			Rates r = rates.getOrDefault(unit.code(), new Rates(null, null, null, null, null, null, null, null));
			out.add(YearlyAssessment.assess(letter.unit(), year, letter.targets(), r, bottoms, measures));
		}
		out.sort(Comparator.comparingDouble(Assessment::score).reversed()
			.thenComparing(a -> a.unit().code()));
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public byte[] excel(String unitCode, int year) {
		List<Assessment> assessments = assess(unitCode, year);
		Locale locale = LocaleContextHolder.getLocale();
		String[] keys = { "unitCode", "unit", "score", "indicatorPart", "bulletinPart", "bottomThree", "measures",
				"timelyAcceptance", "onTimeCompletion", "satisfaction", "resolvedAtUnitLevel", "resolvedWithoutRepeat",
				"maxRepeatRate" };
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			XSSFSheet sheet = book.createSheet(msg("assessment.sheet", locale));
			Font boldFont = book.createFont();
			boldFont.setBold(true);
			CellStyle bold = book.createCellStyle();
			bold.setFont(boldFont);
			CellStyle pct = book.createCellStyle();
			pct.setDataFormat(book.createDataFormat().getFormat("0.0%"));
			sheet.createRow(0).createCell(0).setCellValue(msg("assessment.title", locale) + " " + year);
			sheet.getRow(0).getCell(0).setCellStyle(bold);
			sheet.createRow(1).createCell(0).setCellValue(msg("assessment.formula", locale));
			Row head = sheet.createRow(3);
			for (int i = 0; i < keys.length; i++) {
				head.createCell(i).setCellValue(msg("assessment.col." + keys[i], locale));
				head.getCell(i).setCellStyle(bold);
			}
			int r = 3;
			for (Assessment a : assessments) {
				Row row = sheet.createRow(++r);
				row.createCell(0).setCellValue(a.unit().code());
				row.createCell(1).setCellValue(a.unit().name());
				row.createCell(2).setCellValue(a.score());
				row.createCell(3).setCellValue(a.indicatorPart());
				row.createCell(4).setCellValue(a.bulletinPart());
				row.createCell(5).setCellValue(a.timesInBottomThree());
				row.createCell(6).setCellValue(a.supervisionMeasures());
				for (Line line : a.lines()) {
					int column = 7 + List.of(keys).subList(7, keys.length).indexOf(line.indicator());
					// "actual / target" as the achieved rate; blank without data
					if (line.actual() != null) {
						row.createCell(column).setCellValue(line.actual());
						row.getCell(column).setCellStyle(pct);
					}
				}
			}
			sheet.setColumnWidth(1, 28 * 256);
			book.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the assessment workbook", ex);
		}
	}

	private static final String LETTER_SQL = """
			SELECT u.code, u.name, t.year, t.timely_acceptance, t.on_time_completion, t.satisfaction,
			       t.resolved_at_unit_level, t.resolved_without_repeat, t.max_repeat_rate, t.note, t.updated_by, t.version
			FROM target_letter t JOIN unit u ON u.id = t.unit_id""";

	private static Letter letterRow(ResultSet rs, int n) throws SQLException {
		return new Letter(new UnitRef(rs.getString(1), rs.getString(2)), rs.getInt(3),
				new Targets(dbl(rs, 4), dbl(rs, 5), dbl(rs, 6), dbl(rs, 7), dbl(rs, 8), dbl(rs, 9), rs.getString(10)),
				rs.getString(11), rs.getInt(12));
	}

	private Letter letter(long unitId, int year) {
		return jdbc.sql(LETTER_SQL + " WHERE t.unit_id = :u AND t.year = :y")
			.param("u", unitId)
			.param("y", year)
			.query(JdbcTargetLetters::letterRow)
			.single();
	}

	private static Double dbl(ResultSet rs, int column) throws SQLException {
		double v = rs.getDouble(column);
		return rs.wasNull() ? null : v;
	}

	private static void rate(Double value, String field, List<FieldProblem> errors) {
		if (value != null && (value.isNaN() || value < 0 || value > 1)) {
			errors.add(new FieldProblem(field, "must be a rate from 0 to 1"));
		}
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	private StaffPrincipal reader() {
		StaffPrincipal user = currentUser.require();
		if (JdbcIndicators.READERS.stream().noneMatch(user::has)) {
			throw new DomainException(HttpStatus.FORBIDDEN, "forbidden", "Assessments are for supervisors and leaders.");
		}
		return user;
	}

	private Unit scoped(String code, StaffPrincipal user) {
		if (code == null || code.isBlank()) {
			throw InvalidInput.of(HttpStatus.BAD_REQUEST, "invalid-fields", "unit", "is required (a unit code)");
		}
		return units.byCode(code.strip())
			.filter(u -> user.canSee(u.path()))
			.orElseThrow(() -> DomainException.notFound("Unit " + code));
	}
}
