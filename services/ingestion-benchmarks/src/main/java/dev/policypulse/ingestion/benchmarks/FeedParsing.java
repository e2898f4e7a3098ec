package dev.policypulse.ingestion.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import dev.policypulse.ingestion.publishing.IncomingItem;

/**
 * Parses a feed document into incoming items the way the service's feed reader does: ROME
 * with DOCTYPEs refused, the charset taken from the document, each entry's link, GUID,
 * title, HTML content and date, and the feed's site and language. The service's reader is
 * package-private to its feed package, so its steps are repeated here.
 */
final class FeedParsing {

	private FeedParsing() {
	}

	static List<IncomingItem> items(FeedCorpus.Feed feed) {
		SyndFeed parsed;
		SyndFeedInput input = new SyndFeedInput();
		input.setAllowDoctypes(false);
		try (Reader reader = new XmlReader(new ByteArrayInputStream(feed.rss()), true)) {
			parsed = input.build(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (FeedException ex) {
			throw new IllegalStateException("generated feed " + feed.id() + " does not parse", ex);
		}
		List<IncomingItem> items = new ArrayList<>(parsed.getEntries().size());
		for (SyndEntry entry : parsed.getEntries()) {
			String guid = (entry.getUri() != null && !entry.getUri().equals(entry.getLink())) ? entry.getUri() : null;
			items.add(new IncomingItem(feed.id(), feed.id(), guid, entry.getLink(), parsed.getLink(), entry.getTitle(),
					html(entry), null, date(entry), parsed.getLanguage()));
		}
		return items;
	}

	private static String html(SyndEntry entry) {
		for (SyndContent content : entry.getContents()) {
			if (content.getValue() != null && !content.getValue().isBlank()) {
				return content.getValue();
			}
		}
		return (entry.getDescription() != null) ? entry.getDescription().getValue() : null;
	}

	private static Instant date(SyndEntry entry) {
		Date date = (entry.getPublishedDate() != null) ? entry.getPublishedDate() : entry.getUpdatedDate();
		return (date != null) ? date.toInstant() : null;
	}

}
