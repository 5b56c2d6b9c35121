package org.xinfang.organisation.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Turns a session attribute's stored bytes into its value (the JDBC session store's {@code byte[] → Object}
 * conversion), reusing what an earlier read of the <em>same bytes</em> gave instead of running Java deserialisation
 * again (BENCHMARKS.md, "Causes and fixes" 110).
 *
 * <p>
 * The session stays in the database as the only truth: the store still reads the row and all its attributes' bytes on
 * every request, and a value is reused only when the bytes read now are equal, byte for byte, to bytes this instance
 * deserialised before. A session changed by another instance (a new security context, a new CSRF token) has other
 * bytes and is deserialised afresh; a deleted or expired one is not found by the store at all, so nothing here is
 * reached. Nothing depends on time.
 *
 * <p>
 * Reused are only the two values that every signed-in request reads, and only in a shape whose sharing is safe:
 * <ul>
 * <li>a {@link DefaultCsrfToken}: final, all its fields final strings — one instance is shared;</li>
 * <li>a {@link SecurityContextImpl} holding an authenticated {@link UsernamePasswordAuthenticationToken} of a
 * {@link StaffUserDetails} (whose {@link org.xinfang.organisation.StaffPrincipal} holds an unmodifiable role set),
 * with no credentials, {@link WebAuthenticationDetails} or none, and {@link SimpleGrantedAuthority} /
 * {@link FactorGrantedAuthority} authorities. The context, the token and the user details are mutable
 * ({@code setAuthentication}, {@code setDetails}, {@code setAuthenticated}, {@code eraseCredentials}), so every read
 * gets new ones of its own; only their immutable parts (the principal record, the authorities, the details, strings)
 * are shared.</li>
 * </ul>
 * Before a value is kept, a copy made from it is serialised and must give exactly the stored bytes; otherwise (a
 * field this class does not know about, another class) the value is never reused. Every other attribute is
 * deserialised on every read, as before.
 */
final class ReusingSessionDeserializer implements Converter<byte[], Object> {

	/** Distinct attribute values kept; when full, all are dropped and the cache fills again (two per session). */
	static final int CAPACITY = 4096;

	private final Converter<byte[], Object> deserializer;

	private final SerializingConverter serializer = new SerializingConverter();

	private final ConcurrentHashMap<StoredBytes, Object> reusable = new ConcurrentHashMap<>();

	ReusingSessionDeserializer(Converter<byte[], Object> deserializer) {
		this.deserializer = deserializer;
	}

	/**
	 * The conversion service of the session store: Java serialisation as spring-session's default (with the
	 * application's class loader), the reading side through this class.
	 */
	static GenericConversionService conversionService(ClassLoader classLoader) {
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
		conversions.addConverter(byte[].class, Object.class,
				new ReusingSessionDeserializer(new DeserializingConverter(classLoader)));
		return conversions;
	}

	@Override
	public Object convert(byte[] bytes) {
		StoredBytes key = new StoredBytes(bytes);
		Object template = reusable.get(key);
		if (template != null) {
			return copy(template);
		}
		Object value = deserializer.convert(bytes);
		Object kept = reusableCopy(value);
		if (kept != null && Arrays.equals(serializer.convert(copy(kept)), bytes)) {
			if (reusable.size() >= CAPACITY) {
				reusable.clear();
			}
			reusable.put(new StoredBytes(bytes.clone()), kept);
		}
		return value;
	}

	/** How many distinct values are kept now (for tests). */
	int kept() {
		return reusable.size();
	}

	/** A copy of a freshly deserialised value to keep, or {@code null} when the value is not of a reusable shape. */
	private static Object reusableCopy(Object value) {
		if (value instanceof DefaultCsrfToken token) {
			return token;
		}
		if (value == null || value.getClass() != SecurityContextImpl.class) {
			return null;
		}
		if (!(((SecurityContextImpl) value).getAuthentication() instanceof UsernamePasswordAuthenticationToken token)
				|| token.getClass() != UsernamePasswordAuthenticationToken.class || !token.isAuthenticated()
				|| token.getCredentials() != null || !(token.getPrincipal() instanceof StaffUserDetails user)
				|| !user.shareable() || !immutable(token.getAuthorities())) {
			return null;
		}
		Object details = token.getDetails();
		if (details != null && details.getClass() != WebAuthenticationDetails.class) {
			return null;
		}
		return copy(value);
	}

	private static boolean immutable(Collection<GrantedAuthority> authorities) {
		for (GrantedAuthority authority : authorities) {
			Class<?> type = authority.getClass();
			if (type != SimpleGrantedAuthority.class && type != FactorGrantedAuthority.class) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A value of its own for one read: the CSRF token itself (immutable); a new context, token and user details
	 * around the shared immutable parts.
	 */
	private static Object copy(Object template) {
		if (!(template instanceof SecurityContextImpl context)) {
			return template;
		}
		UsernamePasswordAuthenticationToken token = (UsernamePasswordAuthenticationToken) context.getAuthentication();
		UsernamePasswordAuthenticationToken own = UsernamePasswordAuthenticationToken
			.authenticated(((StaffUserDetails) token.getPrincipal()).copy(), null, token.getAuthorities());
		own.setDetails(token.getDetails());
		return new SecurityContextImpl(own);
	}

	/** Stored bytes as a key: equal when every byte is equal. */
	private static final class StoredBytes {

		private final byte[] bytes;

		private final int hash;

		StoredBytes(byte[] bytes) {
			this.bytes = bytes;
			this.hash = Arrays.hashCode(bytes);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof StoredBytes that && hash == that.hash && Arrays.equals(bytes, that.bytes);
		}

		@Override
		public int hashCode() {
			return hash;
		}
	}

	/** Whether a role set is one of the JDK's unmodifiable sets ({@link Set#copyOf} returns those as they are). */
	static boolean unmodifiable(Set<?> set) {
		try {
			return Set.copyOf(set) == set;
		}
		catch (NullPointerException ex) {
			return false;
		}
	}
}
