package org.xinfang.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.support.Browser;
import org.xinfang.support.Fixtures;
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

	private String setting() {
		return jdbc.sql("SELECT setting || CASE WHEN source = 'session' THEN ' set in this session' ELSE '' END"
				+ " FROM pg_settings WHERE name = 'synchronous_commit'").query(String.class).single();
	}
}
