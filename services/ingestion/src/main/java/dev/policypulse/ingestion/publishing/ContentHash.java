package dev.policypulse.ingestion.publishing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fingerprint of an item's text, for recognising the same text under another address:
 * the SHA-256 of its title and body reduced to lower-case words, so that differences of
 * case, punctuation, spacing or markup do not count.
 * <p>
 * Short texts get no fingerprint: two bulletins titled "Weekly update" with no body are
 * not the same item, while two texts of a dozen words and more that agree word for word
 * are.
 */
final class ContentHash {

	/** Fewest words, title and body together, for a text to be fingerprinted. */
	static final int MIN_WORDS = 12;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

	private ContentHash() {
	}

	/**
	 * The fingerprint of a title and body, as normalised for publication.
	 * @param title the clean title
	 * @param body the plain-text body
	 * @return 64 lower-case hex characters, or {@code null} if the text is too short
	 */
	static String of(String title, String body) {
		String text = Normalizer.normalize(title + "\n" + body, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		StringBuilder words = new StringBuilder(text.length());
		int count = 0;
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			if (count++ > 0) {
				words.append(' ');
			}
			words.append(text, matcher.start(), matcher.end());
		}
		if (count < MIN_WORDS) {
			return null;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(words.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
