package dev.policypulse.notifier.delivery;

import dev.policypulse.notifier.email.OutgoingEmail;

/**
 * A pending outbox row claimed for sending.
 *
 * @param id the row id
 * @param kind {@code alert} or {@code confirmation}
 * @param attempts failed attempts so far
 * @param email what to send
 */
record OutboxEmail(long id, String kind, int attempts, OutgoingEmail email) {
}
