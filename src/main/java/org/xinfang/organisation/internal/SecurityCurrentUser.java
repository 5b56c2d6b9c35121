package org.xinfang.organisation.internal;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.organisation.StaffPrincipal;

@Component
class SecurityCurrentUser implements CurrentUser {

	@Override
	public Optional<StaffPrincipal> get() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof StaffUserDetails details) {
			return Optional.of(details.principal());
		}
		return Optional.empty();
	}

	@Override
	public StaffPrincipal require() {
		return get().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("staff sign-in required"));
	}
}
