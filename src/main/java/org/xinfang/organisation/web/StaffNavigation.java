package org.xinfang.organisation.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.HtmlUtils;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;

/**
 * The staff navigation of every staff page ({@code fragments/layout.html}): the links each role sees, built once per
 * role set, language and context path and kept ({@link #links()}), and the role checks of other templates
 * ({@link #has}).
 * <p>
 * The links depend on nothing but the user's roles, the language (message bundles, fixed at start) and the context
 * path, so every instance builds the same HTML and none needs to be told of a change. Built by Thymeleaf, the
 * eighteen links cost an expression for the role check, a message look-up and a link (through the response's URL
 * encoding) each, on every staff page: about a tenth of the CPU of rendering a work queue (BENCHMARKS.md, "Causes and
 * fixes" 33 and 52). Not {@code sec:authorize="hasAnyRole(…)"} either: the Thymeleaf Spring Security dialect looks up
 * every {@code SecurityExpressionHandler} bean, parses the expression and builds an evaluation context on every use.
 */
@Component
public class StaffNavigation {

	/** A link of the navigation: its path (below the context path), message key, and the roles that see it (none: all). */
	private record Link(String path, String messageKey, String id, Set<Role> roles) {

		static Link of(String path, String messageKey, Role... roles) {
			return new Link(path, messageKey, null, roles.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(roles)));
		}

		Link withId(String id) {
			return new Link(path, messageKey, id, roles);
		}
	}

	/** In the order shown. */
	private static final List<Link> LINKS = List.of(Link.of("/staff", "nav.home"),
			Link.of("/staff/intake/new", "nav.intake", Role.REGISTRAR, Role.ADMIN),
			Link.of("/staff/inbox", "queue.inbox", Role.REGISTRAR),
			Link.of("/staff/work", "queue.work", Role.HANDLER, Role.UNIT_HEAD),
			Link.of("/staff/approvals", "queue.approvals", Role.UNIT_HEAD),
			Link.of("/staff/reviews", "queue.reviews", Role.REVIEWER), Link.of("/staff/matters", "nav.matters"),
			Link.of("/staff/key-matters", "nav.keymatters"),
			Link.of("/staff/supervision", "nav.dashboard", Role.SUPERVISOR, Role.LEADER).withId("nav-dashboard"),
			Link.of("/staff/assignments", "nav.measures.assignments"),
			Link.of("/staff/reminders", "nav.measures.reminders"), Link.of("/staff/flags", "nav.measures.flags"),
			Link.of("/staff/interviews", "nav.interviews"), Link.of("/staff/problem-lists", "nav.problemlists"),
			Link.of("/staff/accountability", "nav.accountability"),
			Link.of("/staff/bulletins", "nav.bulletins", Role.SUPERVISOR, Role.LEADER, Role.UNIT_HEAD, Role.ADMIN),
			Link.of("/staff/assessments", "nav.assessments", Role.SUPERVISOR, Role.LEADER, Role.UNIT_HEAD, Role.ADMIN),
			Link.of("/admin", "nav.admin", Role.ADMIN));

	private record Key(Set<Role> roles, Locale locale, String contextPath) {
	}

	private final CurrentUser currentUser;

	private final MessageSource messages;

	private final Map<Key, String> built = new ConcurrentHashMap<>();

	StaffNavigation(CurrentUser currentUser, MessageSource messages) {
		this.currentUser = currentUser;
		this.messages = messages;
	}

	/** The signed-in staff member has one of these roles ({@link Role} names). */
	public boolean has(String... roles) {
		return currentUser.get()
			.map(user -> Arrays.stream(roles).map(Role::valueOf).anyMatch(user::has))
			.orElse(false);
	}

	/** Someone is signed in (Spring Security's {@code isAuthenticated()}: authenticated and not anonymous). */
	public boolean signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.isAuthenticated();
	}

	/** The signed-in user's name, as {@code sec:authentication="name"} shows it. */
	public String name() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null ? null : authentication.getName();
	}

	/** The links the signed-in staff member sees, as HTML (labels escaped), in the request's language. */
	public String links() {
		Set<Role> roles = currentUser.get().map(StaffPrincipal::roles).orElse(Set.of());
		Key key = new Key(roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles), LocaleContextHolder.getLocale(),
				contextPath());
		return built.computeIfAbsent(key, this::build);
	}

	private String build(Key key) {
		StringBuilder html = new StringBuilder();
		for (Link link : LINKS) {
			if (!link.roles().isEmpty() && link.roles().stream().noneMatch(key.roles()::contains)) {
				continue;
			}
			html.append("\n    <a");
			if (link.id() != null) {
				html.append(" id=\"").append(link.id()).append('"');
			}
			html.append(" href=\"")
				.append(HtmlUtils.htmlEscape(key.contextPath() + link.path()))
				.append("\">")
				.append(HtmlUtils.htmlEscape(messages.getMessage(link.messageKey(), null, key.locale())))
				.append("</a>");
		}
		return html.append("\n  ").toString();
	}

	private static String contextPath() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest().getContextPath() : "";
	}
}
