package dev.policypulse.notifier.email;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * Shapes feed text for emails: one-line titles, summaries of the first sentences,
 * shortened values. Every result is free of control characters (other than the line
 * breaks a multi-line value keeps) and the same for the same input.
 */
final class Texts {

	private static final String ELLIPSIS = "…";

	private Texts() {
	}

	/**
	 * The text on one line: line breaks, control characters and runs of white space
	 * become single spaces.
	 */
	static String oneLine(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder line = new StringBuilder(value.length());
		boolean space = false;
		for (int i = 0; i < value.length();) {
			int codePoint = value.codePointAt(i);
			i += Character.charCount(codePoint);
			if (MailHeaders.isUnsafe(codePoint) || Character.isWhitespace(codePoint)
					|| Character.isSpaceChar(codePoint)) {
				space = !line.isEmpty();
				continue;
			}
			if (space) {
				line.append(' ');
				space = false;
			}
			line.appendCodePoint(codePoint);
		}
		return line.toString();
	}

	/**
	 * The value cut to at most {@code max} characters, at a word boundary when one is
	 * near, with an ellipsis to show the cut; never splits a surrogate pair.
	 */
	static String shorten(String value, int max) {
		if (value.length() <= max) {
			return value;
		}
		int limit = max - ELLIPSIS.length();
		if (Character.isLowSurrogate(value.charAt(limit))) {
			limit--;
		}
		int cut = value.lastIndexOf(' ', limit);
		if (cut <= limit / 2) {
			cut = limit;
		}
		return value.substring(0, cut).stripTrailing() + ELLIPSIS;
	}

	/**
	 * A summary of a body: its first sentences, as many as fit in {@code max} characters
	 * and at least one (shortened if it alone is too long), on one line.
	 */
	static String summary(String body, int max) {
		String text = oneLine(body);
		if (text.length() <= max) {
			return text;
		}
		BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
		sentences.setText(text);
		int end = 0;
		for (int next = sentences.next(); next != BreakIterator.DONE && next <= max; next = sentences.next()) {
			end = next;
		}
		if (end == 0) {
			return shorten(text, max);
		}
		return text.substring(0, end).strip();
	}

}
