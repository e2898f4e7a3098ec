package dev.policypulse.ingestion.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.policypulse.ingestion.publishing.IncomingItem;
import dev.policypulse.ingestion.publishing.Publication;

/**
 * Records the items polling hands over, answering an item seen before (same link, or same
 * GUID without a link) as a duplicate, and an item without a title as invalid, as the
 * publisher would.
 */
final class RecordingSink implements ItemSink {

	private final List<IncomingItem> published = new ArrayList<>();

	private final Set<String> seen = new HashSet<>();

	@Override
	public synchronized Publication publish(IncomingItem item) {
		if (item.title() == null || item.title().isBlank()) {
			throw new IllegalArgumentException("no title");
		}
		String key = (item.url() != null) ? item.url() : item.source() + ":" + item.guid();
		if (!this.seen.add(key)) {
			return new Publication(key, Publication.Outcome.DUPLICATE);
		}
		this.published.add(item);
		return new Publication(key, Publication.Outcome.PUBLISHED);
	}

	synchronized List<IncomingItem> published() {
		return List.copyOf(this.published);
	}

	synchronized List<IncomingItem> publishedBy(String source) {
		return this.published.stream().filter((item) -> item.source().equals(source)).toList();
	}

}
