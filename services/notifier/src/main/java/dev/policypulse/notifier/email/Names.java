package dev.policypulse.notifier.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Names in words for jurisdiction and topic codes, from {@code jurisdiction-names.tsv}
 * and {@code moves.properties}, with the JDK's English country names for the rest.
 */
final class Names {

	private static final Map<String, String> JURISDICTIONS = loadJurisdictions();

	private static final Properties MOVES = loadMoves();

	private Names() {
	}

	/**
	 * {@code PK} → Pakistan, {@code EU} → European Union, {@code US-TX} → Texas, United
	 * States; a subdivision without a name → United States (US-XX).
	 */
	static String jurisdiction(String code) {
		String known = JURISDICTIONS.get(code);
		int dash = code.indexOf('-');
		if (dash < 0) {
			return (known != null) ? known : country(code);
		}
		String country = jurisdiction(code.substring(0, dash));
		return (known != null) ? known + ", " + country : country + " (" + code + ")";
	}

	/**
	 * The policy move of a topic in a few words: {@code regulator_formation} → new crypto
	 * regulator; an unknown code with its underscores as spaces.
	 */
	static String move(String topicCode) {
		return MOVES.getProperty(topicCode, topicCode.replace('_', ' '));
	}

	private static String country(String alpha2) {
		try {
			String name = new Locale.Builder().setRegion(alpha2).build().getDisplayCountry(Locale.ENGLISH);
			return name.isEmpty() ? alpha2 : name;
		}
		catch (RuntimeException ex) {
			// not a region code the JDK accepts: show it as it is
			return alpha2;
		}
	}

	private static Map<String, String> loadJurisdictions() {
		Map<String, String> names = new HashMap<>();
		try (InputStream in = resource("jurisdiction-names.tsv")) {
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t");
				if (columns.length != 2 || columns[1].isBlank()) {
					throw new IllegalStateException("jurisdiction-names.tsv: expected code and name in '" + line + "'");
				}
				names.put(columns[0].strip(), columns[1].strip());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Collections.unmodifiableMap(names);
	}

	private static Properties loadMoves() {
		Properties moves = new Properties();
		try (InputStream in = resource("moves.properties")) {
			moves.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return moves;
	}

	private static InputStream resource(String name) {
		InputStream in = Names.class.getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException(name + " is missing");
		}
		return in;
	}

}
