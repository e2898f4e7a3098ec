package dev.policypulse.notifier.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import dev.policypulse.notifier.email.MailConnectionException;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Tells failures that retrying cannot cure from those it may. Permanent: the SMTP server
 * answered with a 5xx reply (such as an unknown recipient or a refused message), it
 * rejected the recipient, or the email could not even be built. Everything else (no
 * connection, timeouts, 4xx replies, failed authentication) is worth another attempt.
 * <p>
 * Among those, server failures say something about the server rather than the email: it
 * cannot be reached, the connection broke or timed out, it hung up without a reply, or it
 * announced it is shutting down ({@code 421}). These open the circuit breaker; a refused
 * or deferred recipient does not.
 * <p>
 * Only a server failure before the email was handed over ({@link #isBeforeHandover}) is
 * retried at once on a new connection. Once the content has been sent, a broken
 * connection or a reply that never came may hide an email the server accepted: sending it
 * again straight away could deliver it several times, so it goes back to the outbox.
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
	 * out, unknown host): an outage, which delays mail but never makes it give up. A
	 * server that accepts connections but then fails or hangs is not unreachable: its
	 * emails are given up after the usual number of attempts.
	 */
	static boolean isUnreachable(MailException ex) {
		return anyInChain(ex, SendFailures::isConnectFailure);
	}

	/**
	 * Whether a server failure ({@link #isServerFailure}) happened before the email was
	 * handed over, so that sending it again at once cannot deliver it twice: the
	 * connection could not be opened (refused, timed out, bad greeting or {@code EHLO}),
	 * or the server answered a command before the content ({@code MAIL FROM},
	 * {@code RCPT TO}, {@code DATA}) with {@code 421} or by hanging up. A failure while
	 * or after the content is sent, or one whose moment is unknown (a read time-out on a
	 * reused connection), is not.
	 */
	static boolean isBeforeHandover(Throwable ex) {
		if (!isServerFailure(ex)) {
			return false;
		}
		if (ex instanceof MailConnectionException) {
			return true;
		}
		return anyInChain(ex, (failure) -> isConnectFailure(failure) || isReplyBeforeContent(failure));
	}

	/**
	 * Whether the failure lies with the SMTP server or the connection to it rather than
	 * with the email: see the class description.
	 */
	static boolean isServerFailure(Throwable ex) {
		if (ex instanceof MailException mail && isPermanent(mail)) {
			return false;
		}
		return anyInChain(ex, (current) -> {
			if (current instanceof IOException || isConnectFailure(current)) {
				return true;
			}
			if (current instanceof MessagingException) {
				String message = String.valueOf(current.getMessage());
				return message.startsWith("421") || message.startsWith("[EOF]");
			}
			return false;
		});
	}

	private static boolean anyInChain(Throwable ex, Predicate<Throwable> test) {
		List<Throwable> failures = new ArrayList<>();
		failures.add(ex);
		if (ex instanceof MailSendException send) {
			failures.addAll(List.of(send.getMessageExceptions()));
		}
		for (Throwable failure : failures) {
			Throwable current = failure;
			for (int depth = 0; current != null && depth < 10; depth++) {
				if (test.test(current)) {
					return true;
				}
				current = next(current);
			}
		}
		return false;
	}

	/**
	 * Whether the connection itself could not be opened; a read time-out on an open
	 * connection is a {@link SocketTimeoutException} too, hence the look at its message.
	 */
	private static boolean isConnectFailure(Throwable failure) {
		if (failure instanceof SocketTimeoutException) {
			return String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("connect timed out");
		}
		String type = failure.getClass().getSimpleName();
		return failure instanceof ConnectException || failure instanceof UnknownHostException
				|| failure instanceof NoRouteToHostException || type.equals("MailConnectException")
				|| type.equals("SocketConnectException");
	}

	/**
	 * Whether the failure is the server's reply (or hang-up) to a command sent before the
	 * content, as Angus Mail reports it. Angus Mail is only on the runtime class path,
	 * hence the look-up by name.
	 */
	private static boolean isReplyBeforeContent(Throwable failure) {
		if (!failure.getClass().getSimpleName().equals("SMTPSendFailedException")) {
			return false;
		}
		String message = String.valueOf(failure.getMessage());
		if (!message.startsWith("421") && !message.startsWith("[EOF]")) {
			return false;
		}
		try {
			Object command = failure.getClass().getMethod("getCommand").invoke(failure);
			String name = String.valueOf(command).toUpperCase(Locale.ROOT);
			return name.startsWith("MAIL") || name.startsWith("RCPT") || name.equals("DATA");
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return false;
		}
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
