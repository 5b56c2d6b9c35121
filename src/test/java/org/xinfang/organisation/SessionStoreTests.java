package org.xinfang.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.support.Browser;
import org.xinfang.support.Fixtures;
import org.xinfang.support.FormClient;
import org.xinfang.support.XinfangTest;

/** Sessions live in the database, so any instance sharing it can serve a signed-in user. */
@XinfangTest
class SessionStoreTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("springSessionTransactionOperations")
	TransactionOperations sessionTransactions;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void signedInSessionIsStoredInTheDatabase() {
		StaffPrincipal user = fixtures.user(fixtures.commission(), Role.SUPERVISOR);
		try (Browser browser = Browser.open(port)) {
			browser.signIn(user.username(), Fixtures.PASSWORD);
			assertThat(browser.path()).isEqualTo("/staff");
		}
		long sessions = jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :name")
			.param("name", user.username())
			.query(Long.class)
			.single();
		assertThat(sessions).isEqualTo(1);
	}

	@Test
	void sessionWritesDoNotWaitForTheWalFlushAndTheSettingEndsWithTheTransaction() {
		// the session store writes the last access time on every request (BENCHMARKS.md, "Causes and fixes");
		// the test database may run without synchronous commit anyway, so the setting's source is checked too
		String inSessionStore = sessionTransactions.execute(s -> setting());
		String inOtherTransaction = transactions.execute(s -> setting());
		assertThat(inSessionStore).isEqualTo("off set in this session");
		assertThat(inOtherTransaction).doesNotEndWith("set in this session");
		assertThat(setting()).doesNotEndWith("set in this session");
	}

	@Test
	void lastAccessIsWrittenOnlyWhenItMovedByAMinuteYetTheSessionExpires() {
		StaffPrincipal user = fixtures.user(fixtures.commission(), Role.SUPERVISOR);
		FormClient client = new FormClient(port).signIn(user.username(), Fixtures.PASSWORD);
		assertThat(client.get("/staff").statusCode()).isEqualTo(200);
		long stored = lastAccess(user);
		// requests within a minute of the stored access time leave the row alone (before: one UPDATE each)
		assertThat(client.get("/staff").statusCode()).isEqualTo(200);
		assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(200);
		assertThat(lastAccess(user)).isEqualTo(stored);

		// stored access a minute and a second ago: the next request writes the access time and the expiry again
		long minuteAgo = stored - 61_000;
		jdbc.sql("UPDATE spring_session SET last_access_time = :t, expiry_time = :t + max_inactive_interval * 1000"
				+ " WHERE principal_name = :name").param("t", minuteAgo).param("name", user.username()).update();
		assertThat(client.get("/staff").statusCode()).isEqualTo(200);
		long written = lastAccess(user);
		assertThat(written).isGreaterThanOrEqualTo(stored);
		long expiry = jdbc.sql("SELECT expiry_time - max_inactive_interval * 1000 FROM spring_session"
				+ " WHERE principal_name = :name").param("name", user.username()).query(Long.class).single();
		assertThat(expiry).isEqualTo(written);

		// the timeout still ends the session: past its expiry the next request is not signed in, the row is deleted
		long nineHoursAgo = System.currentTimeMillis() - 9 * 3600_000L;
		jdbc.sql("UPDATE spring_session SET last_access_time = :t, expiry_time = :t + max_inactive_interval * 1000"
				+ " WHERE principal_name = :name").param("t", nineHoursAgo).param("name", user.username()).update();
		HttpResponse<String> expired = client.get("/staff");
		assertThat(expired.statusCode()).isEqualTo(302);
		assertThat(expired.headers().firstValue("Location").orElse("")).endsWith("/login");
		assertThat(sessions(user)).isZero();
	}

	private long lastAccess(StaffPrincipal user) {
		return jdbc.sql("SELECT last_access_time FROM spring_session WHERE principal_name = :name")
			.param("name", user.username())
			.query(Long.class)
			.single();
	}

	private long sessions(StaffPrincipal user) {
		return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :name")
			.param("name", user.username())
			.query(Long.class)
			.single();
	}

	private String setting() {
		return jdbc.sql("SELECT setting || CASE WHEN source = 'session' THEN ' set in this session' ELSE '' END"
				+ " FROM pg_settings WHERE name = 'synchronous_commit'").query(String.class).single();
	}
}
