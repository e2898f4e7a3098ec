package dev.policypulse.ingestion;

import java.io.IOException;
import java.io.InputStream;

/** The feed documents under {@code src/test/resources/feeds}. */
public final class Fixtures {

	private Fixtures() {
	}

	public static byte[] feed(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/feeds/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
