package dev.policypulse.ingestion.publishing;

/**
 * An item could not be published: the broker did not acknowledge it in time, or the
 * published items could not be looked up. It was not marked as seen and may be retried.
 */
public class PublicationFailedException extends RuntimeException {

	private final String itemId;

	PublicationFailedException(String itemId, String message, Throwable cause) {
		super(message, cause);
		this.itemId = itemId;
	}

	/** The id of the item that could not be published. */
	public String itemId() {
		return this.itemId;
	}

}
