package dev.policypulse.ingestion.source;

import java.time.Instant;

/**
 * A source as the registry holds it.
 *
 * @param source the source
 * @param origin where it was defined
 * @param createdAt when it was registered
 * @param updatedAt when its row last changed
 */
record RegisteredSource(Source source, Origin origin, Instant createdAt, Instant updatedAt) {

}
