package dev.policypulse.notifier.subscription;

import java.time.Clock;

/** Links signed with the local defaults, for tests outside this package. */
public final class TestSubscriptionLinks {

	private TestSubscriptionLinks() {
	}

	public static SubscriptionLinks create() {
		return new SubscriptionLinks(new LinkProperties(null, null, null, null, null), Clock.systemUTC());
	}

}
