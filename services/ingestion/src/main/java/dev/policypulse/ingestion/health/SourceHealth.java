package dev.policypulse.ingestion.health;

import java.time.Instant;

/**
 * What is known about how a source has been doing.
 *
 * @param sourceId the source
 * @param status {@code unknown} (not polled yet), {@code ok}, {@code failing} or
 * {@code silent} (fetches work, but no new item for several times its usual interval)
 * @param lastSuccess end of the last successful fetch, or {@code null}
 * @param lastError end of the last failed fetch, or {@code null}
 * @param lastErrorMessage why it failed, or {@code null}
 * @param consecutiveFailures failed fetches since the last success
 * @param lastNewItem when the source last gave an item not seen before, or {@code null}
 * @param itemsPerDay new items per day, averaged over the recent past
 */
public record SourceHealth(String sourceId, String status, Instant lastSuccess, Instant lastError,
		String lastErrorMessage, int consecutiveFailures, Instant lastNewItem, double itemsPerDay) {

}
