package dev.policypulse.notifier.subscription;

/**
 * A genuine link whose time is up: answered with {@code 410 Gone}, since asking again
 * with the same link can never work.
 */
class ExpiredLinkException extends InvalidLinkException {

	ExpiredLinkException() {
		super("This link has expired. Please use the link in a more recent email, or subscribe again.");
	}

}
