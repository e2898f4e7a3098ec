package dev.policypulse.notifier.delivery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Tells failures that retrying cannot cure from those it may. Permanent: the SMTP server
 * answered with a 5xx reply (such as an unknown recipient or a refused message), it
 * rejected the recipient, or the email could not even be built. Everything else (no
 * connection, timeouts, 4xx replies, failed authentication) is worth another attempt.
 */
final class SendFailures {

	/** SMTP exceptions carry the server's reply, which starts with its code. */
	private static final Pattern REPLY_CODE = Pattern.compile("^([2-5])\\d\\d[ -]");

	private SendFailures() {
	}

	static boolean isPermanent(MailException ex) {
		if (ex instanceof MailParseException || ex instanceof MailPreparationException) {
			return true;
		}
		if (!(ex instanceof MailSendException send)) {
			return false;
		}
		List<Exception> failures = new ArrayList<>(send.getMessageExceptions().length + 1);
		failures.addAll(List.of(send.getMessageExceptions()));
		if (failures.isEmpty() && send.getCause() instanceof Exception cause) {
			failures.add(cause);
		}
		return !failures.isEmpty() && failures.stream().allMatch(SendFailures::isPermanent);
	}

	/**
	 * Whether the SMTP server could not be reached at all (connection refused or timed
	 * out, unknown host): an outage, which delays mail but never makes it give up.
	 */
	static boolean isUnreachable(MailException ex) {
		List<Throwable> failures = new ArrayList<>();
		failures.add(ex);
		if (ex instanceof MailSendException send) {
			failures.addAll(List.of(send.getMessageExceptions()));
		}
		for (Throwable failure : failures) {
			Throwable current = failure;
			for (int depth = 0; current != null && depth < 10; depth++) {
				if (current instanceof ConnectException || current instanceof SocketTimeoutException
						|| current instanceof UnknownHostException || current instanceof NoRouteToHostException
						|| current.getClass().getSimpleName().equals("MailConnectException")) {
					return true;
				}
				current = next(current);
			}
		}
		return false;
	}

	private static boolean isPermanent(Exception failure) {
		boolean rejectedRecipient = false;
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 10; depth++) {
			if (current instanceof SendFailedException sendFailed) {
				Matcher reply = REPLY_CODE.matcher(String.valueOf(sendFailed.getMessage()));
				if (reply.find()) {
					return "5".equals(reply.group(1));
				}
				rejectedRecipient |= hasAny(sendFailed.getInvalidAddresses())
						&& !hasAny(sendFailed.getValidUnsentAddresses());
			}
			current = next(current);
		}
		return rejectedRecipient;
	}

	private static Throwable next(Throwable current) {
		if (current instanceof MessagingException messaging && messaging.getNextException() != null) {
			return messaging.getNextException();
		}
		return current.getCause();
	}

	private static boolean hasAny(Object[] values) {
		return values != null && values.length > 0;
	}

}
