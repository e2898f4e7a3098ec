package dev.policypulse.notifier.digest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The digest meters; every tag has a handful of values. */
final class DigestMetrics {

	private DigestMetrics() {
	}

	/**
	 * Items recorded for a daily or weekly subscription; counted when the transaction
	 * that recorded them commits.
	 */
	static Counter itemsRecorded(MeterRegistry registry) {
		return Counter.builder("policypulse.notifier.digest.items.recorded")
			.description("Matched items recorded for a coming digest (committed)")
			.register(registry);
	}

	/**
	 * Digest periods handled, by cadence ({@code daily}, {@code weekly}) and outcome:
	 * {@code composed} (into the outbox), {@code nothing_new} (every item had already
	 * reached the address: no email), {@code failed} (to be tried again on the next
	 * pass).
	 */
	static Counter digests(MeterRegistry registry, String cadence, String outcome) {
		return Counter.builder("policypulse.notifier.digests")
			.description("Digest periods handled")
			.tag("cadence", cadence)
			.tag("outcome", outcome)
			.register(registry);
	}

	/**
	 * Runs {@code count} once the current transaction commits, and never if it rolls
	 * back; at once when there is no transaction.
	 */
	static void afterCommit(Runnable count) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			count.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				count.run();
			}

		});
	}

}
