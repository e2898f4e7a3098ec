package dev.policypulse.notifier.subscription;

class SubscriptionNotFoundException extends RuntimeException {

	SubscriptionNotFoundException(String id) {
		super("No subscription has the id '" + id + "'.");
	}

}
