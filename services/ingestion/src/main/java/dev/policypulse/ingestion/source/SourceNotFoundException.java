package dev.policypulse.ingestion.source;

/** No source with the given id is registered. */
class SourceNotFoundException extends RuntimeException {

	SourceNotFoundException(String id) {
		super("No source with id '" + id + "' is registered.");
	}

}
