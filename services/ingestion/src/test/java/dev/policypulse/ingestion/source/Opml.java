package dev.policypulse.ingestion.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OPML documents under {@code src/test/resources/opml}. */
final class Opml {

	private Opml() {
	}

	static byte[] document(String name) {
		try (InputStream in = Opml.class.getResourceAsStream("/opml/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No OPML fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
