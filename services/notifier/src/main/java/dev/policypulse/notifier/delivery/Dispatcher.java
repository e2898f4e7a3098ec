package dev.policypulse.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.policypulse.notifier.email.EmailSender;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox. Each pass claims a batch of due emails with a lease (one short
 * statement, no lock held afterwards), then sends them one by one and records each
 * outcome at once, in its own statement: whatever was sent stays marked sent even if the
 * process dies later in the pass. Emails claimed by a process that died become claimable
 * again when their lease runs out. A failed email stays pending with a growing back-off:
 * an SMTP outage delays mail but never loses it.
 * <p>
 * Delivery is at least once. The one unavoidable duplicate, an email the SMTP server
 * accepted just before the process died and before it was marked sent, is sent again
 * after the lease with the same deterministic {@code Message-ID}, so that receivers can
 * drop it.
 */
@Component
class Dispatcher {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private static final int MAX_ERROR_LENGTH = 1000;

	private final Outbox outbox;

	private final EmailSender sender;

	private final DispatchProperties properties;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private volatile boolean stopping;

	Dispatcher(Outbox outbox, EmailSender sender, DispatchProperties properties, Clock clock,
			MeterRegistry meterRegistry) {
		this.outbox = outbox;
		this.sender = sender;
		this.properties = properties;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
	}

	/** One pass over the outbox. */
	void dispatch() {
		if (this.stopping) {
			return;
		}
		this.outbox.cancelAlertsOfInactiveSubscriptions();
		Instant now = this.clock.instant();
		List<OutboxEmail> claimed = this.outbox.claimDue(now, now.plus(this.properties.lease()),
				this.properties.batchSize());
		for (int i = 0; i < claimed.size(); i++) {
			if (this.stopping) {
				// shutting down: finish the email in hand (done), hand the rest back
				this.outbox.release(claimed.subList(i, claimed.size()).stream().map(OutboxEmail::id).toList());
				return;
			}
			send(claimed.get(i));
		}
	}

	/**
	 * Stops taking up further emails once the application is shutting down; the email
	 * being sent is finished (the scheduler waits for it).
	 */
	@EventListener(ContextClosedEvent.class)
	void stop() {
		this.stopping = true;
	}

	private void send(OutboxEmail email) {
		try {
			this.sender.send(email.email());
		}
		catch (MailException ex) {
			int attempts = email.attempts() + 1;
			Instant next = this.clock.instant().plus(this.properties.backOff(attempts));
			logger.warn("Sending " + email.kind() + " email " + email.id() + " failed (attempt " + attempts
					+ "), retrying at " + next + ": " + ex.getMessage());
			this.outbox.markFailed(email.id(), attempts, next, truncate(String.valueOf(ex.getMessage())));
			DeliveryMetrics.emails(this.meterRegistry, email.kind(), "failed").increment();
			return;
		}
		this.outbox.markSent(email.id(), this.clock.instant());
		DeliveryMetrics.emails(this.meterRegistry, email.kind(), "sent").increment();
	}

	private static String truncate(String message) {
		return (message.length() > MAX_ERROR_LENGTH) ? message.substring(0, MAX_ERROR_LENGTH) : message;
	}

}
