package dev.policypulse.notifier.subscription;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Read access for other features to the subscriptions that may receive something now:
 * confirmed and not paused, whatever their delivery.
 */
@Component
public class ActiveSubscriptions {

	private final SubscriptionRepository repository;

	ActiveSubscriptions(SubscriptionRepository repository) {
		this.repository = repository;
	}

	/** Every active subscription, oldest first. */
	public List<Subscription> all() {
		return this.repository.findActive();
	}

	/** The subscription, if it exists and is active. */
	public Optional<Subscription> find(UUID id) {
		return this.repository.find(id).filter(Subscription::isActive);
	}

}
