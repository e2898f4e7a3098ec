package dev.policypulse.ingestion.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

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
 * outright, which rules out external entities (file or network reads) and entity expansion
 * bombs before any entity is declared.
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
		List<IncomingItem> items = new ArrayList<>(feed.getEntries().size());
		for (SyndEntry entry : feed.getEntries()) {
			String link = link(entry);
			String guid = entry.getUri();
			if (guid != null && (guid.isBlank() || guid.equals(link))) {
				// RSS entries without a guid get their link as URI; the canonical URL is a better key.
				guid = null;
			}
			items.add(new IncomingItem(feedId, feedId, guid, link, entry.getTitle(), content(entry), null,
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

	private static String link(SyndEntry entry) {
		if (entry.getLink() != null && !entry.getLink().isBlank()) {
			return entry.getLink().strip();
		}
		for (SyndLink link : entry.getLinks()) {
			if (link.getHref() != null && (link.getRel() == null || "alternate".equals(link.getRel()))) {
				return link.getHref().strip();
			}
		}
		String uri = entry.getUri();
		return (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) ? uri.strip() : null;
	}

	/** The fullest HTML the entry has: its content if present, otherwise its description. */
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
