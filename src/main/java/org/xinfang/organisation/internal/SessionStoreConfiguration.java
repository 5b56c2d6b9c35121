package org.xinfang.organisation.internal;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions of the JDBC session store (spring-session-jdbc) commit without waiting for the WAL flush.
 *
 * <p>
 * The store writes {@code spring_session.last_access_time} at the end of every request of a signed-in user, a
 * read included. Committed synchronously, each of those writes waits for an fsync of the WAL: 1–10 ms on this
 * machine, on every page and every API call (BENCHMARKS.md, "Causes and fixes"). What a crash can lose with
 * {@code synchronous_commit = off} is the session writes of the last ~0.6 s (three WAL-writer delays) before a
 * database crash: a last-access time (harmless), a sign-in just made (the user signs in again) or a sign-out
 * just made (the browser has dropped the cookie already; the session would then live until its timeout). The
 * removal of a user's sessions by an administrator ({@code JdbcOrganisationAdministration}: disabled account,
 * reset password, changed roles) does not run here and stays synchronous. The setting is {@code SET LOCAL}: it
 * ends with the transaction and never leaks into the pool.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	/**
	 * The application's {@link TransactionTemplate}, as Spring Boot's {@code TransactionAutoConfiguration} defines
	 * it: Boot backs off as soon as any {@link TransactionOperations} bean exists, the session store's below
	 * included.
	 */
	@Bean
	TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
		return new TransactionTemplate(transactions);
	}

	/** Picked up by name by spring-session's {@code JdbcHttpSessionConfiguration}. */
	@Bean
	TransactionOperations springSessionTransactionOperations(PlatformTransactionManager transactions,
			DataSource dataSource) {
		// as spring-session's own default: a transaction of its own, even inside a request's transaction
		TransactionTemplate template = new TransactionTemplate(transactions);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		return new TransactionOperations() {
			@Override
			public <T> T execute(TransactionCallback<T> action) {
				return template.execute(status -> {
					jdbc.execute("SET LOCAL synchronous_commit = off");
					return action.doInTransaction(status);
				});
			}
		};
	}
}
