package dev.policypulse.notifier.email;

import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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
		return smtp(port, timeout, new SimpleMeterRegistry());
	}

	/**
	 * A sender to {@code 127.0.0.1:port} that gives up waiting after {@code timeout} and
	 * reports its connections to {@code meterRegistry}.
	 */
	public static EmailSender smtp(int port, Duration timeout, MeterRegistry meterRegistry) {
		return smtp(port, timeout, meterRegistry, 100);
	}

	/**
	 * A sender to {@code 127.0.0.1:port} that gives up waiting after {@code timeout} and
	 * sends at most {@code messagesPerConnection} emails over one connection.
	 */
	public static EmailSender smtp(int port, Duration timeout, MeterRegistry meterRegistry, int messagesPerConnection) {
		JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
		mailSender.setHost("127.0.0.1");
		mailSender.setPort(port);
		Properties properties = new Properties();
		String millis = String.valueOf(timeout.toMillis());
		properties.setProperty("mail.smtp.connectiontimeout", millis);
		properties.setProperty("mail.smtp.timeout", millis);
		properties.setProperty("mail.smtp.writetimeout", millis);
		mailSender.setJavaMailProperties(properties);
		return new EmailSender(mailSender, new EmailProperties("alerts@policypulse.test"),
				new SmtpConnectionProperties(null, messagesPerConnection), meterRegistry);
	}

}
