package dev.policypulse.ingestion.feed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The links of a {@code PAGE} source already turned into items, so that their pages are
 * not fetched again on every poll. Bounded: the link least recently seen on the list page
 * is forgotten first, and a forgotten link that shows up again is fetched once more and
 * recognised as a duplicate when published. Used by one poll at a time.
 */
final class LinkMemory {

	private final Map<String, Boolean> links;

	LinkMemory(int capacity) {
		this.links = new LinkedHashMap<>(Math.min(capacity, 256), 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	/** Whether {@code url} is known; a known link counts as just seen. */
	synchronized boolean contains(String url) {
		return this.links.get(url) != null;
	}

	synchronized void remember(String url) {
		this.links.put(url, Boolean.TRUE);
	}

	synchronized int size() {
		return this.links.size();
	}

}
