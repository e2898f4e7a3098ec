package dev.policypulse.contracts;

/** Kafka topic names. Lower-case, dot-separated, major version last. */
public final class Topics {

	/** {@link PolicyItemIngested} records, keyed by item id. */
	public static final String INGESTED = "policy.items.ingested.v1";

	/**
	 * {@link PolicyItemClassified} records, keyed by item id, written transactionally.
	 */
	public static final String CLASSIFIED = "policy.items.classified.v1";

	/**
	 * {@link AlertDispatched} records, keyed by event id, published at least once by the
	 * notifier.
	 */
	public static final String DISPATCHED = "policy.alerts.dispatched.v1";

	/**
	 * Suffix of a topic's dead-letter topic, which has as many partitions as its source.
	 */
	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	private Topics() {
	}

	/** The dead-letter topic of {@code topic}. */
	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
