package dev.policypulse.notifier.subscription;

import java.util.UUID;

/**
 * Published inside the transaction that changes anything about a subscription that
 * decides what it receives: it was confirmed, its preferences changed, it was paused,
 * resumed or cancelled. Listeners that keep a copy of subscriptions read the subscription
 * again once the transaction has committed.
 *
 * @param subscriptionId the changed subscription
 */
public record SubscriptionChanged(UUID subscriptionId) {
}
