package dev.policypulse.ingestion.publishing;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans headlines: markup and entities decoded, one line, and the outlet's own name cut
 * off the end ("Regulator fines exchange - Example News") when it is the name of the
 * source the item came from, so that reports from different outlets read, hash and
 * compare alike.
 */
final class Titles {

	/** A last " - ", " | ", " – " or " — " and what follows it. */
	private static final Pattern SUFFIX = Pattern.compile("\\s+[-|\\u2013\\u2014]\\s+([^-|\\u2013\\u2014]{2,60})$");

	private Titles() {
	}

	/**
	 * The clean title.
	 * @param title the title as received, may hold markup or entities
	 * @param sourceIds ids of where the item came from (its source, its origin); a
	 * trailing outlet name is removed only if it spells one of them, ignoring case,
	 * spaces and punctuation
	 * @return the title, possibly empty, never {@code null}
	 */
	static String clean(String title, String... sourceIds) {
		String line = PlainText.line(title);
		Matcher suffix = SUFFIX.matcher(line);
		if (suffix.find()) {
			String outlet = letters(suffix.group(1));
			for (String sourceId : sourceIds) {
				if (sourceId != null && !outlet.isEmpty() && outlet.equals(letters(sourceId))) {
					String rest = line.substring(0, suffix.start()).strip();
					return rest.isEmpty() ? line : rest;
				}
			}
		}
		return line;
	}

	private static String letters(String text) {
		StringBuilder letters = new StringBuilder(text.length());
		text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(letters::appendCodePoint);
		return letters.toString();
	}

}
