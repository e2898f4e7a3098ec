package dev.policypulse.ingestion.feed;

/**
 * Keeps what ends up in a source's last error short and on one line, whatever a document
 * or server put into a parser's message.
 */
final class Messages {

	private Messages() {
	}

	static String abbreviate(String text, int max) {
		String line = text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
		return (line.length() > max) ? line.substring(0, max) + "..." : line;
	}

}
