package dev.policypulse.notifier.subscription;

import java.time.Clock;
import java.util.UUID;

/** Links signed with the local defaults, for tests outside this package. */
public final class TestSubscriptionLinks {

	private TestSubscriptionLinks() {
	}

	public static SubscriptionLinks create() {
		return new SubscriptionLinks(new LinkProperties(null, null, null, null, null), Clock.systemUTC());
	}

	/**
	 * The subscription an unsubscribe token made by {@link #create()} (or with the same
	 * default secret) was issued for.
	 */
	public static UUID unsubscribedBy(String token) {
		return create().verifyUnsubscribe(token);
	}

}
