package dev.policypulse.notifier.email;

import java.util.Map;

import org.springframework.mail.MailSendException;

/**
 * No connection to the SMTP server could be opened (connecting, the greeting,
 * {@code EHLO} or {@code STARTTLS} failed), so no email was handed over: sending it again
 * at once cannot deliver it twice.
 */
public class MailConnectionException extends MailSendException {

	MailConnectionException(Exception cause, Map<Object, Exception> failedMessages) {
		super("Mail server connection failed", cause, failedMessages);
	}

	/** For tests of how failures are told apart. */
	public MailConnectionException(Exception cause) {
		this(cause, Map.of());
	}

}
