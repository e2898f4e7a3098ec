package dev.policypulse.ingestion.source;

import java.net.URI;
import java.time.Duration;

/**
 * A place items are pulled from.
 *
 * @param id short, stable name: {@code [a-z0-9][a-z0-9._-]{0,63}}; the {@code source} of
 * its items and the {@code source} tag of its metrics
 * @param type how it is read
 * @param url the feed's or page's http(s) address
 * @param itemSelector for {@link SourceType#PAGE} sources, the CSS selector of the links
 * to items; {@code null} for feeds
 * @param pollInterval time between the end of one poll and the start of the next
 * @param paused whether polling is paused
 * @param allowPrivateNetwork whether the source may be on this machine or a private
 * network: an explicit allowance for trusted internal feeds, off for anything else
 */
public record Source(String id, SourceType type, URI url, String itemSelector, Duration pollInterval, boolean paused,
		boolean allowPrivateNetwork) {

}
