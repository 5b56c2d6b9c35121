package org.xinfang.organisation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;

/** What the session store writes per request ({@link SparseAccessSessionRepository}), against a recording store. */
class SparseAccessSessionRepositoryTests {

	private final RecordingStore store = new RecordingStore();

	private final List<String> singleStatementWork = new ArrayList<>();

	private final SparseAccessSessionRepository<MapSession> sessions = new SparseAccessSessionRepository<>(store,
			new SparseAccessSessionRepository.SessionStoreTransactions() {
				@Override
				public <T> T singleStatements(Supplier<T> work) {
					singleStatementWork.add("read");
					return work.get();
				}
			});

	private final Instant stored = Instant.parse("2026-11-22T07:00:00Z");

	@Test
	void anAccessWithinAMinuteOfTheStoredOneIsNotWritten() {
		store.put(session("a", stored));
		var s = sessions.findById("a");
		s.setLastAccessedTime(stored.plusSeconds(59));
		sessions.save(s);
		assertThat(store.saves).isEmpty();
		assertThat(s.getLastAccessedTime()).isEqualTo(stored.plusSeconds(59));
		assertThat(singleStatementWork).containsExactly("read");
	}

	@Test
	void anAccessAMinuteOnIsWrittenOnceNotTwice() {
		store.put(session("a", stored));
		var s = sessions.findById("a");
		s.setLastAccessedTime(stored.plusSeconds(60));
		sessions.save(s);
		assertThat(store.saves).containsExactly("a@" + stored.plusSeconds(60));
		var again = sessions.findById("a");
		again.setLastAccessedTime(stored.plusSeconds(90));
		sessions.save(again);
		assertThat(store.saves).hasSize(1);
	}

	@Test
	void aChangedAttributeIsWrittenWithTheCurrentAccessTime() {
		store.put(session("a", stored));
		var s = sessions.findById("a");
		s.setLastAccessedTime(stored.plusSeconds(10));
		s.setAttribute("x", "y");
		sessions.save(s);
		assertThat(store.saves).containsExactly("a@" + stored.plusSeconds(10));
		assertThat(store.sessions.get("a").<String>getAttribute("x")).isEqualTo("y");
	}

	@Test
	void newSessionsAndChangedIdsOrTimeoutsAreWritten() {
		var created = sessions.createSession();
		sessions.save(created);
		assertThat(store.saves).hasSize(1);
		store.put(session("b", stored));
		var b = sessions.findById("b");
		b.setMaxInactiveInterval(Duration.ofHours(1));
		sessions.save(b);
		var b2 = sessions.findById("b");
		b2.changeSessionId();
		sessions.save(b2);
		assertThat(store.saves).hasSize(3);
	}

	@Test
	void expiryCountsFromTheLatestAccessNotTheStoredOne() {
		Instant now = Instant.now();
		store.put(session("a", now.minus(Duration.ofHours(8)).minusSeconds(30)));
		var s = sessions.findById("a");
		assertThat(s.isExpired()).isTrue();
		s.setLastAccessedTime(now);
		assertThat(s.isExpired()).isFalse();
	}

	@Test
	void aRequestReadsItsSessionOnceEvenAcrossTheFiltersTwoCommits() throws Exception {
		store.put(session("a", stored));
		sessions.withinRequest(() -> {
			var s = sessions.findById("a");
			s.setLastAccessedTime(stored.plusSeconds(5));
			sessions.save(s); // the commit when the response is committed
			assertThat(sessions.findById("a")).isSameAs(s); // spring-session asks again for the requested id
			sessions.save(s); // the commit at the end of the request
		});
		assertThat(store.reads).isEqualTo(1);
		assertThat(store.saves).isEmpty();
		sessions.withinRequest(() -> sessions.findById("a"));
		assertThat(store.reads).isEqualTo(2); // a new request reads again
	}

	@Test
	void withinARequestAChangedIdOrADeletedSessionIsNotFoundUnderTheOldId() throws Exception {
		store.put(session("a", stored));
		store.put(session("b", stored));
		sessions.withinRequest(() -> {
			var a = sessions.findById("a");
			String newId = a.changeSessionId();
			sessions.save(a);
			assertThat(sessions.findById("a")).isNull();
			assertThat(sessions.findById(newId)).isSameAs(a);
			var b = sessions.findById("b");
			sessions.deleteById(b.getId());
			assertThat(sessions.findById("b")).isNull();
		});
		assertThat(store.sessions).doesNotContainKeys("a", "b");
	}

	private static MapSession session(String id, Instant lastAccess) {
		MapSession s = new MapSession(id);
		s.setCreationTime(lastAccess.minusSeconds(600));
		s.setLastAccessedTime(lastAccess);
		s.setMaxInactiveInterval(Duration.ofHours(8));
		return s;
	}

	/** Keeps copies, as a database would: a change is stored only by {@link #save}. */
	static final class RecordingStore implements FindByIndexNameSessionRepository<MapSession> {

		final Map<String, MapSession> sessions = new HashMap<>();

		final List<String> saves = new ArrayList<>();

		int reads;

		void put(MapSession s) {
			sessions.put(s.getId(), new MapSession(s));
		}

		@Override
		public MapSession createSession() {
			return new MapSession();
		}

		@Override
		public void save(MapSession session) {
			saves.add(session.getId() + "@" + session.getLastAccessedTime());
			if (!session.getId().equals(session.getOriginalId())) {
				sessions.remove(session.getOriginalId());
			}
			put(session);
		}

		@Override
		public MapSession findById(String id) {
			reads++;
			MapSession s = sessions.get(id);
			return s == null ? null : new MapSession(s);
		}

		@Override
		public void deleteById(String id) {
			sessions.remove(id);
		}

		@Override
		public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return Map.of();
		}
	}
}
