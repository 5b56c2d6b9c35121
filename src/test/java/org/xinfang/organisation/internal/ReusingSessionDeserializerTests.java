package org.xinfang.organisation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;

/**
 * The session attributes' values reused across reads of the same stored bytes ({@link ReusingSessionDeserializer}):
 * deserialised once, every read of the security context gets objects of its own, other bytes or other shapes are
 * deserialised afresh.
 */
class ReusingSessionDeserializerTests {

	private final SerializingConverter serializer = new SerializingConverter();

	private final AtomicInteger deserialised = new AtomicInteger();

	private final DeserializingConverter plain = new DeserializingConverter(getClass().getClassLoader());

	private final ReusingSessionDeserializer values = new ReusingSessionDeserializer(bytes -> {
		deserialised.incrementAndGet();
		return plain.convert(bytes);
	});

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T07:00:00Z"), ZoneOffset.UTC);

	@Test
	void aSignedInContextIsDeserialisedOnceAndEveryReadGetsObjectsOfItsOwn() {
		byte[] stored = serializer.convert(context("handler", Set.of(Role.HANDLER)));
		SecurityContextImpl first = (SecurityContextImpl) values.convert(stored);
		SecurityContextImpl second = (SecurityContextImpl) values.convert(stored);
		SecurityContextImpl third = (SecurityContextImpl) values.convert(stored);
		assertThat(deserialised).hasValue(1);
		assertThat(values.kept()).isEqualTo(1);
		// the same value as deserialisation gives, down to the bytes it serialises to
		assertThat(serializer.convert(second)).isEqualTo(stored);
		assertThat(serializer.convert(third)).isEqualTo(stored);
		// but nothing mutable is shared between reads: context, token, user details
		assertThat(second).isNotSameAs(first).isNotSameAs(third);
		assertThat(second.getAuthentication()).isNotSameAs(third.getAuthentication());
		assertThat(second.getAuthentication().getPrincipal()).isNotSameAs(third.getAuthentication().getPrincipal());

		// whatever a request does to its context, the next read is as stored
		UsernamePasswordAuthenticationToken token = (UsernamePasswordAuthenticationToken) second.getAuthentication();
		token.setDetails("changed");
		token.setAuthenticated(false);
		((StaffUserDetails) token.getPrincipal()).eraseCredentials();
		token.eraseCredentials();
		second.setAuthentication(null);
		SecurityContextImpl next = (SecurityContextImpl) values.convert(stored);
		assertThat(serializer.convert(next)).isEqualTo(stored);
		assertThat(next.getAuthentication().isAuthenticated()).isTrue();
		assertThat(next.getAuthentication().getDetails()).isInstanceOf(WebAuthenticationDetails.class);
		assertThat(serializer.convert(third)).isEqualTo(stored);
	}

	@Test
	void aPasswordHashLeftInTheUserDetailsIsCopiedNotShared() {
		// eraseCredentials on one read's user details must not reach another read's
		byte[] stored = serializer.convert(context(details("handler", Set.of(Role.HANDLER), "hash")));
		SecurityContextImpl first = (SecurityContextImpl) values.convert(stored);
		SecurityContextImpl second = (SecurityContextImpl) values.convert(stored);
		((StaffUserDetails) second.getAuthentication().getPrincipal()).eraseCredentials();
		SecurityContextImpl third = (SecurityContextImpl) values.convert(stored);
		assertThat(((StaffUserDetails) third.getAuthentication().getPrincipal()).getPassword()).isEqualTo("hash");
		assertThat(serializer.convert(first)).isEqualTo(stored);
		assertThat(deserialised).hasValue(1);
	}

