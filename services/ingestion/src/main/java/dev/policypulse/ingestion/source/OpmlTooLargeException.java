package dev.policypulse.ingestion.source;

/** A document sent for import is larger than the import accepts; answered {@code 413}. */
class OpmlTooLargeException extends RuntimeException {

	OpmlTooLargeException(int maxBytes) {
		super("OPML documents of up to " + (maxBytes / 1024) + " KiB are imported; split larger ones.");
	}

}
