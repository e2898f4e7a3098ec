package dev.policypulse.notifier.delivery;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import dev.policypulse.notifier.email.MailConnectionException;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

class SendFailuresTests {

	private static final InternetAddress RECIPIENT = address();

	@Test
	void serverThatCannotBeReachedIsAnOutage() {
		MessagingException refused = new MessagingException("Could not connect to SMTP host",
				new ConnectException("Connection refused"));
		MailSendException failure = new MailConnectionException(refused);
		assertThat(SendFailures.isUnreachable(failure)).isTrue();
		assertThat(SendFailures.isPermanent(failure)).isFalse();
		assertThat(SendFailures.isUnreachable(
				new MailSendException(Map.of(new Object(), new SendFailedException("451 4.3.0 Try again later")))))
			.isFalse();
	}

	@Test
	void unknownRecipientIsPermanent() {
		SMTPAddressFailedException rejected = new SMTPAddressFailedException(RECIPIENT, "RCPT TO:<nobody@example.org>",
				550, "550 5.1.1 <nobody@example.org>: user unknown\n");
		SendFailedException invalid = new SendFailedException("Invalid Addresses", rejected, null, null,
				new Address[] { RECIPIENT });

		assertThat(SendFailures.isPermanent(failed(invalid))).isTrue();
	}

	@Test
	void recipientRejectedWithoutAReplyCodeIsPermanent() {
		SendFailedException invalid = new SendFailedException("Invalid Addresses", null, null, null,
				new Address[] { RECIPIENT });

		assertThat(SendFailures.isPermanent(failed(invalid))).isTrue();
	}

	@Test
	void refusedMessageIsPermanent() {
		SMTPSendFailedException refused = new SMTPSendFailedException("DATA", 554,
				"554 5.7.1 Message refused as spam\n", null, null, new Address[] { RECIPIENT }, null);

		assertThat(SendFailures.isPermanent(failed(refused))).isTrue();
	}

	@Test
	void temporaryRejectionIsRetried() {
		SMTPAddressFailedException busy = new SMTPAddressFailedException(RECIPIENT, "RCPT TO:<busy@example.org>", 451,
				"451 4.3.0 Mailbox busy, try again later\n");
		SendFailedException unsent = new SendFailedException("Invalid Addresses", busy, null,
				new Address[] { RECIPIENT }, null);

		assertThat(SendFailures.isPermanent(failed(unsent))).isFalse();
	}

	@Test
	void connectionAndAuthenticationFailuresAreRetried() {
		MessagingException noConnection = new MessagingException("Could not connect to SMTP host: 127.0.0.1, port: 1");

		assertThat(SendFailures.isPermanent(failed(noConnection))).isFalse();
		assertThat(SendFailures.isPermanent(new MailConnectionException(noConnection))).isFalse();
		assertThat(SendFailures.isPermanent(new MailAuthenticationException("535 5.7.8 bad credentials"))).isFalse();
	}

	@Test
	void brokenConnectionsTimeoutsAndShutdownsAreServerFailures() {
		MessagingException refused = new MessagingException("Could not connect to SMTP host",
				new ConnectException("Connection refused"));
		MessagingException reset = new MessagingException("Can't send command to SMTP host",
				new SocketException("Connection reset"));
		MessagingException timedOut = new MessagingException("Exception reading response",
				new SocketTimeoutException("Read timed out"));
		SMTPSendFailedException hungUp = new SMTPSendFailedException(".", -1, "[EOF]", null, null,
				new Address[] { RECIPIENT }, null);
		SMTPSendFailedException closing = new SMTPSendFailedException("MAIL FROM", 421,
				"421 4.3.2 Service shutting down\n", null, null, new Address[] { RECIPIENT }, null);

		assertThat(SendFailures.isServerFailure(new MailConnectionException(refused))).isTrue();
		assertThat(SendFailures.isServerFailure(failed(reset))).isTrue();
		assertThat(SendFailures.isServerFailure(failed(timedOut))).isTrue();
		assertThat(SendFailures.isServerFailure(failed(hungUp))).isTrue();
		assertThat(SendFailures.isServerFailure(failed(closing))).isTrue();
		assertThat(SendFailures.isPermanent(failed(closing))).isFalse();
	}

	@Test
	void onlyFailuresBeforeTheContentWasHandedOverAreRetriedAtOnce() {
		MailSendException refused = new MailSendException("Mail server connection failed",
				new MessagingException("Could not connect to SMTP host", new ConnectException("Connection refused")));
		MessagingException readTimeout = new MessagingException("Exception reading response",
				new SocketTimeoutException("Read timed out"));
		SMTPSendFailedException closingBeforeData = new SMTPSendFailedException("MAIL FROM", 421,
				"421 4.3.2 Service shutting down\n", null, null, new Address[] { RECIPIENT }, null);
		SMTPSendFailedException hungUpAfterData = new SMTPSendFailedException(".", -1, "[EOF]", null, null,
				new Address[] { RECIPIENT }, null);

		assertThat(SendFailures.isBeforeHandover(refused)).isTrue();
		assertThat(SendFailures.isBeforeHandover(failed(closingBeforeData))).isTrue();
		assertThat(SendFailures.isBeforeHandover(failed(readTimeout))).isFalse();
		assertThat(SendFailures.isBeforeHandover(failed(hungUpAfterData))).isFalse();
		// a server that hangs once connected is given up in the end, unlike one that is
		// away
		assertThat(SendFailures.isUnreachable(failed(readTimeout))).isFalse();
		assertThat(SendFailures.isUnreachable(failed(hungUpAfterData))).isFalse();
	}

	@Test
	void refusedOrDeferredRecipientsAndBadEmailsAreNoServerFailures() {
		SMTPAddressFailedException unknown = new SMTPAddressFailedException(RECIPIENT, "RCPT TO:<nobody@example.org>",
				550, "550 5.1.1 <nobody@example.org>: user unknown\n");
		SMTPAddressFailedException busy = new SMTPAddressFailedException(RECIPIENT, "RCPT TO:<busy@example.org>", 451,
				"451 4.3.0 Mailbox busy, try again later\n");

		assertThat(SendFailures.isServerFailure(
				failed(new SendFailedException("Invalid Addresses", unknown, null, null, new Address[] { RECIPIENT }))))
			.isFalse();
		assertThat(SendFailures.isServerFailure(
				failed(new SendFailedException("Invalid Addresses", busy, null, new Address[] { RECIPIENT }, null))))
			.isFalse();
		assertThat(SendFailures.isServerFailure(new MailParseException("not an address", null))).isFalse();
		assertThat(SendFailures.isServerFailure(new MailAuthenticationException("535 5.7.8 bad credentials")))
			.isFalse();
	}

	@Test
	void anEmailThatCannotBeBuiltIsPermanent() {
		assertThat(SendFailures.isPermanent(new MailParseException("not an address", null))).isTrue();
	}

	private static MailException failed(Exception cause) {
		return new MailSendException(Map.<Object, Exception>of("message", cause));
	}

	private static InternetAddress address() {
		try {
			return new InternetAddress("nobody@example.org");
		}
		catch (AddressException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
