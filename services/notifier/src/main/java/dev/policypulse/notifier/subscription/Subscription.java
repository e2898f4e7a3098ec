package dev.policypulse.notifier.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a subscriber wants to hear about.
 *
 * @param id the subscription id
 * @param email where alerts go
 * @param jurisdictions followed jurisdiction codes; empty means every jurisdiction
 * @param topics followed topic codes; empty means every topic
 * @param delivery how alerts are delivered; only {@code immediate} exists so far
 * @param status where the subscription stands
 * @param createdAt when it was created
 */
public record Subscription(UUID id, String email, List<String> jurisdictions, List<String> topics, String delivery,
		SubscriptionStatus status, Instant createdAt) {

	/**
	 * The only delivery mode so far: one email per matching story, as soon as it is
	 * classified.
	 */
	public static final String IMMEDIATE = "immediate";

	public Subscription {
		jurisdictions = List.copyOf(jurisdictions);
		topics = List.copyOf(topics);
	}

}
