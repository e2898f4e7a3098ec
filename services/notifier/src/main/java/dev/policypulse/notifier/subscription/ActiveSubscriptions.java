package dev.policypulse.notifier.subscription;

import java.util.List;

import org.springframework.stereotype.Component;

/** Read access for other features to the subscriptions that may receive alerts. */
@Component
public class ActiveSubscriptions {

	private final SubscriptionRepository repository;

	ActiveSubscriptions(SubscriptionRepository repository) {
		this.repository = repository;
	}

	/**
	 * Confirmed subscriptions that want an email as soon as a matching item arrives,
	 * oldest first.
	 */
	public List<Subscription> immediate() {
		return this.repository.findByStatusAndDelivery(SubscriptionStatus.CONFIRMED, Subscription.IMMEDIATE);
	}

}
