package org.xinfang.organisation.web;

import java.util.Arrays;
import org.springframework.stereotype.Component;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.Role;

/**
 * The role checks of the staff navigation ({@code fragments/layout.html}), as {@code ${@staffNavigation.has('…')}}:
 * the signed-in staff member's roles as {@link CurrentUser} knows them.
 * <p>
 * Not {@code sec:authorize="hasAnyRole(…)"}: the Thymeleaf Spring Security dialect looks up every
 * {@code SecurityExpressionHandler} bean of the context, parses the expression and builds an evaluation context on
 * every use — ten times per staff page, about a tenth of the CPU of rendering a work queue (BENCHMARKS.md, "Causes
 * and fixes" 33).
 */
@Component
public class StaffNavigation {

	private final CurrentUser currentUser;

	StaffNavigation(CurrentUser currentUser) {
		this.currentUser = currentUser;
	}

	/** The signed-in staff member has one of these roles ({@link Role} names). */
	public boolean has(String... roles) {
		return currentUser.get()
			.map(user -> Arrays.stream(roles).map(Role::valueOf).anyMatch(user::has))
			.orElse(false);
	}
}
