package dev.policypulse.notifier.subscription;

/**
 * A change that the subscription's state does not allow: answered with
 * {@code 409 Conflict}.
 */
class SubscriptionConflictException extends RuntimeException {

	SubscriptionConflictException(String message) {
		super(message);
	}

}
