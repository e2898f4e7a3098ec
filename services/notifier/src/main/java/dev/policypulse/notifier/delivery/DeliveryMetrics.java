package dev.policypulse.notifier.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The notifier's delivery meters; every tag has a handful of values at most. */
final class DeliveryMetrics {

	private DeliveryMetrics() {
	}

	/**
	 * Emails written to the outbox, by kind ({@code alert}, {@code confirmation});
	 * counted when the transaction that wrote them commits.
	 */
	static Counter enqueued(MeterRegistry registry, String kind) {
		return Counter.builder("policypulse.notifier.emails.enqueued")
			.description("Emails written to the outbox (committed)")
			.tag("kind", kind)
			.register(registry);
	}

	/**
	 * Delivery attempts, by kind and outcome: {@code sent}, {@code failed} (to be
	 * retried), {@code abandoned} (refused for good, or the last attempt allowed).
	 */
	static Counter emails(MeterRegistry registry, String kind, String outcome) {
		return Counter.builder("policypulse.notifier.emails")
			.description("Attempts to hand an email to the SMTP server")
			.tag("kind", kind)
			.tag("outcome", outcome)
			.register(registry);
	}

	/**
	 * End-to-end latency: from ingestion accepting an item to the SMTP server accepting
	 * an alert about it, with a percentile histogram so that p50/p95/p99 can be computed
	 * across instances. Only alerts (digests wait for their hour by design), and only the
	 * attempt that was recorded as sent.
	 */
	static Timer alertLatency(MeterRegistry registry) {
		return Timer.builder("policypulse.notifier.alert.latency")
			.description("Time from ingestion accepting an item to the SMTP server accepting an alert about it")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(registry);
	}

	/**
	 * Alerts not enqueued because the address already heard of the story (another
	 * outlet's item, another of its subscriptions, or a digest), one per suppressed
	 * dispatch event; counted when the transaction commits. Redeliveries do not count.
	 */
	static Counter alertsSuppressed(MeterRegistry registry) {
		return Counter.builder("policypulse.notifier.alerts.suppressed")
			.description("Alerts not enqueued because the address already heard of the story (committed)")
			.register(registry);
	}

	/**
	 * Emails cancelled by the sweep for stranded emails: enqueued for a subscription just
	 * as it was being cancelled or paused. Normally zero; a steady rise means the cancel
	 * and pause paths miss something.
	 */
	static Counter stranded(MeterRegistry registry) {
		return Counter.builder("policypulse.notifier.emails.stranded")
			.description("Emails cancelled because their subscription was cancelled or paused as they were enqueued")
			.register(registry);
	}

	/**
	 * Alert outcomes published to {@code policy.alerts.dispatched.v1}, by result:
	 * {@code published} (acknowledged by the broker) or {@code failed} (to be published
	 * again).
	 */
	static Counter events(MeterRegistry registry, String result) {
		return Counter.builder("policypulse.notifier.dispatch.events")
			.description("Alert outcomes published to Kafka")
			.tag("result", result)
			.register(registry);
	}

	/**
	 * Classified items, by outcome ({@code matched}, {@code unmatched},
	 * {@code not_policy_move}); counted when the transaction that handled them commits,
	 * so retries of a failed one do not count twice.
	 */
	static Counter itemsMatched(MeterRegistry registry, String outcome) {
		return Counter.builder("policypulse.notifier.items.matched")
			.description("Classified items checked against subscriptions (committed)")
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
