package dev.policypulse.ingestion;

import java.io.IOException;
import java.io.InputStream;

/** The documents under {@code src/test/resources}. */
public final class Fixtures {

	private Fixtures() {
	}

	public static byte[] feed(String name) {
		return file("feeds/" + name);
	}

	/**
	 * A file under {@code src/test/resources}.
	 * @param path its path there, such as {@code pages/press-releases.html}
	 * @return its bytes
	 */
	public static byte[] file(String path) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + path);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
