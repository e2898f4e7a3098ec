package dev.policypulse.ingestion.source;

import java.util.Arrays;
import java.util.Locale;

/** Where a registered source was defined. */
enum Origin {

	/**
	 * {@code policypulse.ingestion.sources}: rewritten from configuration at start-up.
	 */
	CONFIG,

	/** Created through the REST API. */
	API,

	/** Created by an OPML import through the REST API. */
	OPML,

	/** The shipped public source list, when enabled. */
	CATALOGUE;

	/** The value stored and shown: the name in lower case. */
	String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the source's definition belongs to the API: sources from configuration or
	 * the shipped list would be rewritten at the next start, so only their paused state
	 * can be changed through the API.
	 */
	boolean isEditableThroughApi() {
		return this == API || this == OPML;
	}

	static Origin fromCode(String code) {
		return Arrays.stream(values())
			.filter((origin) -> origin.code().equals(code))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Unknown source origin " + code));
	}

}
