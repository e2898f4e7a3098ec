package dev.policypulse.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.policypulse.notifier.email.EmailSender;

import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox. Each pass claims a batch of due emails with row locks (so that several
 * instances never send the same email), sends them one by one, and records each outcome before
 * the locks are released. A failed email stays pending with a growing back-off: an SMTP outage
 * delays mail but never loses it. Sending is at least once; the stable {@code Message-ID} lets
 * receivers drop the rare duplicate.
 */
@Component
class Dispatcher {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private static final int MAX_ERROR_LENGTH = 1000;

	private final Outbox outbox;

	private final EmailSender sender;

	private final DispatchProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	Dispatcher(Outbox outbox, EmailSender sender, DispatchProperties properties, TransactionTemplate transactions,
			Clock clock, MeterRegistry meterRegistry) {
		this.outbox = outbox;
		this.sender = sender;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
	}

	/** One pass over the outbox. */
	void dispatch() {
		this.outbox.cancelAlertsOfInactiveSubscriptions();
		this.transactions.executeWithoutResult((status) -> {
			List<OutboxEmail> due = this.outbox.claimDue(this.clock.instant(), this.properties.batchSize());
			due.forEach(this::send);
		});
	}

	private void send(OutboxEmail email) {
		try {
			this.sender.send(email.email());
			this.outbox.markSent(email.id(), this.clock.instant());
			DeliveryMetrics.emails(this.meterRegistry, email.kind(), "sent").increment();
		}
		catch (MailException ex) {
			int attempts = email.attempts() + 1;
			Instant next = this.clock.instant().plus(this.properties.backOff(attempts));
			logger.warn("Sending " + email.kind() + " email " + email.id() + " failed (attempt " + attempts
					+ "), retrying at " + next + ": " + ex.getMessage());
			this.outbox.markFailed(email.id(), attempts, next, truncate(String.valueOf(ex.getMessage())));
			DeliveryMetrics.emails(this.meterRegistry, email.kind(), "failed").increment();
		}
	}

	private static String truncate(String message) {
		return (message.length() > MAX_ERROR_LENGTH) ? message.substring(0, MAX_ERROR_LENGTH) : message;
	}

}
