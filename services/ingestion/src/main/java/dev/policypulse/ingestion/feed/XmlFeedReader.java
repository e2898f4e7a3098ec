package dev.policypulse.ingestion.feed;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;

import dev.policypulse.ingestion.feed.FetchException.Kind;
import dev.policypulse.ingestion.publishing.IncomingItem;

/**
 * Reads RSS 0.9x, 1.0 and 2.0 and Atom documents with ROME, after a streaming check that
 * refuses what could harm the service before any tree is built:
 * <ul>
 * <li>any DOCTYPE, which rules out external entities (file or network reads) and entity
 * expansion (billion laughs, quadratic blow-up) before any entity can be declared;</li>
 * <li>elements nested deeper than {@value #MAX_DEPTH} or more than {@value #MAX_ELEMENTS}
 * elements, which would cost stack or memory out of proportion to the document;</li>
 * <li>documents that are not RSS or Atom, such as an HTML page.</li>
 * </ul>
 * Common slips of real feeds, such as HTML entities like {@code &nbsp;} that XML does not
 * define, are mended first, as ROME would.
 * <p>
 * Each item carries the entry's first absolute http(s) link (a relative one is resolved
 * against the feed's address), its GUID, and the feed's own site as the address to
 * publish for entries without a link. Which of these identifies the item is decided when
 * it is published.
 */
final class XmlFeedReader {

	static final int MAX_DEPTH = 64;

	static final int MAX_ELEMENTS = 100_000;

	private static final Set<String> FEED_ROOTS = Set.of("rss", "RDF", "feed");

	private static final Pattern HTML_DOCTYPE = Pattern.compile("(?is)^\\s*<!DOCTYPE\\s+html\\b.*");

	private XmlFeedReader() {
	}

	/**
	 * The items of an RSS or Atom document.
	 * @param sourceId the source, the items' origin and source
	 * @param text the decoded document
	 * @param base the document's address, for relative links, or {@code null}
	 * @return one item per entry, in document order
	 * @throws FetchException if the document is refused or not a feed
	 */
	static List<IncomingItem> read(String sourceId, String text, URI base) throws FetchException {
		String mended = mend(text);
		checkSafe(mended);
		SyndFeed feed = parse(mended);
		String site = isHttp(feed.getLink()) ? feed.getLink().strip() : null;
		List<IncomingItem> items = new ArrayList<>(feed.getEntries().size());
		for (SyndEntry entry : feed.getEntries()) {
			String link = link(entry, base);
			String guid = (entry.getUri() != null) ? entry.getUri().strip() : null;
			if (guid != null && (guid.isEmpty() || (isHttp(link) && guid.equals(link)))) {
				// An RSS entry without a guid gets its link as URI: no GUID then. A
				// permalink guid without a link becomes the link too, so a non-http link
				// equal to the URI cannot be told from a GUID and is kept as one.
				guid = null;
			}
			items.add(new IncomingItem(sourceId, sourceId, guid, link, site, entry.getTitle(), content(entry), null,
					date(entry), feed.getLanguage()));
		}
		return items;
	}

	/** Mends HTML entities and leading white space, as ROME's XML healer does. */
	private static String mend(String text) throws FetchException {
		try (Reader mending = new XmlFixerReader(new StringReader(text))) {
			StringWriter mended = new StringWriter(text.length() + 64);
			mending.transferTo(mended);
			return mended.toString();
		}
		catch (IOException ex) {
			throw new FetchException(Kind.REFUSED, "not well-formed XML", ex);
		}
	}

