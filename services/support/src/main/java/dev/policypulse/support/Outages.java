package dev.policypulse.support;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an outage of something a listener depends on (the database cannot be reached, a
 * connection was refused) from a problem with the record itself. A record that failed
 * because of an outage is not dead-lettered: it is retried until the outage ends, so
 * nothing is lost. Only connection-level failures count: a query that times out or
 * deadlocks every time is a problem with the record, and retrying it for ever would stall
 * its partition.
 */
final class Outages {

	private Outages() {
	}

	static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// CannotGetJdbcConnectionException is a DataAccessResourceFailureException
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
