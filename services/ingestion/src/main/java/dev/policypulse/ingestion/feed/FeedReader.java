package dev.policypulse.ingestion.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import dev.policypulse.ingestion.publishing.IncomingItem;

import org.springframework.stereotype.Component;

/**
 * Parses RSS and Atom documents into incoming items. Documents with a DOCTYPE are refused
 * outright, which rules out external entities (file or network reads) and entity
 * expansion bombs before any entity is declared.
 * <p>
 * Each item carries the entry's first absolute http(s) link, its GUID, and the feed's own
 * site as the address to publish for entries without a link. Which of these identifies
 * the item is decided when it is published.
 */
@Component
class FeedReader {

	/**
	 * The items of a feed document.
	 * @param feedId the configured feed id, the items' source
	 * @param body the raw document
	 * @param contentType the HTTP {@code Content-Type}, for the charset, or {@code null}
	 * @param fetchedAt the publication time of entries that carry none
	 * @return one item per entry, in document order
	 * @throws FeedFetchException if the document is not a well-formed, DOCTYPE-free feed
	 */
	List<IncomingItem> read(String feedId, byte[] body, String contentType, Instant fetchedAt)
			throws FeedFetchException {
		SyndFeed feed = parse(body, contentType);
		String site = isHttp(feed.getLink()) ? feed.getLink().strip() : null;
		List<IncomingItem> items = new ArrayList<>(feed.getEntries().size());
		for (SyndEntry entry : feed.getEntries()) {
			String link = link(entry);
			String guid = (entry.getUri() != null) ? entry.getUri().strip() : null;
			if (guid != null && (guid.isEmpty() || (isHttp(link) && guid.equals(link)))) {
				// An RSS entry without a guid gets its link as URI: no GUID then. A
				// permalink guid
				// without a link becomes the link too, so a non-http link equal to the
				// URI cannot be
				// told from a GUID and is kept as one.
				guid = null;
			}
			items.add(new IncomingItem(feedId, feedId, guid, link, site, entry.getTitle(), content(entry), null,
					date(entry, fetchedAt), feed.getLanguage()));
		}
		return items;
	}

	private static SyndFeed parse(byte[] body, String contentType) throws FeedFetchException {
		SyndFeedInput input = new SyndFeedInput();
		input.setAllowDoctypes(false);
		try (Reader reader = (contentType != null) ? new XmlReader(new ByteArrayInputStream(body), contentType, true)
				: new XmlReader(new ByteArrayInputStream(body), true)) {
			return input.build(reader);
		}
		catch (FeedException | IOException | IllegalArgumentException ex) {
			throw new FeedFetchException("not a usable RSS/Atom document: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The entry's first absolute http(s) link among its link, its alternate links and its
	 * URI; failing that its link as given, so that the reason it is unusable can be
	 * reported.
	 */
	private static String link(SyndEntry entry) {
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
		return (entry.getLink() != null && !entry.getLink().isBlank()) ? entry.getLink().strip() : null;
	}

	private static boolean isHttp(String url) {
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

	private static Instant date(SyndEntry entry, Instant fetchedAt) {
		Date date = (entry.getPublishedDate() != null) ? entry.getPublishedDate() : entry.getUpdatedDate();
		return (date != null) ? date.toInstant() : fetchedAt;
	}

}