	/**
	 * Streams through the document once, refusing DOCTYPEs, excessive nesting or size and
	 * documents that are not feeds.
	 */
	private static void checkSafe(String text) throws FetchException {
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		XMLStreamReader reader = null;
		try {
			reader = factory.createXMLStreamReader(new StringReader(text));
			int depth = 0;
			int elements = 0;
			while (reader.hasNext()) {
				int event = reader.next();
				if (event == XMLStreamConstants.DTD) {
					throw new FetchException(Kind.REFUSED, HTML_DOCTYPE.matcher(reader.getText()).matches()
							? "an HTML page, not a feed" : "XML DOCTYPE refused");
				}
				if (event == XMLStreamConstants.START_ELEMENT) {
					if (elements == 0) {
						checkRoot(reader.getLocalName());
					}
					if (++depth > MAX_DEPTH) {
						throw new FetchException(Kind.REFUSED, "XML nested deeper than " + MAX_DEPTH + " elements");
					}
					if (++elements > MAX_ELEMENTS) {
						throw new FetchException(Kind.REFUSED, "XML with more than " + MAX_ELEMENTS + " elements");
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT) {
					depth--;
				}
			}
			if (elements == 0) {
				throw new FetchException(Kind.REFUSED, "XML without any element");
			}
		}
		catch (XMLStreamException ex) {
			throw new FetchException(Kind.REFUSED, "not well-formed XML: " + reason(ex), ex);
		}
		finally {
			close(reader);
		}
	}

	private static void checkRoot(String name) throws FetchException {
		if (name.equalsIgnoreCase("html")) {
			throw new FetchException(Kind.REFUSED, "an HTML page, not a feed");
		}
		if (!FEED_ROOTS.contains(name)) {
			throw new FetchException(Kind.REFUSED,
					"root element <" + Messages.abbreviate(name, 40) + "> is neither RSS nor Atom");
		}
	}

	private static String reason(XMLStreamException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		int start = message.indexOf("Message: ");
		return Messages.abbreviate((start >= 0) ? message.substring(start + 9) : message, 160);
	}

	private static void close(XMLStreamReader reader) {
		if (reader != null) {
			try {
				reader.close();
			}
			catch (XMLStreamException ex) {
				// nothing was held but the string
			}
		}
	}

	private static SyndFeed parse(String text) throws FetchException {
		SyndFeedInput input = new SyndFeedInput();
		input.setAllowDoctypes(false);
		input.setXmlHealerOn(false);
		try {
			return input.build(new StringReader(text));
		}
		catch (FeedException | IllegalArgumentException ex) {
			throw new FetchException(Kind.REFUSED,
					"not a usable RSS/Atom document: " + Messages.abbreviate(String.valueOf(ex.getMessage()), 160), ex);
		}
	}

	/**
	 * The entry's first absolute http(s) link among its link, its alternate links and its
	 * URI; failing that its link resolved against the feed's address, or as given, so
	 * that the reason it is unusable can be reported.
	 */
	private static String link(SyndEntry entry, URI base) {
		List<String> candidates = new ArrayList<>();
		candidates.add(entry.getLink());
		for (SyndLink link : entry.getLinks()) {
			if (link.getRel() == null || "alternate".equals(link.getRel())) {
				candidates.add(link.getHref());
			}
		}
		candidates.add(entry.getUri());
		for (String candidate : candidates) {
			if (isHttp(candidate)) {
				return candidate.strip();
			}
		}
		String given = (entry.getLink() != null && !entry.getLink().isBlank()) ? entry.getLink().strip() : null;
		String resolved = Links.resolve(base, given);
		return (resolved != null) ? resolved : given;
	}

	static boolean isHttp(String url) {
		if (url == null) {
			return false;
		}
		String start = url.strip().toLowerCase(Locale.ROOT);
		return start.startsWith("http://") || start.startsWith("https://");
	}

	/**
	 * The fullest HTML the entry has: its content if present, otherwise its description.
	 */
	private static String content(SyndEntry entry) {
		for (SyndContent content : entry.getContents()) {
			if (content.getValue() != null && !content.getValue().isBlank()) {
				return content.getValue();
			}
		}
		SyndContent description = entry.getDescription();
		return (description != null) ? description.getValue() : null;
	}

	private static Instant date(SyndEntry entry) {
		Date date = (entry.getPublishedDate() != null) ? entry.getPublishedDate() : entry.getUpdatedDate();
		return (date != null) ? date.toInstant() : null;
	}

}
