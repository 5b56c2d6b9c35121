package org.xinfang.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;

/**
 * What the pages of the supervision measures share: reading the form's dates and id lists, the notice after a
 * change, and a refusal shown on the page it came from (a "not found" stays the error page, as for any page).
 */
@Component
class PageSupport {

	private final MessageSource messages;

	PageSupport(MessageSource messages) {
		this.messages = messages;
	}

	String saved(String target, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice",
				messages.getMessage("measures.saved", null, LocaleContextHolder.getLocale()));
		return "redirect:" + target;
	}

	/** Puts the refusal on the model and the status on the answer; rethrows a "not found". */
	void failed(DomainException ex, Model model, HttpServletResponse response) {
		if (ex.status().value() == 404) {
			throw ex;
		}
		response.setStatus(ex.status().value());
		String error = ex instanceof InvalidInput invalid
				? String.join("；", invalid.byField().entrySet().stream().map(e -> e.getKey() + "：" + e.getValue()).toList())
				: messages.getMessage("problem." + ex.code(), null, ex.getMessage(), LocaleContextHolder.getLocale());
		model.addAttribute("error", error);
	}

	static LocalDate date(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInput(List.of(new FieldProblem(field, "must be a date YYYY-MM-DD")));
		}
	}

	static List<Long> ids(String value, String field) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		List<Long> ids = new ArrayList<>();
		for (String part : Arrays.stream(value.split("[,，\\s]+")).filter(s -> !s.isBlank()).toList()) {
			try {
				ids.add(Long.valueOf(part));
			}
			catch (NumberFormatException ex) {
				throw new InvalidInput(List.of(new FieldProblem(field, "must be numbers separated by commas")));
			}
		}
		return ids;
	}

	/** Matter references (ids or tracking codes) typed into one field, separated by commas or spaces. */
	static List<String> references(String value) {
		return value == null ? List.of()
				: Arrays.stream(value.split("[,，\\s]+")).filter(s -> !s.isBlank()).toList();
	}

	static Long id(String value, String field) {
		List<Long> ids = ids(value, field);
		return ids.isEmpty() ? null : ids.get(0);
	}

	/** Keeps what the user typed, for the form shown again after a refusal. */
	static void keep(Model model, Map<String, String> form) {
		model.addAttribute("form", form);
	}
}
