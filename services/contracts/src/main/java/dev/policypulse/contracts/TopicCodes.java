package dev.policypulse.contracts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The topic taxonomy's codes as of this contracts version, read from
 * {@code topic-codes.txt}. Producers use it to stay within the taxonomy; consumers must
 * still accept unknown codes.
 */
public final class TopicCodes {

	private static final Set<String> CODES = load();

	private TopicCodes() {
	}

	/** Every known code, in taxonomy order. */
	public static Set<String> all() {
		return CODES;
	}

	/** Whether {@code code} is in the taxonomy. */
	public static boolean isKnown(String code) {
		return CODES.contains(code);
	}

	private static Set<String> load() {
		Set<String> codes = new LinkedHashSet<>();
		try (InputStream in = TopicCodes.class.getResourceAsStream("topic-codes.txt")) {
			if (in == null) {
				throw new IllegalStateException("topic-codes.txt is missing from the contracts jar");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String code = line.strip();
				if (!code.isEmpty() && !code.startsWith("#")) {
					Validation.requireTopic(code, "topic code");
					codes.add(code);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Collections.unmodifiableSet(codes);
	}

}
