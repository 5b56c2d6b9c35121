package org.xinfang.calendar.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.xinfang.calendar.CalendarAdministration;
import org.xinfang.calendar.CalendarDay;
import org.xinfang.calendar.CalendarYear;
import org.xinfang.calendar.DayKind;
import org.xinfang.calendar.DueDates;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.calendar.internal.HolidayCalendar;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;

/**
 * The holiday calendar and due-date arithmetic as JSON. Reading is public (a petitioner may check a
 * deadline); changing needs the ADMIN role and is audited.
 */
@RestController
@RequestMapping("/api/v1/calendar")
class CalendarApi {

	private static final int MAX_AMOUNT = HolidayCalendar.MAX_AMOUNT;

	private final DueDates dueDates;

	private final CalendarAdministration administration;

	CalendarApi(DueDates dueDates, CalendarAdministration administration) {
		this.dueDates = dueDates;
		this.administration = administration;
	}

	/**
	 * Parameters arrive as text and are checked here, so that every bad or missing one is named in a single
	 * {@code invalid-fields} problem rather than the first conversion failure only.
	 */
	@GetMapping("/due-date")
	DueDate dueDate(@RequestParam(required = false) String start, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String unit) {
		List<FieldProblem> errors = new ArrayList<>();
		LocalDate startDate = null;
		if (start == null || start.isBlank()) {
			errors.add(new FieldProblem("start", "is required (YYYY-MM-DD)"));
		}
		else {
			try {
				startDate = LocalDate.parse(start.strip());
			}
			catch (DateTimeParseException e) {
				errors.add(new FieldProblem("start", "must be a date YYYY-MM-DD"));
			}
		}
		int days = 0;
		if (amount == null || amount.isBlank()) {
			errors.add(new FieldProblem("amount", "is required"));
		}
		else {
			try {
				days = Integer.parseInt(amount.strip());
				if (days < 1 || days > MAX_AMOUNT) {
					errors.add(new FieldProblem("amount", "must be between 1 and " + MAX_AMOUNT));
				}
			}
			catch (NumberFormatException e) {
				errors.add(new FieldProblem("amount", "must be a whole number"));
			}
		}
		PeriodUnit periodUnit = null;
		if (unit == null || unit.isBlank()) {
			errors.add(new FieldProblem("unit", "is required (CALENDAR_DAYS or WORKING_DAYS)"));
		}
		else {
			try {
				periodUnit = PeriodUnit.valueOf(unit.strip());
			}
			catch (IllegalArgumentException e) {
				errors.add(new FieldProblem("unit", "must be CALENDAR_DAYS or WORKING_DAYS"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		return new DueDate(dueDates.dueDate(startDate, days, periodUnit));
	}

	@GetMapping("/years/{year}")
	CalendarYear year(@PathVariable int year) {
		return administration.year(year);
	}

	@GetMapping("/rules")
	List<PeriodRule> rules() {
		return administration.rules();
	}

	@PutMapping("/days/{day}")
	@PreAuthorize("hasRole('ADMIN')")
	CalendarDay putDay(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@Valid @RequestBody DayChange change) {
		return administration.putDay(day, change.kind(), change.nameZh());
	}

	@DeleteMapping("/days/{day}")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteDay(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
		administration.deleteDay(day);
	}

	@PutMapping("/years/{year}")
	@PreAuthorize("hasRole('ADMIN')")
	CalendarYear markYear(@PathVariable int year, @Valid @RequestBody YearChange change) {
		return administration.markYear(year, change.complete(), change.note());
	}

	@PutMapping("/rules/{code}")
	@PreAuthorize("hasRole('ADMIN')")
	PeriodRule updateRule(@PathVariable String code, @Valid @RequestBody RuleChange change) {
		return administration.updateRule(code, change.amount(), change.unit());
	}


	record DueDate(LocalDate dueDate) {
	}

	record DayChange(@NotNull DayKind kind, @Size(max = 50) String nameZh) {
	}

	record YearChange(@NotNull Boolean complete, @Size(max = 200) String note) {
	}

	record RuleChange(@NotNull @Min(1) @Max(MAX_AMOUNT) Integer amount, @NotNull PeriodUnit unit) {
	}
}
