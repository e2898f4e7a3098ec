package dev.policypulse.notifier.digest;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.policypulse.notifier.email.RenderedEmail;

/**
 * Published inside the transaction that composes a digest, so that the email is stored
 * for sending in that same transaction: the period is then marked done if and only if its
 * digest is on its way.
 *
 * @param subscriptionId the subscription
 * @param digestId the record of the period's digest, which tells the items it lists
 * @param recipient its address
 * @param period a key for the subscription's period, such as {@code daily:2026-05-04};
 * the same period always has the same key
 * @param content the rendered digest
 * @param unsubscribeUrl the one-click unsubscribe link for the {@code List-Unsubscribe}
 * headers
 * @param composedAt when it was composed
 */
public record DigestComposed(UUID subscriptionId, long digestId, String recipient, String period, RenderedEmail content,
		String unsubscribeUrl, Instant composedAt) {

	public DigestComposed {
		Objects.requireNonNull(subscriptionId, "subscriptionId");
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(content, "content");
		Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
		Objects.requireNonNull(composedAt, "composedAt");
	}

}
