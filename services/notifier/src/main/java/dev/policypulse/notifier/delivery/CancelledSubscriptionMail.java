package dev.policypulse.notifier.delivery;

import dev.policypulse.notifier.subscription.SubscriptionCancelled;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Cancels the unsent emails of a cancelled subscription, in the transaction that cancels
 * it.
 */
@Component
class CancelledSubscriptionMail {

	private final Outbox outbox;

	CancelledSubscriptionMail(Outbox outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void onCancelled(SubscriptionCancelled event) {
		this.outbox.cancelPending(event.subscriptionId());
	}

}
