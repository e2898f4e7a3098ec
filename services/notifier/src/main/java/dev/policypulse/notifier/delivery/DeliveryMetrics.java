package dev.policypulse.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The notifier's delivery meters; every tag has a handful of values at most. */
final class DeliveryMetrics {

	private DeliveryMetrics() {
	}

	/** Emails written to the outbox, by kind ({@code alert}, {@code confirmation}). */
	static Counter enqueued(MeterRegistry registry, String kind) {
		return Counter.builder("policypulse.notifier.emails.enqueued")
			.description("Emails written to the outbox")
			.tag("kind", kind)
			.register(registry);
	}

	/** Delivery attempts, by kind and outcome ({@code sent}, {@code failed}). */
	static Counter emails(MeterRegistry registry, String kind, String outcome) {
		return Counter.builder("policypulse.notifier.emails")
			.description("Attempts to hand an email to the SMTP server")
			.tag("kind", kind)
			.tag("outcome", outcome)
			.register(registry);
	}

	/**
	 * Classified items, by outcome ({@code matched}, {@code unmatched},
	 * {@code not_policy_move}).
	 */
	static Counter itemsMatched(MeterRegistry registry, String outcome) {
		return Counter.builder("policypulse.notifier.items.matched")
			.description("Classified items checked against subscriptions")
			.tag("outcome", outcome)
			.register(registry);
	}

}
