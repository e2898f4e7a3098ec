package dev.policypulse.contracts;

/**
 * A span of an item's text that supports a tag.
 *
 * @param field {@code title} or {@code body}
 * @param start offset of the first character, in UTF-16 code units
 * @param end offset after the last character
 * @param text the span itself
 */
public record Evidence(String field, int start, int end, String text) {

	public Evidence {
		if (!"title".equals(field) && !"body".equals(field)) {
			throw new IllegalArgumentException("field must be 'title' or 'body', got '" + field + "'");
		}
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
		}
		Validation.requireText(text, "text");
	}

}
