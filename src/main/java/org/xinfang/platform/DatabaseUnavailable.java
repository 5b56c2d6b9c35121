package org.xinfang.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database cannot be reached right now: the pool timed out waiting for a connection, the server refused
 * or dropped it, or is shutting down or starting up. Answered with 503 and a {@code Retry-After}, never 500 and
 * never a hang (the pool gives up after {@code spring.datasource.hikari.connection-timeout}); the pool
 * reconnects by itself once the server is back.
 */
public class DatabaseUnavailable extends RuntimeException {

	public DatabaseUnavailable(Throwable cause) {
		super("The database is unavailable", cause);
	}

	/** Whether the failure, or anything that caused it, says the database is out of reach. */
	public static boolean causes(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DatabaseUnavailable || t instanceof CannotCreateTransactionException
					|| t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (t instanceof SQLException sql && unavailable(sql.getSQLState())) {
				return true;
			}
			// a commit or rollback that failed on the connection (e.g. "Connection is closed" after the server
			// terminated it); the failure that started the rollback may say more
			if (t instanceof TransactionSystemException tx && (tx.getCause() instanceof SQLException
					|| (tx.getApplicationException() != null && causes(tx.getApplicationException())))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQLSTATE class 08 (connection exception), 57P01–57P03 (administrator shutdown, crash shutdown, cannot
	 * connect now) and 53300 (too many connections).
	 */
	private static boolean unavailable(String state) {
		return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
				|| state.equals("57P03") || state.equals("53300"));
	}
}
