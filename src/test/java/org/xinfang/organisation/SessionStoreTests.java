package org.xinfang.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
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
}
