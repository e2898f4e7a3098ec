package dev.policypulse.ingestion.publishing;

/**
 * What became of an incoming item.
 *
 * @param id the id of the record that carries the item: its own stable id, or, for an
 * item whose text was published before under another address, that item's id
 * @param outcome whether this call published it or it had been published before
 */
public record Publication(String id, Outcome outcome) {

	/** How a publication request ended. */
	public enum Outcome {

		/** The broker acknowledged a new record. */
		PUBLISHED,

		/**
		 * An item with the same id, or with the same text, was already published; nothing
		 * was sent.
		 */
		DUPLICATE

	}

}
