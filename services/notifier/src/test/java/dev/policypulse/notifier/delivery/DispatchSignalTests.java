package dev.policypulse.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchSignalTests {

	private final DispatchSignal signal = new DispatchSignal();

	@Test
	void aSignalEndsAPauseEarly() throws Exception {
		CompletableFuture<Boolean> pause = CompletableFuture.supplyAsync(() -> this.signal.await(Duration.ofHours(1)));
		this.signal.signal();
		assertThat(pause.get(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aSignalBeforeThePauseIsKept() {
		this.signal.signal();
		assertThat(this.signal.await(Duration.ofHours(1))).isTrue();
	}

	@Test
	void manySignalsEndOnePauseOnly() {
		this.signal.signal();
		this.signal.signal();
		this.signal.signal();
		assertThat(this.signal.await(Duration.ofHours(1))).isTrue();
		assertThat(this.signal.await(Duration.ofMillis(20))).isFalse();
	}

	@Test
	void signalsOnlyOnceTheTransactionCommits() {
		TransactionSynchronizationManager.initSynchronization();
		try {
			this.signal.afterCommit();
			assertThat(this.signal.await(Duration.ofMillis(20))).isFalse();
			TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
		assertThat(this.signal.await(Duration.ofHours(1))).isTrue();
	}

}