	@Test
	void otherBytesAreDeserialisedAfreshNeverAnsweredWithTheOldValue() {
		byte[] handler = serializer.convert(context("someone", Set.of(Role.HANDLER)));
		byte[] supervisor = serializer.convert(context("someone", Set.of(Role.SUPERVISOR)));
		values.convert(handler);
		SecurityContextImpl changed = (SecurityContextImpl) values.convert(supervisor);
		assertThat(deserialised).hasValue(2);
		assertThat(changed.getAuthentication().getAuthorities()).extracting(a -> a.getAuthority())
			.containsExactly(Role.SUPERVISOR.authority(), FactorGrantedAuthority.PASSWORD_AUTHORITY);
		// one byte of difference is a difference
		byte[] flipped = handler.clone();
		int at = indexOf(flipped, "someone".getBytes());
		flipped[at] = 'S';
		SecurityContextImpl other = (SecurityContextImpl) values.convert(flipped);
		assertThat(other.getAuthentication().getName()).isEqualTo("Someone");
		assertThat(deserialised).hasValue(3);
	}

	@Test
	void theCsrfTokenIsImmutableAndShared() {
		DefaultCsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "abc-123");
		byte[] stored = serializer.convert(token);
		Object first = values.convert(stored);
		Object second = values.convert(stored);
		assertThat(second).isSameAs(first);
		assertThat(((DefaultCsrfToken) second).getToken()).isEqualTo("abc-123");
		assertThat(deserialised).hasValue(1);
		byte[] rotated = serializer.convert(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "def-456"));
		assertThat(((DefaultCsrfToken) values.convert(rotated)).getToken()).isEqualTo("def-456");
		assertThat(deserialised).hasValue(2);
	}

	@Test
	void otherValuesAndShapesAreDeserialisedOnEveryRead() {
		// a mutable list (e.g. flash maps), a context of another principal, one with a modifiable role set
		List<byte[]> others = List.of(serializer.convert(new ArrayList<>(List.of("a", "b"))),
				serializer.convert(new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("plain",
						null, List.of(new SimpleGrantedAuthority("ROLE_X"))))),
				serializer.convert(context(details("handler", EnumSet.of(Role.HANDLER), null))),
				serializer.convert(new SecurityContextImpl()));
		for (byte[] stored : others) {
			Object first = values.convert(stored);
			Object second = values.convert(stored);
			assertThat(second).isNotSameAs(first);
			assertThat(serializer.convert(second)).isEqualTo(stored);
		}
		assertThat(deserialised).hasValue(8);
		assertThat(values.kept()).isZero();
	}

	@Test
	void aFullCacheStartsAgainAndStaysCorrect() {
		byte[] first = serializer.convert(new DefaultCsrfToken("h", "p", "t-first"));
		values.convert(first);
		for (int i = 0; i < ReusingSessionDeserializer.CAPACITY; i++) {
			values.convert(serializer.convert(new DefaultCsrfToken("h", "p", "t" + i)));
		}
		assertThat(values.kept()).isLessThanOrEqualTo(ReusingSessionDeserializer.CAPACITY);
		assertThat(((DefaultCsrfToken) values.convert(first)).getToken()).isEqualTo("t-first");
	}

	@Test
	void theUserDetailsKeepTheSerialVersionThatStoredSessionsWereWrittenWith() {
		// computed by the JVM for the class as it was up to 0bcd00b; a new value would make every stored session
		// unreadable (SerializationFailedException) after an upgrade, and between instances of two versions
		assertThat(java.io.ObjectStreamClass.lookup(StaffUserDetails.class).getSerialVersionUID())
			.isEqualTo(-8259098179647032447L);
	}

	private SecurityContextImpl context(String username, Set<Role> roles) {
		return context(details(username, roles, null));
	}

	private SecurityContextImpl context(StaffUserDetails user) {
		List<Object> authorities = new ArrayList<>(user.getAuthorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
		@SuppressWarnings("unchecked")
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user, null,
				(List<org.springframework.security.core.GrantedAuthority>) (List<?>) authorities);
		token.setDetails(new WebAuthenticationDetails("127.0.0.1", "session-1"));
		return new SecurityContextImpl(token);
	}

	private StaffUserDetails details(String username, Set<Role> roles, String hash) {
		StaffPrincipal principal = new StaffPrincipal(7, username, "某某", 3, "U3", "某医院", "1.3.", roles);
		return new StaffUserDetails(principal, hash, true, null, clock);
	}

	private static int indexOf(byte[] in, byte[] part) {
		outer: for (int i = 0; i + part.length <= in.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (in[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new AssertionError("not found");
	}
}
