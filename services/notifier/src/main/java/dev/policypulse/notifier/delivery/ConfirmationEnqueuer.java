package dev.policypulse.notifier.delivery;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.policypulse.notifier.email.ConfirmationEmails;
import dev.policypulse.notifier.subscription.ConfirmationRequested;
import dev.policypulse.notifier.subscription.Subscription;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Enqueues the confirmation email of a new subscription, or of a pending one subscribed
 * to again, in the transaction that asked for it.
 */
@Component
class ConfirmationEnqueuer {

	private final ConfirmationEmails confirmationEmails;

	private final Outbox outbox;

	private final Clock clock;

	private final Counter enqueued;

	private final DispatchSignal dispatchSignal;

	ConfirmationEnqueuer(ConfirmationEmails confirmationEmails, Outbox outbox, Clock clock, MeterRegistry meterRegistry,
			DispatchSignal dispatchSignal) {
		this.confirmationEmails = confirmationEmails;
		this.outbox = outbox;
		this.clock = clock;
		this.enqueued = DeliveryMetrics.enqueued(meterRegistry, Outbox.CONFIRMATION);
		this.dispatchSignal = dispatchSignal;
	}

	@EventListener
	void onConfirmationRequested(ConfirmationRequested event) {
		Subscription subscription = event.subscription();
		this.outbox.enqueueConfirmation(subscription.id(), subscription.email(),
				this.confirmationEmails.render(subscription.jurisdictions(), subscription.topics(), event.confirmUrl()),
				this.clock.instant());
		DeliveryMetrics.afterCommit(this.enqueued::increment);
		this.dispatchSignal.afterCommit();
	}

}
