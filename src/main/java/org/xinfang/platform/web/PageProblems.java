package org.xinfang.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.xinfang.platform.DomainException;

/**
 * A refusal on any page (unknown or out-of-scope entry, a rule broken) as a readable error page with the
 * refusal's status, in the request's language. Forms that can be corrected catch their own errors and show
 * them next to the fields; this is for what cannot be corrected on the page. The JSON API has
 * {@link ApiProblems}, which takes precedence for REST controllers.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblems {

	private final MessageSource messages;

	PageProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(DomainException.class)
	String domain(DomainException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("message",
				messages.getMessage("problem." + ex.code(), null, ex.getMessage(), LocaleContextHolder.getLocale()));
		model.addAttribute("back", backTo(request.getRequestURI()));
		return "error";
	}

	/** Back to the start of the part of the site the user was in. */
	static String backTo(String path) {
		if (path.startsWith("/admin")) {
			return "/admin";
		}
		if (path.startsWith("/staff")) {
			return "/staff";
		}
		return "/";
	}
}
