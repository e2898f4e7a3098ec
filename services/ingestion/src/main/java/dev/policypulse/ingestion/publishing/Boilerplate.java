package dev.policypulse.ingestion.publishing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes what feeds append to an item's text without it being part of the item, such as
 * "The post ... appeared first on ..." or "[…]". The patterns live in
 * {@code boilerplate.txt} next to this class.
 */
final class Boilerplate {

	private static final String RESOURCE = "boilerplate.txt";

	private final List<Pattern> paragraphs;

	private final List<Pattern> endings;

	private Boilerplate(List<Pattern> paragraphs, List<Pattern> endings) {
		this.paragraphs = List.copyOf(paragraphs);
		this.endings = List.copyOf(endings);
	}

	/** The patterns shipped with the service. */
	static Boilerplate load() {
		List<Pattern> paragraphs = new ArrayList<>();
		List<Pattern> endings = new ArrayList<>();
		List<Pattern> section = null;
		try (InputStream in = Boilerplate.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + RESOURCE);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				String pattern = line.strip();
				if (pattern.isEmpty() || pattern.startsWith("#")) {
					continue;
				}
				if (pattern.equals("[paragraph]")) {
					section = paragraphs;
				}
				else if (pattern.equals("[ending]")) {
					section = endings;
				}
				else if (section == null) {
					throw new IllegalStateException(RESOURCE + ": pattern outside a section: " + pattern);
				}
				else if (section == paragraphs) {
					section.add(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
				}
				else {
					section
						.add(Pattern.compile("(?:" + pattern + ")$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Boilerplate(paragraphs, endings);
	}

	/**
	 * The text without trailing boilerplate.
	 * @param text normalised plain text (see {@link PlainText})
	 * @return the text, stripped
	 */
	String strip(String text) {
		String result = text;
		boolean changed = true;
		while (changed && !result.isEmpty()) {
			changed = false;
			for (Pattern pattern : this.paragraphs) {
				String cut = cutLastParagraph(result, pattern);
				if (cut != null) {
					result = cut;
					changed = true;
				}
			}
			for (Pattern pattern : this.endings) {
				String cut = pattern.matcher(result).replaceFirst("").strip();
				if (!cut.equals(result)) {
					result = cut;
					changed = true;
				}
			}
		}
		return result;
	}

	/** The text without its last line if that whole line matches, else {@code null}. */
	private static String cutLastParagraph(String text, Pattern pattern) {
		int start = text.lastIndexOf('\n') + 1;
		if (!pattern.matcher(text.substring(start)).matches()) {
			return null;
		}
		return text.substring(0, start).strip();
	}

}
