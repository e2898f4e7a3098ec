package dev.policypulse.ingestion.publishing;

/**
 * What became of an incoming item.
 *
 * @param id the item's stable id
 * @param outcome whether this call published it or it had been published before
 */
public record Publication(String id, Outcome outcome) {

	/** How a publication request ended. */
	public enum Outcome {

		/** The broker acknowledged a new record. */
		PUBLISHED,

		/** An item with the same id was already published; nothing was sent. */
		DUPLICATE

	}

}
