package org.xinfang.organisation.internal;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * The JDBC session store (spring-session-jdbc), writing a session's last access time only when it has moved by
 * {@link #ACCESS_WRITE_INTERVAL} or more since it was stored, and reading a session outside a transaction.
 *
 * <p>
 * spring-session stamps the session with the time of every request, and the JDBC store then {@code UPDATE}s
 * {@code spring_session} (last access and expiry time) in a transaction of its own after every request of a
 * signed-in user, a read included; the read of the session is a transaction of its own too. That was 8 of the
 * ~12 statements of a work-queue page at a million matters (BENCHMARKS.md, Causes and fixes 34 and 50). Here a
 * session that nothing changed in a request is not saved at all unless its stored last access time is a minute
 * old or more; a change of an attribute, the session id or the timeout is saved as before (with the current
 * access time).
 *
 * <p>
 * What this does to the timeout: the stored last access time (and {@code expiry_time}, from which the store's
 * clean-up deletes sessions and which every instance reads) lags the real one by less than a minute, so a session
 * expires at most a minute <em>earlier</em> than its timeout after the last request — never later. Sessions stay in
 * the database, so every instance sharing it serves every signed-in user as before; two instances stamping one
 * session within the minute both skip the write.
 *
 * <p>
 * The skipping relies on the store's defaults, flush mode {@code ON_SAVE} and save mode {@code ON_SET_ATTRIBUTE}
 * (an attribute is written when it is set, not when it is read); {@link SessionStoreConfiguration} leaves the store
 * unwrapped under any other setting.
 */
final class SparseAccessSessionRepository<S extends Session>
		implements FindByIndexNameSessionRepository<SparseAccessSessionRepository.StoredSession<S>> {

	/** A last access time is written when it has moved by this much since it was stored. */
	static final Duration ACCESS_WRITE_INTERVAL = Duration.ofMinutes(1);

	private final FindByIndexNameSessionRepository<S> store;

	private final SessionStoreTransactions transactions;

	/** The sessions read or saved in the current request ({@link #withinRequest}), by the id they were asked for. */
	private final ThreadLocal<Map<String, StoredSession<S>>> request = new ThreadLocal<>();

	SparseAccessSessionRepository(FindByIndexNameSessionRepository<S> store, SessionStoreTransactions transactions) {
		this.store = store;
		this.transactions = transactions;
	}

	@Override
	public StoredSession<S> createSession() {
		return new StoredSession<>(store.createSession(), true);
	}

	@Override
	public void save(StoredSession<S> session) {
		if (session.isNew || session.changed) {
			session.syncLastAccessedTime();
			store.save(session.stored);
			session.isNew = false;
			session.changed = false;
		}
		Map<String, StoredSession<S>> seen = request.get();
		if (seen != null) {
			seen.put(session.getId(), session);
		}
	}

	@Override
	public StoredSession<S> findById(String id) {
		Map<String, StoredSession<S>> seen = request.get();
		if (seen != null && seen.containsKey(id)) {
			// as the database has it now: saved (or left alone) by this request; under a changed id, gone
			StoredSession<S> known = seen.get(id);
			return known.getId().equals(id) ? known : null;
		}
		// one SELECT (the session row joined with its attributes): it needs no transaction of its own
		S found = transactions.singleStatements(() -> store.findById(id));
		StoredSession<S> session = found == null ? null : new StoredSession<>(found, false);
		if (seen != null && session != null) {
			seen.put(id, session);
		}
		return session;
	}

	@Override
	public void deleteById(String id) {
		Map<String, StoredSession<S>> seen = request.get();
		if (seen != null) {
			seen.values().removeIf(s -> s.getId().equals(id));
			seen.remove(id);
		}
		store.deleteById(id);
	}

	/**
	 * Runs a request, reading each session from the database at most once in it. spring-session's filter commits
	 * the session twice, when the response is committed and when the request ends, and the second time it reads
	 * the requested session again (it has cleared its cache of it): a second {@code SELECT} per request. Within
	 * the request the session is then answered as this repository last read or saved it, which is what the
	 * database holds.
	 */
	void withinRequest(RequestWork work) throws IOException, ServletException {
		if (request.get() != null) {
			work.run();
			return;
		}
		request.set(new HashMap<>());
		try {
			work.run();
		}
		finally {
			request.remove();
		}
	}

	@Override
	public Map<String, StoredSession<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		Map<String, StoredSession<S>> found = new HashMap<>();
		store.findByIndexNameAndIndexValue(indexName, indexValue)
			.forEach((id, s) -> found.put(id, new StoredSession<>(s, false)));
		return found;
	}

	/** A session of the store; forwards every change but a last access time less than a minute on. */
	static final class StoredSession<S extends Session> implements Session {

		private final S stored;

		private boolean isNew;

		private boolean changed;

		private Instant lastAccessedTime;

		private StoredSession(S stored, boolean isNew) {
			this.stored = stored;
			this.isNew = isNew;
			this.lastAccessedTime = stored.getLastAccessedTime();
		}

		private void syncLastAccessedTime() {
			if (!lastAccessedTime.equals(stored.getLastAccessedTime())) {
				stored.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public void setLastAccessedTime(Instant time) {
			this.lastAccessedTime = time;
			Duration moved = Duration.between(stored.getLastAccessedTime(), time);
			if (moved.compareTo(ACCESS_WRITE_INTERVAL) >= 0 || moved.isNegative()) {
				changed = true;
			}
		}

		@Override
		public Instant getLastAccessedTime() {
			return lastAccessedTime;
		}

		@Override
		public boolean isExpired() {
			Duration timeout = stored.getMaxInactiveInterval();
			return !timeout.isNegative() && !Instant.now().minus(timeout).isBefore(lastAccessedTime);
		}

		@Override
		public String getId() {
			return stored.getId();
		}

		@Override
		public String changeSessionId() {
			changed = true;
			return stored.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String name) {
			return stored.getAttribute(name);
		}

		@Override
		public Set<String> getAttributeNames() {
			return stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			changed = true;
			stored.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			changed = true;
			stored.removeAttribute(name);
		}

		@Override
		public Instant getCreationTime() {
			return stored.getCreationTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			changed = true;
			stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return stored.getMaxInactiveInterval();
		}
	}

	/** A request's processing (the rest of the filter chain). */
	interface RequestWork {

		void run() throws IOException, ServletException;
	}

	/** Runs the store's work in a transaction of its own, or, for a single statement, without one. */
	interface SessionStoreTransactions {

		<T> T singleStatements(Supplier<T> work);
	}
}
