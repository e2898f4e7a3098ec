package dev.policypulse.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one subscriber's alert about one item: the notifier's audit trail,
 * without any email address. Published to {@link Topics#DISPATCHED}, keyed by
 * {@link #eventId()}, at least once: a consumer may see the same event again and should
 * drop repeats by {@code eventId}.
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertDispatched(UUID eventId, UUID subscriptionId, String itemId, String storyId, DispatchOutcome outcome,
		int attempts, String classifierVersion, String messageId, Instant enqueuedAt, Instant occurredAt) {

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
	}

}
