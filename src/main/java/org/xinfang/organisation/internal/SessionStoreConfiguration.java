package org.xinfang.organisation.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JDBC session store (spring-session-jdbc): its transactions commit without waiting for the WAL flush, it
 * writes a session's last access time only when it moved by a minute or more ({@link SparseAccessSessionRepository},
 * BENCHMARKS.md, "Causes and fixes" 50 and 51), and it deserialises an attribute's stored bytes once per distinct
 * bytes rather than once per request ({@link ReusingSessionDeserializer}, 110).
 *
 * <p>
 * Left to itself the store writes {@code spring_session.last_access_time} at the end of every request of a signed-in
 * user, a read included (now: at most once a minute, and whenever something else in the session changed). Committed
 * synchronously, each of those writes waits for an fsync of the WAL: 1–10 ms on this
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
	SessionTransactionOperations springSessionTransactionOperations(PlatformTransactionManager transactions,
			DataSource dataSource) {
		return new SessionTransactionOperations(transactions, dataSource);
	}

	/**
	 * Wraps the JDBC session store so that a request writes the session only when something in it changed or its
	 * last access time moved by a minute or more, and reads it outside a transaction
	 * ({@link SparseAccessSessionRepository}). Under a flush or save mode other than the defaults the store is left
	 * as it is (the wrapper could then miss a write the store would make).
	 */
	@Bean
	static BeanPostProcessor sparseAccessSessionStore(ObjectProvider<SessionTransactionOperations> transactions,
			ObjectProvider<JdbcSessionProperties> properties) {
		return new BeanPostProcessor() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof JdbcIndexedSessionRepository store)) {
					return bean;
				}
				// two concurrent first pages of a session both add its CSRF token: the second INSERT failed the
				// request (500) on the attributes' primary key; spring-session's PostgreSQL form upserts (111)
				new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(store);
				// the stored bytes of an attribute are deserialised once per distinct bytes, not once per request
				store.setConversionService(
						ReusingSessionDeserializer.conversionService(SessionStoreConfiguration.class.getClassLoader()));
				JdbcSessionProperties settings = properties.getIfAvailable();
				if (settings != null && (settings.getFlushMode() != FlushMode.ON_SAVE
						|| settings.getSaveMode() != SaveMode.ON_SET_ATTRIBUTE)) {
					return bean;
				}
				return new SparseAccessSessionRepository(store, transactions.getObject());
			}
		};
	}

	/**
	 * Reads a session at most once per request (see {@link SparseAccessSessionRepository#withinRequest}): runs just
	 * outside spring-session's filter, so that the scope spans both of its commits.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> sessionReadOncePerRequest(
			ObjectProvider<SessionRepository<?>> repositories) {
		OncePerRequestFilter filter = new OncePerRequestFilter() {

			private volatile Object repository;

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				Object found = repository;
				if (found == null) {
					SessionRepository<?> unique = repositories.getIfUnique();
					found = unique == null ? Boolean.FALSE : unique;
					repository = found;
				}
				if (found instanceof SparseAccessSessionRepository<?> sparse) {
					sparse.withinRequest(() -> chain.doFilter(request, response));
				}
				else {
					chain.doFilter(request, response);
				}
			}
		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	/**
	 * The session store's transactions: each a transaction of its own (as spring-session's default, even inside a
	 * request's transaction) committed without waiting for the WAL flush; or none, for the single {@code SELECT}
	 * that reads a session ({@link #singleStatements}).
	 */
	static final class SessionTransactionOperations
			implements TransactionOperations, SparseAccessSessionRepository.SessionStoreTransactions {

		private final TransactionTemplate template;

		private final JdbcTemplate jdbc;

		private final ThreadLocal<Boolean> single = new ThreadLocal<>();

		SessionTransactionOperations(PlatformTransactionManager transactions, DataSource dataSource) {
			this.template = new TransactionTemplate(transactions);
			this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			this.jdbc = new JdbcTemplate(dataSource);
		}

		@Override
		public <T> T execute(TransactionCallback<T> action) {
			if (Boolean.TRUE.equals(single.get())) {
				// each statement commits by itself (auto-commit), as one statement in a transaction would
				return action.doInTransaction(new SimpleTransactionStatus(false));
			}
			return template.execute(status -> {
				jdbc.execute("SET LOCAL synchronous_commit = off");
				return action.doInTransaction(status);
			});
		}

		/**
		 * Runs work of the store that sends one statement per transaction callback (reading a session, deleting an
		 * expired one) without opening transactions: BEGIN, the setting and COMMIT would be three of its four
		 * round trips.
		 */
		@Override
		public <T> T singleStatements(Supplier<T> work) {
			Boolean before = single.get();
			single.set(Boolean.TRUE);
			try {
				return work.get();
			}
			finally {
				if (before == null) {
					single.remove();
				}
				else {
					single.set(before);
				}
			}
		}
	}
}
