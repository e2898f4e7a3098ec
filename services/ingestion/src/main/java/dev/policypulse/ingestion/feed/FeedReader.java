package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.policypulse.ingestion.feed.FetchException.Kind;
import dev.policypulse.ingestion.publishing.IncomingItem;

import org.springframework.stereotype.Component;

/**
 * Reads a feed document into incoming items, whichever format it is in: RSS 0.9x, 1.0 or
 * 2.0 or Atom (see {@link XmlFeedReader}) or JSON Feed 1.0 or 1.1 (see
 * {@link JsonFeedReader}). The format is told by the content, with the
 * {@code Content-Type} as a hint, since servers often send feeds as {@code text/plain} or
 * {@code text/html}. An HTML page where a feed was expected is refused with a reason that
 * says so.
 */
@Component
class FeedReader {

	private static final Pattern HTML_START = Pattern
		.compile("(?is)^(?:\\s|<\\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\\s+html\\b|html[\\s>]|head[\\s>]|body[\\s>]).*");

	/**
	 * The items of a feed document.
	 * @param sourceId the source, the items' origin and source
	 * @param body the raw document
	 * @param contentType the HTTP {@code Content-Type}, for the charset, or {@code null}
	 * @param base the document's address after redirects, for relative links, or
	 * {@code null}
	 * @return one item per entry, in document order; an entry without a readable date has
	 * none, so that the publisher stamps it and flags the date as estimated
	 * @throws FetchException if the document is refused or is no feed
	 */
	List<IncomingItem> read(String sourceId, byte[] body, String contentType, URI base) throws FetchException {
		return switch (format(body, contentType)) {
			case JSON -> JsonFeedReader.read(sourceId, TextDecoding.json(body), base);
			case XML -> XmlFeedReader.read(sourceId, TextDecoding.xml(body, contentType), base);
		};
	}

	private static Format format(byte[] body, String contentType) throws FetchException {
		int start = 0;
		if (body.length >= 2 && ((body[0] & 0xff) == 0xFE || (body[0] & 0xff) == 0xFF || body[0] == 0)) {
			// a UTF-16 byte order mark or a UTF-16 "<": only XML is written so
			return Format.XML;
		}
		if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
			start = 3;
		}
		while (start < body.length && isWhitespace(body[start])) {
			start++;
		}
		if (start == body.length) {
			throw new FetchException(Kind.REFUSED, "empty document");
		}
		if (body[start] == '{') {
			return Format.JSON;
		}
		if (body[start] == '<') {
			String head = new String(body, start, Math.min(body.length - start, 2048), StandardCharsets.ISO_8859_1);
			if (HTML_START.matcher(head).matches()) {
				throw new FetchException(Kind.REFUSED, "an HTML page, not a feed");
			}
			return Format.XML;
		}
		String mediaType = (contentType != null) ? contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)
				: "unknown";
		throw new FetchException(Kind.REFUSED, "neither XML nor JSON (" + Messages.abbreviate(mediaType, 60) + ")");
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\r' || b == '\n';
	}

	private enum Format {

		XML, JSON

	}

}
