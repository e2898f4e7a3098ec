package dev.policypulse.ingestion.source;

/** A source with the given id is already registered. */
class SourceExistsException extends RuntimeException {

	SourceExistsException(String id) {
		super("A source with id '" + id + "' is already registered; choose another id or update it with PUT.");
	}

}
