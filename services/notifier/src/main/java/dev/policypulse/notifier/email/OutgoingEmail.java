package dev.policypulse.notifier.email;

import java.util.Objects;

/**
 * An email ready to hand to the SMTP server.
 *
 * @param to the recipient
 * @param content subject and bodies
 * @param messageId the {@code Message-ID}, stable across retries so that receivers can
 * drop duplicates
 * @param unsubscribeUrl the one-click unsubscribe link for the {@code List-Unsubscribe}
 * headers, or {@code null} for emails that need none (confirmations)
 */
public record OutgoingEmail(String to, RenderedEmail content, String messageId, String unsubscribeUrl) {

	public OutgoingEmail {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(content, "content");
		Objects.requireNonNull(messageId, "messageId");
	}

}
