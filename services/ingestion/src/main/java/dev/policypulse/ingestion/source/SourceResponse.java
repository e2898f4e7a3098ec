package dev.policypulse.ingestion.source;

import java.time.Instant;
import java.util.Locale;

/**
 * A source as the API shows it.
 *
 * @param id the source id
 * @param type {@code feed} or {@code page}
 * @param url its address
 * @param itemSelector for pages, the CSS selector of the links to items
 * @param pollInterval time between polls, such as {@code 5m}
 * @param paused whether polling is paused
 * @param allowPrivateNetwork whether configuration allows it on a private network
 * @param origin {@code config}, {@code api}, {@code opml} or {@code catalogue}
 * @param createdAt when it was registered
 * @param updatedAt when it last changed
 */
record SourceResponse(String id, String type, String url, String itemSelector, String pollInterval, boolean paused,
		boolean allowPrivateNetwork, String origin, Instant createdAt, Instant updatedAt) {

	static SourceResponse of(RegisteredSource registered) {
		Source source = registered.source();
		return new SourceResponse(source.id(), source.type().name().toLowerCase(Locale.ROOT), source.url().toString(),
				source.itemSelector(), SourceRules.format(source.pollInterval()), source.paused(),
				source.allowPrivateNetwork(), registered.origin().code(), registered.createdAt(),
				registered.updatedAt());
	}

}
