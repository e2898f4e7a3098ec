package dev.policypulse.ingestion.feed;

import java.io.IOException;

/**
 * A document could not be fetched or read, or was refused. The message is short and says
 * why in terms an operator understands ("HTTP 503", "XML DOCTYPE refused"); it becomes
 * the source's last error, so it never quotes the document.
 */
class FetchException extends IOException {

	private final Kind kind;

	FetchException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	FetchException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	Kind kind() {
		return this.kind;
	}

	/**
	 * Whether the host itself is in trouble (unreachable, timing out, answering 5xx or
	 * 429): such failures are retried and count towards the host's circuit breaker.
	 */
	boolean isHostFailure() {
		return this.kind == Kind.UNAVAILABLE;
	}

	/** Why a fetch failed, for metrics and for what is tried again. */
	enum Kind {

		/**
		 * The host could not be reached, timed out, or answered 5xx or 429; may pass.
		 */
		UNAVAILABLE,

		/**
		 * The host answered, but not with a usable document (HTTP 4xx, a page without
		 * items); trying again at once would not help.
		 */
		FAILED,

		/**
		 * Refused for safety: an address that is not on the public internet, a hostile or
		 * oversized document, an invalid encoding.
		 */
		REFUSED,

		/**
		 * Not fetched: the host's circuit breaker is open after repeated failures.
		 */
		CIRCUIT_OPEN

	}

}
