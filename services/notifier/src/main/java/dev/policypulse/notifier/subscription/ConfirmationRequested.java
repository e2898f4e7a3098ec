package dev.policypulse.notifier.subscription;

/**
 * Published inside the transaction that stores a new subscription, so that whatever a listener
 * writes (the confirmation email) commits or rolls back with it.
 *
 * @param subscription the new subscription, still pending
 * @param confirmUrl the signed link that confirms it
 */
public record SubscriptionCreated(Subscription subscription, String confirmUrl) {
}
