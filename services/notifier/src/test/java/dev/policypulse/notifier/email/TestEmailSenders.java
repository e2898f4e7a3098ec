package dev.policypulse.notifier.email;

import java.time.Duration;
import java.util.Properties;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Email senders for tests outside Spring, talking to an SMTP server of the test's
 * choosing.
 */
public final class TestEmailSenders {

	private TestEmailSenders() {
	}

	/** A sender to {@code 127.0.0.1:port} that gives up waiting after {@code timeout}. */
	public static EmailSender smtp(int port, Duration timeout) {
		JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
		mailSender.setHost("127.0.0.1");
		mailSender.setPort(port);
		Properties properties = new Properties();
		String millis = String.valueOf(timeout.toMillis());
		properties.setProperty("mail.smtp.connectiontimeout", millis);
		properties.setProperty("mail.smtp.timeout", millis);
		properties.setProperty("mail.smtp.writetimeout", millis);
		mailSender.setJavaMailProperties(properties);
		return new EmailSender(mailSender, new EmailProperties("alerts@policypulse.test"));
	}

}
