package dev.policypulse.notifier.subscription;

import java.util.UUID;

/**
 * Published inside the transaction that pauses a subscription, so that whatever a
 * listener does about it (cancelling its unsent alerts) commits or rolls back with it.
 *
 * @param subscriptionId the paused subscription
 */
public record SubscriptionPaused(UUID subscriptionId) {
}
