package dev.policypulse.notifier.email;

import java.util.Objects;

/**
 * An email ready to hand to the SMTP server. The values that go into headers are made
 * safe on construction, whatever was stored: the recipient and the {@code Message-ID}
 * lose any line break, control character or white space ({@link MailHeaders#token}), and
 * so does the unsubscribe link, whose angle brackets and commas are percent-encoded as
 * well ({@link MailHeaders#uri}). No stored value can thus add a header line.
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
		to = MailHeaders.token(Objects.requireNonNull(to, "to"));
		Objects.requireNonNull(content, "content");
		messageId = MailHeaders.token(Objects.requireNonNull(messageId, "messageId"));
		unsubscribeUrl = MailHeaders.uri(unsubscribeUrl);
	}

}
