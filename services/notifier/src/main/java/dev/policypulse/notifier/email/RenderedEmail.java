package dev.policypulse.notifier.email;

import java.util.Objects;

/**
 * An email's content: rendered when it is enqueued (confirmations, digests) or by the
 * dispatch pass before it is claimed (alerts).
 *
 * @param subject the subject line: one line of at most {@value #MAX_SUBJECT_LENGTH}
 * characters, made safe for the header on construction ({@link MailHeaders#text}),
 * whatever it was given
 * @param text the plain-text body
 * @param html the HTML body, with every piece of item text escaped
 */
public record RenderedEmail(String subject, String text, String html) {

	/**
	 * The longest subject kept; renderers shorten theirs sensibly well before this, which
	 * only guards against a subject that would fill a header line of its own.
	 */
	public static final int MAX_SUBJECT_LENGTH = 200;

	public RenderedEmail {
		subject = Texts.shorten(MailHeaders.text(subject), MAX_SUBJECT_LENGTH);
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(html, "html");
	}

}
