package dev.policypulse.notifier.email;

import java.nio.charset.StandardCharsets;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends rendered emails as multipart text and HTML, with the headers mailbox providers
 * expect.
 */
@Component
public class EmailSender {

	private final JavaMailSender mailSender;

	private final EmailProperties properties;

	EmailSender(JavaMailSender mailSender, EmailProperties properties) {
		this.mailSender = mailSender;
		this.properties = properties;
	}

	/**
	 * Sends one email.
	 * @param email the email
	 * @throws MailException if the SMTP server cannot be reached or refuses it
	 */
	public void send(OutgoingEmail email) throws MailException {
		this.mailSender.send((message) -> {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			helper.setFrom(this.properties.from());
			helper.setTo(email.to());
			helper.setSubject(email.content().subject());
			helper.setText(email.content().text(), email.content().html());
			// JavaMailSenderImpl keeps a Message-ID that was set explicitly
			message.setHeader("Message-ID", email.messageId());
			if (email.unsubscribeUrl() != null) {
				message.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
				message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
		});
	}

}
