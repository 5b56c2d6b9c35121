package org.xinfang.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;
import org.xinfang.supervision.TargetLetters;
import org.xinfang.supervision.TargetLetters.Targets;

/**
 * The staff page of target responsibility letters and the yearly assessment of a unit's child units: the
 * scores with the targets behind them, the Excel download (the API's), and for supervisors the form to set a
 * unit's letter, targets written as percentages.
 */
@Controller
class AssessmentPages {

	private final TargetLetters letters;

	private final CurrentUser currentUser;

	private final MessageSource messages;

	private final Clock clock;

	AssessmentPages(TargetLetters letters, CurrentUser currentUser, MessageSource messages, Clock clock) {
		this.letters = letters;
		this.currentUser = currentUser;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/staff/assessments")
	String page(@RequestParam(required = false) String unit, @RequestParam(required = false) Integer year,
			Model model) {
		StaffPrincipal user = currentUser.require();
		String code = unit == null || unit.isBlank() ? user.unitCode() : unit.strip();
		int y = year == null ? LocalDate.now(clock).getYear() : year;
		model.addAttribute("unit", code);
		model.addAttribute("year", y);
		model.addAttribute("assessments", letters.assess(code, y));
		model.addAttribute("letters", letters.letters(code, y));
		model.addAttribute("canWrite", user.has(Role.SUPERVISOR));
		return "supervision/assessments";
	}

	@PostMapping("/staff/assessments/letters")
	String set(@RequestParam(required = false) String parent, @RequestParam(required = false) String unitCode,
			@RequestParam(required = false) Integer year, @RequestParam(required = false) String timelyAcceptance,
			@RequestParam(required = false) String onTimeCompletion, @RequestParam(required = false) String satisfaction,
			@RequestParam(required = false) String resolvedAtUnitLevel,
			@RequestParam(required = false) String resolvedWithoutRepeat,
			@RequestParam(required = false) String maxRepeatRate, @RequestParam(required = false) String note,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		int y = year == null ? LocalDate.now(clock).getYear() : year;
		try {
			letters.set(unitCode, y,
					new Targets(percent(timelyAcceptance, "timelyAcceptance"), percent(onTimeCompletion, "onTimeCompletion"),
							percent(satisfaction, "satisfaction"), percent(resolvedAtUnitLevel, "resolvedAtUnitLevel"),
							percent(resolvedWithoutRepeat, "resolvedWithoutRepeat"), percent(maxRepeatRate, "maxRepeatRate"),
							note));
			redirect.addFlashAttribute("notice",
					messages.getMessage("bulletin.saved", null, LocaleContextHolder.getLocale()));
			return "redirect:/staff/assessments?year=" + y + (parent == null || parent.isBlank() ? "" : "&unit=" + parent);
		}
		catch (DomainException ex) {
			if (ex.status().value() == 404 || ex.status().value() == 403) {
				throw ex;
			}
			response.setStatus(ex.status().value());
			model.addAttribute("error", ex instanceof InvalidInput invalid
					? String.join("；", invalid.byField().entrySet().stream().map(e -> e.getKey() + "：" + e.getValue()).toList())
					: ex.getMessage());
			return page(parent, y, model);
		}
	}

	/** "85" or "85%" → 0.85; blank → no target. */
	private static Double percent(String text, String field) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Double.parseDouble(text.strip().replace("%", "")) / 100;
		}
		catch (NumberFormatException ex) {
			throw new InvalidInput(java.util.List.of(new FieldProblem(field, "must be a percentage")));
		}
	}
}
