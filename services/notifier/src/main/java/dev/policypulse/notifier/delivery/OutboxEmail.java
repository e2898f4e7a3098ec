package dev.policypulse.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

import dev.policypulse.notifier.email.OutgoingEmail;

/**
 * A pending outbox row claimed for sending.
 *
 * @param id the row id
 * @param claim the token of the claim; outcomes are only recorded while the row still
 * carries it
 * @param kind {@code alert}, {@code confirmation} or {@code digest}
 * @param attempts failed attempts so far
 * @param email what to send
 * @param ingestedAt for alerts, when ingestion accepted the item; otherwise {@code null}
 */
record OutboxEmail(long id, UUID claim, String kind, int attempts, OutgoingEmail email, Instant ingestedAt) {
}
