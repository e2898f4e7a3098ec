package dev.policypulse.notifier.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A subscriber's address and what they want to hear about.
 *
 * @param id the subscription id
 * @param email where alerts go
 * @param preferences what to alert about and how
 * @param status where the subscription stands
 * @param createdAt when it was created
 */
public record Subscription(UUID id, String email, Preferences preferences, SubscriptionStatus status,
		Instant createdAt) {

	/** One email per matching story, as soon as it is classified. */
	public static final String IMMEDIATE = "immediate";

	/** One digest a day, at the subscriber's digest hour. */
	public static final String DAILY = "daily";

	/** One digest a week, at the subscriber's digest hour. */
	public static final String WEEKLY = "weekly";

	public Subscription {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(email, "email");
		Objects.requireNonNull(preferences, "preferences");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
	}

	/**
	 * A subscription with the given jurisdictions, topics and delivery, every other
	 * preference at its default.
	 */
	public Subscription(UUID id, String email, List<String> jurisdictions, List<String> topics, String delivery,
			SubscriptionStatus status, Instant createdAt) {
		this(id, email,
				Preferences.of(jurisdictions, topics)
					.withDelivery(delivery, Preferences.DEFAULT_TIMEZONE, Preferences.DEFAULT_DIGEST_HOUR),
				status, createdAt);
	}

	/** Shorthand for {@code preferences().jurisdictions()}. */
	public List<String> jurisdictions() {
		return this.preferences.jurisdictions();
	}

	/** Shorthand for {@code preferences().topics()}. */
	public List<String> topics() {
		return this.preferences.topics();
	}

	/** Shorthand for {@code preferences().delivery()}. */
	public String delivery() {
		return this.preferences.delivery();
	}

	/**
	 * Whether the subscription receives anything now: confirmed and not paused.
	 */
	public boolean isActive() {
		return this.status == SubscriptionStatus.CONFIRMED && !this.preferences.paused();
	}

}
