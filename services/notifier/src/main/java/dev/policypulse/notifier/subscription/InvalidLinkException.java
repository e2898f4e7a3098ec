package dev.policypulse.notifier.subscription;

/**
 * A confirmation, unsubscribe or preferences link that cannot be honoured; the message is
 * shown to the user.
 */
class InvalidLinkException extends RuntimeException {

	InvalidLinkException(String message) {
		super(message);
	}

}
