package dev.policypulse.notifier.subscription;

/**
 * The outcome of a subscribe request.
 *
 * @param subscription the new subscription, or the existing one the request repeats
 * @param created whether the subscription was created by this request
 */
record Subscribed(Subscription subscription, boolean created) {
}
