package dev.policypulse.support;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

class OutagesTests {

	@Test
	void databaseDownIsAnOutageHoweverDeeplyWrapped() {
		Exception down = new ListenerExecutionFailedException("listener failed",
				new CannotCreateTransactionException("no connection",
						new SQLTransientConnectionException("pool timed out", new ConnectException("refused"))));
		assertThat(Outages.isOutage(down)).isTrue();
		assertThat(Outages.isOutage(new DataAccessResourceFailureException("down"))).isTrue();
	}

	@Test
	void badRecordsAndBugsAreNoOutage() {
		assertThat(Outages.isOutage(new ListenerExecutionFailedException("listener failed",
				new IllegalArgumentException("code must be ISO 3166"))))
			.isFalse();
		assertThat(Outages.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
		assertThat(Outages.isOutage(new NullPointerException())).isFalse();
		assertThat(Outages.isOutage(new QueryTimeoutException("statement timed out"))).isFalse();
		assertThat(Outages.isOutage(new PessimisticLockingFailureException("deadlock"))).isFalse();
	}

}
