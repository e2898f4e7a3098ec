package dev.policypulse.notifier.delivery;

import java.time.Clock;

import dev.policypulse.notifier.subscription.SubscriptionCancelled;
import dev.policypulse.notifier.subscription.SubscriptionPaused;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Cancels the unsent emails of a cancelled subscription, in the transaction that cancels
 * it, and the unsent alerts and digests of a paused one, in the transaction that pauses
 * it: resuming starts afresh rather than sending what was queued before.
 */
@Component
class CancelledSubscriptionMail {

	private final Outbox outbox;

	private final Clock clock;

	CancelledSubscriptionMail(Outbox outbox, Clock clock) {
		this.outbox = outbox;
		this.clock = clock;
	}

	@EventListener
	void onCancelled(SubscriptionCancelled event) {
		this.outbox.cancelPending(event.subscriptionId(), this.clock.instant());
	}

	@EventListener
	void onPaused(SubscriptionPaused event) {
		this.outbox.cancelPendingNews(event.subscriptionId(), this.clock.instant());
	}

}
