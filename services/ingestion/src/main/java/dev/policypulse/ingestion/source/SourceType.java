package dev.policypulse.ingestion.source;

/** How a source is read. */
public enum SourceType {

	/**
	 * An RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed 1.1 document, told apart by its content.
	 */
	FEED,

	/**
	 * An HTML page listing items, such as a regulator's press releases: the links matched
	 * by the source's CSS selector become items, each read from its own page.
	 */
	PAGE

}
