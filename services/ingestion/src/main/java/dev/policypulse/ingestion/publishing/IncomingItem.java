package dev.policypulse.ingestion.publishing;

import java.time.Instant;

/**
 * An item as a feed or a webhook delivered it, before normalisation.
 *
 * @param origin where it came in: the configured feed id, or {@code webhook}; used as the
 * metric tag, so it must come from configuration, never from the caller
 * @param source the {@code source} the published event carries
 * @param guid the feed entry's GUID or URI, or {@code null}
 * @param url the item's own link, as given, or {@code null}
 * @param fallbackUrl the address published for an item without a usable link of its own,
 * such as its feed's web site, or {@code null}
 * @param title the title, possibly with markup or entities
 * @param html the body as HTML, or {@code null} when {@code text} is given
 * @param text the body as plain text, or {@code null} when {@code html} is given
 * @param publishedAt when the source published it, or {@code null} for "now"
 * @param language the declared language tag (such as {@code en-GB}), or {@code null}
 */
public record IncomingItem(String origin, String source, String guid, String url, String fallbackUrl, String title,
		String html, String text, Instant publishedAt, String language) {

}
