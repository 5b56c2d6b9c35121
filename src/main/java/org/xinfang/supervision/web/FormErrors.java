package org.xinfang.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.xinfang.platform.DomainException;
import org.xinfang.platform.InvalidInput;

/**
 * How the pages of interviews, problem lists and accountability answer a form: a saved change redirects with a
 * notice; a refusal that the form can correct (400, 403, 409) shows the page again with the readable message
 * and the refusal's status; "not found" goes to the error page.
 */
final class FormErrors {

	private FormErrors() {
	}

	static void failed(DomainException ex, Model model, HttpServletResponse response, MessageSource messages) {
		if (ex.status().value() == 404) {
			throw ex;
		}
		response.setStatus(ex.status().value());
		String error = ex instanceof InvalidInput invalid
				? String.join("；", invalid.byField().entrySet().stream().map(e -> e.getKey() + "：" + e.getValue()).toList())
				: messages.getMessage("problem." + ex.code(), null, ex.getMessage(), LocaleContextHolder.getLocale());
		model.addAttribute("error", error);
	}

	static String saved(String path, RedirectAttributes redirect, MessageSource messages) {
		redirect.addFlashAttribute("notice",
				messages.getMessage("supervisionrecords.saved", null, LocaleContextHolder.getLocale()));
		return "redirect:" + path;
	}

	/** Names separated by commas, Chinese commas or white space. */
	static List<String> names(String text) {
		return text == null ? List.of()
				: Arrays.stream(text.split("[,，、;；\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}
}
