package dev.policypulse.notifier.subscription;

import java.util.Locale;

/** Where a subscription stands: only confirmed subscriptions get alerts. */
public enum SubscriptionStatus {

	/** Created; waiting for the subscriber to follow the confirmation link. */
	PENDING,

	/** The subscriber proved they own the address. */
	CONFIRMED,

	/** The subscriber asked to hear no more. */
	UNSUBSCRIBED;

	/** The lower-case form used in the database and the API. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static SubscriptionStatus fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
