package dev.policypulse.ingestion.source;

/**
 * A document sent for import is not well-formed OPML, or is refused as hostile; answered
 * {@code 400}.
 */
class InvalidOpmlException extends RuntimeException {

	InvalidOpmlException(String message) {
		super(message);
	}

}
