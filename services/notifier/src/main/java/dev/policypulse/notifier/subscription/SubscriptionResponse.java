package dev.policypulse.notifier.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription as the API shows it. */
record SubscriptionResponse(UUID id, String email, List<String> jurisdictions, boolean includeEuMemberStates,
		List<String> topics, String minSeverity, boolean policyMovesOnly, List<String> keywords, String delivery,
		String timezone, int digestHour, boolean digestRepeats, boolean paused, String status, Instant createdAt) {

	static SubscriptionResponse of(Subscription subscription) {
		Preferences preferences = subscription.preferences();
		return new SubscriptionResponse(subscription.id(), subscription.email(), preferences.jurisdictions(),
				preferences.includeEuMemberStates(), preferences.topics(),
				SubscriptionRepository.code(preferences.minSeverity()), preferences.policyMovesOnly(),
				preferences.keywords(), preferences.delivery(), preferences.timezone().getId(),
				preferences.digestHour(), preferences.digestRepeats(), preferences.paused(),
				subscription.status().code(), subscription.createdAt());
	}

}
