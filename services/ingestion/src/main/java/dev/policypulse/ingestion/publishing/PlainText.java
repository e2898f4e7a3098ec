package dev.policypulse.ingestion.publishing;

import java.text.Normalizer;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Turns the HTML of feeds and webhooks into the plain text that classification reads:
 * paragraphs separated by a blank line, list items and {@code <br>
 * } on their own line, table cells apart, runs of other whitespace collapsed to one
 * space, scripts and styles dropped. Text is in Unicode composed form (NFC) without
 * invisible formatting characters, so that the same words always compare and hash alike.
 */
final class PlainText {

	private static final Set<String> PARAGRAPHS = Set.of("p", "div", "section", "article", "header", "footer", "aside",
			"main", "nav", "blockquote", "pre", "figure", "figcaption", "ul", "ol", "dl", "table", "hr", "h1", "h2",
			"h3", "h4", "h5", "h6", "address", "details", "summary");

	private static final Set<String> LINES = Set.of("li", "tr", "dt", "dd", "caption");

	private static final Set<String> CELLS = Set.of("td", "th");

	private static final Set<String> IGNORED = Set.of("script", "style", "noscript", "template", "head", "iframe",
			"object", "embed", "svg", "math", "select", "button");

	private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\s\\p{Z}&&[^\\n]]+");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

	/**
	 * Characters that render as nothing: soft hyphen, zero-width space, word joiner,
	 * byte-order mark, and control characters other than tab and line breaks. The
	 * zero-width (non-)joiners stay, as they change how Persian or Indic text is read.
	 */
	private static final Pattern INVISIBLE = Pattern
		.compile("[\\u00AD\\u200B\\u2060\\uFEFF\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]");

	private PlainText() {
	}

	/**
	 * The readable text of an HTML fragment or document.
	 * @param html the HTML, may be {@code null}
	 * @return the text, never {@code null}
	 */
	static String fromHtml(String html) {
		if (html == null || html.isBlank()) {
			return "";
		}
		StringBuilder text = new StringBuilder(html.length());
		NodeTraversor.filter(new TextCollector(text), Jsoup.parseBodyFragment(html).body());
		return normalise(text.toString());
	}

	/**
	 * A single line of text from a title that may hold markup or entities.
	 * @param title the title, may be {@code null}
	 * @return the text on one line, never {@code null}
	 */
	static String line(String title) {
		if (title == null || title.isBlank()) {
			return "";
		}
		return HORIZONTAL_SPACE.matcher(fromHtml(title).replace('\n', ' ')).replaceAll(" ").strip();
	}

	/**
	 * Collapses whitespace in plain text, keeping line and paragraph breaks, and drops
	 * invisible characters.
	 * @param text the text, may be {@code null}
	 * @return the normalised text, never {@code null}
	 */
	static String normalise(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String composed = Normalizer.normalize(
				INVISIBLE.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll(""), Normalizer.Form.NFC);
		String[] lines = composed.split("\n", -1);
		StringBuilder result = new StringBuilder(composed.length());
		for (String line : lines) {
			result.append(HORIZONTAL_SPACE.matcher(line).replaceAll(" ").strip()).append('\n');
		}
		return BLANK_LINES.matcher(result).replaceAll("\n\n").strip();
	}

	private static final class TextCollector implements NodeFilter {

		private final StringBuilder text;

		TextCollector(StringBuilder text) {
			this.text = text;
		}

		@Override
		public FilterResult head(Node node, int depth) {
			if (node instanceof TextNode textNode) {
				// Line breaks in the source are layout, not content.
				this.text.append(textNode.getWholeText().replace('\r', ' ').replace('\n', ' '));
			}
			else if (node instanceof Element element) {
				String name = element.normalName();
				if (IGNORED.contains(name)) {
					return FilterResult.SKIP_ENTIRELY;
				}
				breakFor(name);
			}
			return FilterResult.CONTINUE;
		}

		@Override
		public FilterResult tail(Node node, int depth) {
			if (node instanceof Element element && !"br".equals(element.normalName())) {
				breakFor(element.normalName());
			}
			return FilterResult.CONTINUE;
		}

		private void breakFor(String name) {
			if ("br".equals(name)) {
				this.text.append('\n');
			}
			else if (PARAGRAPHS.contains(name)) {
				endWith("\n\n");
			}
			else if (LINES.contains(name)) {
				endWith("\n");
			}
			else if (CELLS.contains(name)) {
				// Cells of a row would otherwise run into one word.
				this.text.append(' ');
			}
		}

		/** Appends the newlines missing for the text to end with {@code newlines}. */
		private void endWith(String newlines) {
			int end = this.text.length();
			while (end > 0 && Character.isWhitespace(this.text.charAt(end - 1)) && this.text.charAt(end - 1) != '\n') {
				end--;
			}
			this.text.setLength(end);
			int present = 0;
			while (present < newlines.length() && present < this.text.length()
					&& this.text.charAt(this.text.length() - 1 - present) == '\n') {
				present++;
			}
			this.text.append(newlines, present, newlines.length());
		}

	}

}
