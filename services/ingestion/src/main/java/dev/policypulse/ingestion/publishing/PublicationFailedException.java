package dev.policypulse.ingestion.publishing;

/**
 * The broker did not acknowledge an item in time; it was not marked as seen and may be
 * retried.
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
