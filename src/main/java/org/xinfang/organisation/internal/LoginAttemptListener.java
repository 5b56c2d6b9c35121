package org.xinfang.organisation.internal;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Counts wrong passwords per account (locking it) and clears the count on a successful sign-in. */
@Component
class LoginAttemptListener {

	private final JdbcStaffDirectory directory;

	LoginAttemptListener(JdbcStaffDirectory directory) {
		this.directory = directory;
	}

	@EventListener
	void onFailure(AuthenticationFailureBadCredentialsEvent event) {
		directory.loginFailed(String.valueOf(event.getAuthentication().getPrincipal()));
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		directory.loginSucceeded(event.getAuthentication().getName());
	}
}
