package dev.policypulse.notifier.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription as the API shows it. */
record SubscriptionResponse(UUID id, String email, List<String> jurisdictions, List<String> topics, String delivery,
		String status, Instant createdAt) {

	static SubscriptionResponse of(Subscription subscription) {
		return new SubscriptionResponse(subscription.id(), subscription.email(), subscription.jurisdictions(),
				subscription.topics(), subscription.delivery(), subscription.status().code(), subscription.createdAt());
	}

}
