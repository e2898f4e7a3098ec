package dev.policypulse.notifier.subscription;

import java.util.UUID;

/**
 * Published inside the transaction that cancels a subscription, so that whatever a
 * listener does about it (cancelling its unsent emails) commits or rolls back with it.
 *
 * @param subscriptionId the cancelled subscription
 */
public record SubscriptionCancelled(UUID subscriptionId) {
}
