package dev.policypulse.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one subscriber's alert about one item, or of one item's line in a
 * digest: the notifier's audit trail, without any email address. Published to
 * {@link Topics#DISPATCHED}, keyed by {@link #eventId()}, at least once: a consumer may
 * see the same event again and should drop repeats by {@code eventId}.
 *
 * @param eventId stable id of the event, the same on every copy of it
 * @param subscriptionId the subscription the alert was for
 * @param itemId the item that triggered the alert (for {@code suppressed}, the item that
 * was not alerted)
 * @param storyId the story the item belongs to
 * @param outcome what became of the alert
 * @param attempts attempts to hand the email to the SMTP server, including the successful
 * one; {@code 0} for alerts never tried
 * @param classifierVersion version of the classifier rules whose verdict matched
 * @param messageId the email's {@code Message-ID}, the same on every attempt; absent for
 * {@code suppressed}, which had no email
 * @param enqueuedAt when the alert was written to the outbox; absent for
 * {@code suppressed}
 * @param occurredAt when the outcome happened: accepted by the SMTP server, given up,
 * cancelled or suppressed (UTC)
 * @param channel how the subscriber was to hear of the item: in an alert of its own, or
 * as a line of a digest (then {@code messageId} and {@code attempts} are the digest's).
 * Absent in events written before digests reported their outcomes, which were all alerts
 * @param digestPeriod for digests, the period it covers, such as {@code daily:2026-05-04}
 * or {@code weekly:2026-05-04} (the subscriber's local date it was due on)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertDispatched(UUID eventId, UUID subscriptionId, String itemId, String storyId, DispatchOutcome outcome,
		int attempts, String classifierVersion, String messageId, Instant enqueuedAt, Instant occurredAt,
		DispatchChannel channel, String digestPeriod) {

	public AlertDispatched {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(subscriptionId, "subscriptionId");
		Validation.requireId(itemId, "itemId");
		Validation.requireId(storyId, "storyId");
		Objects.requireNonNull(outcome, "outcome");
		if (attempts < 0) {
			throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
		}
		Validation.requireText(classifierVersion, "classifierVersion");
		Objects.requireNonNull(occurredAt, "occurredAt");
		if (digestPeriod != null && channel != DispatchChannel.DIGEST) {
			throw new IllegalArgumentException("only a digest has a digestPeriod");
		}
	}

	/** An alert's outcome, as events read before digests reported theirs. */
	public AlertDispatched(UUID eventId, UUID subscriptionId, String itemId, String storyId, DispatchOutcome outcome,
			int attempts, String classifierVersion, String messageId, Instant enqueuedAt, Instant occurredAt) {
		this(eventId, subscriptionId, itemId, storyId, outcome, attempts, classifierVersion, messageId, enqueuedAt,
				occurredAt, null, null);
	}

}
