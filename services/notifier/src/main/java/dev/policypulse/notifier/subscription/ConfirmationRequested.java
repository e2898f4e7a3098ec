package dev.policypulse.notifier.subscription;

/**
 * Published inside the transaction that stores a new subscription, or that finds a
 * pending one subscribed to again, so that whatever a listener writes (the confirmation
 * email) commits or rolls back with it.
 *
 * @param subscription the subscription, still pending
 * @param confirmUrl a freshly signed link that confirms it
 */
public record ConfirmationRequested(Subscription subscription, String confirmUrl) {
}
