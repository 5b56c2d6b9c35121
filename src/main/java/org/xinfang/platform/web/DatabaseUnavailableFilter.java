package org.xinfang.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;
import org.xinfang.platform.DatabaseUnavailable;

/**
 * Outermost filter: a request that fails because the database is out of reach — in a controller, in sign-in,
 * or while the session store loads or saves the session — is answered 503 with {@code Retry-After}, as an
 * RFC 9457 problem on the API and a short page elsewhere. Any other failure passes on unchanged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	static final int RETRY_AFTER_SECONDS = 5;

	private static final Log log = LogFactory.getLog(DatabaseUnavailableFilter.class);

	private final MessageSource messages;

	DatabaseUnavailableFilter(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!DatabaseUnavailable.causes(ex)) {
				throw ex;
			}
			if (response.isCommitted()) {
				// e.g. the session store failed to save after the answer went out: nothing left to tell the client
				log.warn("Database unavailable after the response was committed: " + request.getMethod() + " "
						+ request.getRequestURI() + " (" + rootMessage(ex) + ")");
				return;
			}
			log.warn("Database unavailable, answered 503: " + request.getMethod() + " " + request.getRequestURI()
					+ " (" + rootMessage(ex) + ")");
			unavailable(request, response);
		}
	}

	private void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// the application's default language unless the browser asks for another (spring.web.locale)
		Locale locale = request.getHeader("Accept-Language") == null ? Locale.SIMPLIFIED_CHINESE : request.getLocale();
		String detail = messages.getMessage("problem.database-unavailable", null,
				"The service is temporarily unavailable. Please try again shortly.", locale);
		response.resetBuffer();
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
		response.setHeader("Cache-Control", "no-store");
		response.setCharacterEncoding("UTF-8");
		String body;
		if (request.getRequestURI().startsWith("/api/")) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			body = "{\"type\":\"" + ApiProblems.TYPE_BASE + "database-unavailable\","
					+ "\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"" + json(detail) + "\"}";
		}
		else {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			String title = messages.getMessage("problem.database-unavailable.title", null, "Service unavailable", locale);
			body = "<!DOCTYPE html><html lang=\"" + locale.toLanguageTag() + "\"><head>"
					+ "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
					+ "<title>" + HtmlUtils.htmlEscape(title) + "</title></head><body><main><h1>"
					+ HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p></main></body></html>";
		}
		// whichever of stream or writer the failed request already took is the one still usable
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		try {
			response.getOutputStream().write(bytes);
		}
		catch (IllegalStateException streamTaken) {
			response.getWriter().write(body);
		}
		response.flushBuffer();
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private static String rootMessage(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getClass().getSimpleName() + ": " + t.getMessage();
	}
}
