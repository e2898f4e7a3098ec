package dev.policypulse.notifier.email;

/**
 * An email's content, rendered once when it is enqueued.
 *
 * @param subject the subject line
 * @param text the plain-text body
 * @param html the HTML body, with every piece of item text escaped
 */
public record RenderedEmail(String subject, String text, String html) {
}
