package org.xinfang.calendar.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.xinfang.calendar.CalendarAdministration;
import org.xinfang.calendar.CalendarDay;
import org.xinfang.calendar.DayKind;
import org.xinfang.calendar.PeriodRule;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.platform.DomainException;

/**
 * Administrator pages for the holiday calendar ({@code /admin/calendar}) and the period rules
 * ({@code /admin/period-rules}). {@code /admin/**} already requires the ADMIN role; every change goes through
 * {@link CalendarAdministration}, which audits it. Form fields arrive as text so that bad input is answered
 * with a readable message on the page instead of an error page.
 */
@Controller
class CalendarAdminPages {

	private final CalendarAdministration administration;

	private final MessageSource messages;

	private final Clock clock;

	CalendarAdminPages(CalendarAdministration administration, MessageSource messages, Clock clock) {
		this.administration = administration;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/admin/calendar")
	String calendar(@RequestParam(required = false) String year, @RequestParam(required = false) String edit,
			Model model) {
		List<String> errors = new ArrayList<>();
		int shown = LocalDate.now(clock).getYear();
		if (year != null && !year.isBlank()) {
			try {
				shown = Integer.parseInt(year.strip());
			}
			catch (NumberFormatException e) {
				errors.add(text("calendar.admin.error.year"));
			}
		}
		DayForm form = DayForm.empty(shown);
		if (edit != null) {
			try {
				LocalDate day = LocalDate.parse(edit);
				form = administration.year(day.getYear())
					.days()
					.stream()
					.filter(d -> d.day().equals(day))
					.findFirst()
					.map(DayForm::of)
					.orElse(form);
			}
			catch (DateTimeParseException | DomainException e) {
				// an unknown day to edit: show the empty form
			}
		}
		return calendarPage(shown, form, errors, model);
	}

	@PostMapping("/admin/calendar/days")
	String putDay(DayForm form, Model model, RedirectAttributes redirect) {
		int back = form.yearOr(LocalDate.now(clock).getYear());
		List<String> errors = new ArrayList<>();
		LocalDate day = null;
		DayKind kind = null;
		try {
			day = LocalDate.parse(form.day() == null ? "" : form.day().strip());
			back = day.getYear();
		}
		catch (DateTimeParseException e) {
			errors.add(text("calendar.admin.error.day"));
		}
		try {
			kind = DayKind.valueOf(form.kind() == null ? "" : form.kind());
		}
		catch (IllegalArgumentException e) {
			errors.add(text("calendar.admin.error.kind"));
		}
		if (errors.isEmpty()) {
			try {
				CalendarDay saved = administration.putDay(day, kind, form.nameZh());
				redirect.addFlashAttribute("notice", text("calendar.admin.saved", saved.day()));
				return "redirect:/admin/calendar?year=" + saved.day().getYear();
			}
			catch (DomainException e) {
				errors.add(problem(e));
			}
		}
		return calendarPage(back, form, errors, model);
	}

	@PostMapping("/admin/calendar/days/{day}/delete")
	String deleteDay(@PathVariable String day, Model model, RedirectAttributes redirect) {
		LocalDate date;
		try {
			date = LocalDate.parse(day);
		}
		catch (DateTimeParseException e) {
			return calendarPage(LocalDate.now(clock).getYear(), DayForm.empty(LocalDate.now(clock).getYear()),
					List.of(text("calendar.admin.error.day")), model);
		}
		try {
			administration.deleteDay(date);
			redirect.addFlashAttribute("notice", text("calendar.admin.deleted", date));
		}
		catch (DomainException e) {
			redirect.addFlashAttribute("error", problem(e));
		}
		return "redirect:/admin/calendar?year=" + date.getYear();
	}

	@PostMapping("/admin/calendar/years/{year}")
	String markYear(@PathVariable String year, @RequestParam(defaultValue = "false") boolean complete,
			@RequestParam(required = false) String note, Model model, RedirectAttributes redirect) {
		int y;
		try {
			y = Integer.parseInt(year);
		}
		catch (NumberFormatException e) {
			return calendarPage(LocalDate.now(clock).getYear(), DayForm.empty(LocalDate.now(clock).getYear()),
					List.of(text("calendar.admin.error.year")), model);
		}
		try {
			administration.markYear(y, complete, note);
			redirect.addFlashAttribute("notice",
					text(complete ? "calendar.admin.year.markedComplete" : "calendar.admin.year.markedIncomplete", y));
			return "redirect:/admin/calendar?year=" + y;
		}
		catch (DomainException e) {
			return calendarPage(LocalDate.now(clock).getYear(), DayForm.empty(LocalDate.now(clock).getYear()),
					List.of(problem(e)), model);
		}
	}

	@GetMapping("/admin/period-rules")
	String rules(Model model) {
		return rulesPage(null, List.of(), model);
	}

	@PostMapping("/admin/period-rules/{code}")
	String updateRule(@PathVariable String code, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String unit, Model model, RedirectAttributes redirect) {
		List<String> errors = new ArrayList<>();
		Integer days = null;
		PeriodUnit periodUnit = null;
		try {
			days = Integer.valueOf(amount == null ? "" : amount.strip());
		}
		catch (NumberFormatException e) {
			errors.add(text("calendar.rules.error.amount"));
		}
		try {
			periodUnit = PeriodUnit.valueOf(unit == null ? "" : unit);
		}
		catch (IllegalArgumentException e) {
			errors.add(text("calendar.rules.error.unit"));
		}
		if (errors.isEmpty()) {
			try {
				PeriodRule saved = administration.updateRule(code, days, periodUnit);
				redirect.addFlashAttribute("notice", text("calendar.rules.saved", saved.nameZh()));
				return "redirect:/admin/period-rules";
			}
			catch (DomainException e) {
				errors.add(problem(e));
			}
		}
		return rulesPage(code, errors, model);
	}

	private String calendarPage(int year, DayForm form, List<String> errors, Model model) {
		int shown = year;
		List<String> all = new ArrayList<>(errors);
		try {
			model.addAttribute("calendarYear", administration.year(year));
		}
		catch (DomainException e) {
			all.add(problem(e));
			shown = LocalDate.now(clock).getYear();
			model.addAttribute("calendarYear", administration.year(shown));
		}
		model.addAttribute("year", shown);
		model.addAttribute("completeYears", administration.completeYears());
		model.addAttribute("form", form);
		model.addAttribute("kinds", DayKind.values());
		model.addAttribute("errors", all);
		return "calendar/admin-calendar";
	}

	private String rulesPage(String failedCode, List<String> errors, Model model) {
		model.addAttribute("rules", administration.rules());
		model.addAttribute("units", PeriodUnit.values());
		model.addAttribute("failedCode", failedCode);
		model.addAttribute("errors", errors);
		return "calendar/admin-period-rules";
	}

	private String problem(DomainException e) {
		return messages.getMessage("problem." + e.code(), null, e.getMessage(), LocaleContextHolder.getLocale());
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	/** The add/edit form of one calendar day; fields as typed. */
	record DayForm(String day, String kind, String nameZh, String year) {

		static DayForm empty(int year) {
			return new DayForm("", DayKind.HOLIDAY.name(), "", String.valueOf(year));
		}

		static DayForm of(CalendarDay day) {
			return new DayForm(day.day().toString(), day.kind().name(), day.nameZh(),
					String.valueOf(day.day().getYear()));
		}

		int yearOr(int fallback) {
			try {
				return year == null ? fallback : Integer.parseInt(year.strip());
			}
			catch (NumberFormatException e) {
				return fallback;
			}
		}
	}
}
