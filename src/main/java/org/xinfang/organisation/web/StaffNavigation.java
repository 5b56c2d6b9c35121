package org.xinfang.organisation.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The role checks of the staff navigation ({@code fragments/layout.html}), as {@code ${@staffNavigation.has('…')}}.
 * <p>
 * Same answer as {@code sec:authorize="hasAnyRole(…)"} (the default {@code ROLE_} prefix, no role hierarchy), without
 * its cost: the Thymeleaf Spring Security dialect looks up every {@code SecurityExpressionHandler} bean of the context,
 * parses the expression and builds an evaluation context on every use — ten times per staff page, about a tenth of
 * the CPU of rendering a work queue (BENCHMARKS.md, "Causes and fixes" 33).
 */
@Component
public class StaffNavigation {

	/** The signed-in user has one of these roles (names without the {@code ROLE_} prefix). */
	public boolean has(String... roles) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) {
			return false;
		}
		for (GrantedAuthority authority : auth.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("ROLE_")) {
				for (String role : roles) {
					if (name.length() == role.length() + 5 && name.endsWith(role)) {
						return true;
					}
				}
			}
		}
		return false;
	}
}
