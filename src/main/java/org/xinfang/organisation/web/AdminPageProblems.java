package org.xinfang.organisation.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.xinfang.platform.DomainException;

/** A refused request on an administration page (unknown or out-of-scope entry) as a readable error page. */
@ControllerAdvice(assignableTypes = { AdminPages.class, UnitAdminPages.class, UserAdminPages.class,
		DictionaryAdminPages.class })
class AdminPageProblems {

	private final MessageSource messages;

	AdminPageProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(DomainException.class)
	String domain(DomainException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("message",
				messages.getMessage("problem." + ex.code(), null, ex.getMessage(), LocaleContextHolder.getLocale()));
		model.addAttribute("back", "/admin");
		return "platform/error";
	}
}
