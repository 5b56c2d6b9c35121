package org.xinfang.supervision.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.IndicatorReport;
import org.xinfang.supervision.Indicators;
import org.xinfang.supervision.Indicators.Breakdown;

/**
 * The indicators of DOMAIN §8 for a unit's subtree and a period, for supervisors, leaders, unit heads and
 * administrators within their own subtree. The period is either {@code from} and {@code to} (YYYY-MM-DD, both
 * inclusive) or {@code period}: a month {@code 2026-10}, a half-year {@code 2026-H1}, or a year {@code 2026}.
 * {@code breakdown} lists any of {@code unit}, {@code category}, {@code channel}. The definitions of every rate
 * are documented on {@link Indicators}.
 */
@RestController
@RequestMapping("/api/v1/indicators")
class IndicatorApi {

	private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");

	private final Indicators indicators;

	IndicatorApi(Indicators indicators) {
		this.indicators = indicators;
	}

	@GetMapping
	IndicatorReport indicators(@RequestParam(required = false) String unit,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String period, @RequestParam(required = false) List<String> breakdown) {
		List<FieldProblem> errors = new ArrayList<>();
		if (unit == null || unit.isBlank()) {
			errors.add(new FieldProblem("unit", "is required (a unit code)"));
		}
		LocalDate start = null;
		LocalDate end = null;
		if (period != null && !period.isBlank()) {
			if (from != null || to != null) {
				errors.add(new FieldProblem("period", "give either period or from and to, not both"));
			}
			LocalDate[] range = period(period.strip());
			if (range == null) {
				errors.add(new FieldProblem("period", "must be a month (2026-10), a half-year (2026-H1) or a year (2026)"));
			}
			else {
				start = range[0];
				end = range[1];
			}
		}
		else {
			start = date("from", from, errors);
			end = date("to", to, errors);
		}
		Set<Breakdown> breakdowns = EnumSet.noneOf(Breakdown.class);
		if (breakdown != null) {
			for (String b : breakdown) {
				try {
					breakdowns.add(Breakdown.valueOf(b.strip().toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					errors.add(new FieldProblem("breakdown", "must be unit, category or channel"));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		return indicators.compute(unit.strip(), start, end, breakdowns);
	}

	private static LocalDate date(String field, String value, List<FieldProblem> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldProblem(field, "is required (YYYY-MM-DD), or give period"));
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

	/** [first day, last day] of a month, half-year or year; null when the text is none of them. */
	static LocalDate[] period(String text) {
		try {
			if (text.matches("\\d{4}")) {
				int year = Integer.parseInt(text);
				return new LocalDate[] { LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31) };
			}
			Matcher half = HALF.matcher(text);
			if (half.matches()) {
				int year = Integer.parseInt(half.group(1));
				return "1".equals(half.group(2)) ? new LocalDate[] { LocalDate.of(year, 1, 1), LocalDate.of(year, 6, 30) }
						: new LocalDate[] { LocalDate.of(year, 7, 1), LocalDate.of(year, 12, 31) };
			}
			if (text.matches("\\d{4}-\\d{2}")) {
				YearMonth month = YearMonth.parse(text);
				return new LocalDate[] { month.atDay(1), month.atEndOfMonth() };
			}
		}
		catch (DateTimeParseException ex) {
			return null;
		}
		return null;
	}
}
