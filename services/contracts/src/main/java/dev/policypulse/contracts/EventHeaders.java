package dev.policypulse.contracts;

/**
 * Record headers set on every event, following the CloudEvents Kafka binding's binary
 * mode ({@code ce_} prefix), so that consumers can route without parsing the payload.
 */
public final class EventHeaders {

	/** Unique event id (the item id for item events). */
	public static final String ID = "ce_id";

	/** Event type, one of the {@code TYPE_*} constants. */
	public static final String TYPE = "ce_type";

	/** URI of the producing service, for example {@code /policypulse/classifier}. */
	public static final String SOURCE = "ce_source";

	/** When the event was produced, RFC 3339 in UTC. */
	public static final String TIME = "ce_time";

	/** CloudEvents spec version, always {@code 1.0}. */
	public static final String SPEC_VERSION = "ce_specversion";

	/** Always {@code application/json}. */
	public static final String CONTENT_TYPE = "content-type";

	/** {@code ce_type} of {@link PolicyItemIngested}. */
	public static final String TYPE_INGESTED = "dev.policypulse.policy-item.ingested.v1";

	/** {@code ce_type} of {@link PolicyItemClassified}. */
	public static final String TYPE_CLASSIFIED = "dev.policypulse.policy-item.classified.v1";

	/** {@code ce_type} of {@link AlertDispatched}. */
	public static final String TYPE_DISPATCHED = "dev.policypulse.alert.dispatched.v1";

	/**
	 * {@code ce_type} of {@link AlertDispatched} events about a line of a digest
	 * ({@link DispatchChannel#DIGEST}), so that consumers that count alerts can tell them
	 * apart without reading the payload.
	 */
	public static final String TYPE_DIGEST_LINE_DISPATCHED = "dev.policypulse.digest-line.dispatched.v1";

	private EventHeaders() {
	}

}
