package dev.policypulse.ingestion.source;

/**
 * The source is defined in configuration or by the shipped public list, which would
 * overwrite any change at the next start; it can only be paused and resumed through the
 * API.
 */
class SourceNotEditableException extends RuntimeException {

	SourceNotEditableException(String id, Origin origin) {
		super(message(id, origin));
	}

	private static String message(String id, Origin origin) {
		if (origin == Origin.CATALOGUE) {
			return "Source '" + id + "' comes from the shipped public source list, which is applied at every"
					+ " start; it can be paused and resumed here, and the whole list is switched off with"
					+ " policypulse.ingestion.public-sources.enabled=false.";
		}
		return "Source '" + id + "' is defined in configuration (policypulse.ingestion.sources), which is applied"
				+ " at every start; change or remove it there. It can be paused and resumed here.";
	}

}
