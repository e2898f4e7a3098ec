package dev.policypulse.ingestion.health;

import java.time.Instant;
import java.util.List;

/**
 * A source's health as the database keeps it.
 *
 * @param sourceId the source
 * @param lastSuccess end of the last successful fetch, or {@code null}
 * @param lastError end of the last failed fetch, or {@code null}
 * @param lastErrorMessage why it failed, or {@code null}
 * @param consecutiveFailures failed fetches since the last success
 * @param lastNewItem when the source last gave a new item, or {@code null}
 * @param itemTimes the dates of its newest new items, oldest first
 * @param version the in-memory version this is a copy of; not stored
 */
record StoredHealth(String sourceId, Instant lastSuccess, Instant lastError, String lastErrorMessage,
		int consecutiveFailures, Instant lastNewItem, List<Instant> itemTimes, long version) {

}
