package org.xinfang.organisation.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.xinfang.organisation.StaffPrincipal;

/** Spring Security's view of a staff account; kept in the (database-backed) session, so serializable. */
final class StaffUserDetails implements UserDetails, CredentialsContainer {

	/**
	 * The value the JVM computed for this class before it declared one: sessions stored by earlier versions (and by
	 * other instances still running them) must stay readable when methods are added here.
	 */
	private static final long serialVersionUID = -8259098179647032447L;

	private final StaffPrincipal principal;

	private String passwordHash;

	private final boolean enabled;

	private final OffsetDateTime lockedUntil;

	private final long checkedAtEpochMilli;

	StaffUserDetails(StaffPrincipal principal, String passwordHash, boolean enabled, OffsetDateTime lockedUntil,
			Clock clock) {
		this.principal = principal;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
		this.lockedUntil = lockedUntil;
		this.checkedAtEpochMilli = clock.millis();
	}

	private StaffUserDetails(StaffUserDetails other) {
		this.principal = other.principal;
		this.passwordHash = other.passwordHash;
		this.enabled = other.enabled;
		this.lockedUntil = other.lockedUntil;
		this.checkedAtEpochMilli = other.checkedAtEpochMilli;
	}

	/**
	 * A copy with the same fields, for one request's security context read from the session
	 * ({@link ReusingSessionDeserializer}): {@link #eraseCredentials()} on it leaves this one alone.
	 */
	StaffUserDetails copy() {
		return new StaffUserDetails(this);
	}

	/**
	 * Whether the parts a {@link #copy()} shares are immutable: the principal is a record of strings, numbers and a
	 * role set, which must be an unmodifiable one; the lock time is an {@link OffsetDateTime}.
	 */
	boolean shareable() {
		return principal.roles() != null && ReusingSessionDeserializer.unmodifiable(principal.roles());
	}

	StaffPrincipal principal() {
		return principal;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return principal.roles().stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return principal.username();
	}

	@Override
	public boolean isAccountNonLocked() {
		return lockedUntil == null || lockedUntil.toInstant().toEpochMilli() <= checkedAtEpochMilli;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public String toString() {
		return principal.username();
	}
}
