package dev.policypulse.notifier.email;

/**
 * Makes values safe to put into mail headers. Header lines end at CR or LF, so a value
 * that carries one could start a header of its own (such as {@code Bcc:}) or end the
 * headers early; feed titles, addresses and links must never do that. Unstructured text
 * (the subject) keeps its words, with every line break or other control character turned
 * into a space; structured values (addresses, message ids, links) lose them altogether.
 * Encoding non-ASCII text (RFC 2047) and folding long lines is left to Jakarta Mail,
 * which does both when the subject is set with a charset.
 */
public final class MailHeaders {

	private MailHeaders() {
	}

	/**
	 * Unstructured header text on one line: line breaks (CR, LF, NEL, the Unicode line
	 * and paragraph separators), other control characters and bidirectional overrides
	 * become spaces, runs of white space one space, and {@code =?}, which would make mail
	 * readers decode what follows as an RFC 2047 encoded word of the sender's making, is
	 * split.
	 * @param value the text, or {@code null}
	 * @return the text fit for a header, {@code ""} for {@code null}
	 */
	public static String text(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder safe = new StringBuilder(value.length());
		boolean space = false;
		for (int i = 0; i < value.length();) {
			int codePoint = value.codePointAt(i);
			i += Character.charCount(codePoint);
			if (isUnsafe(codePoint) || Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
				space = !safe.isEmpty();
				continue;
			}
			if (space) {
				safe.append(' ');
				space = false;
			}
			safe.appendCodePoint(codePoint);
		}
		return safe.toString().replace("=?", "= ?");
	}

	/**
	 * A structured value (an address, a message id) without line breaks, control
	 * characters, bidirectional overrides or white space, none of which such a value may
	 * hold.
	 * @param value the value, or {@code null}
	 * @return the value without them, or {@code null}
	 */
	public static String token(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder safe = new StringBuilder(value.length());
		value.codePoints()
			.filter((codePoint) -> !isUnsafe(codePoint) && !Character.isWhitespace(codePoint)
					&& !Character.isSpaceChar(codePoint))
			.forEach(safe::appendCodePoint);
		return safe.toString();
	}

	/**
	 * A link for a header that wraps it in angle brackets ({@code List-Unsubscribe}):
	 * {@link #token} with the characters that would close the brackets or start another
	 * entry ({@code < > , "}) percent-encoded.
	 * @param url the link, or {@code null}
	 * @return the link fit for the header, or {@code null}
	 */
	public static String uri(String url) {
		String token = token(url);
		if (token == null) {
			return null;
		}
		return token.replace("<", "%3C").replace(">", "%3E").replace(",", "%2C").replace("\"", "%22");
	}

	/**
	 * Control characters (C0, DEL, C1 including NEL), the Unicode line and paragraph
	 * separators, and the bidirectional embeddings, overrides and isolates that can make
	 * a subject display as something else than it says.
	 */
	static boolean isUnsafe(int codePoint) {
		return Character.getType(codePoint) == Character.CONTROL || codePoint == 0x2028 || codePoint == 0x2029
				|| (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
	}

}
