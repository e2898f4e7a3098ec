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
 * again when their lease runs out. A pass never starts an email close to the end of its
 * lease: it hands the rest back, so that two passes never send the same email because one
 * was slow. A failed email stays pending with a growing back-off (an SMTP outage delays
 * mail but never loses it, however long) unless the SMTP server refused it for good or,
 * while reachable, kept failing too often: then it is given up ({@code failed}).
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
		Instant now = this.clock.instant();
		Instant leaseEnd = now.plus(this.properties.lease());
		Instant lastStart = leaseEnd.minus(this.properties.leaseMargin());
		List<OutboxEmail> claimed = this.outbox.claimDue(now, leaseEnd, this.properties.batchSize());
		for (int i = 0; i < claimed.size(); i++) {
			// shutting down, or the lease is nearly over: hand the rest back
			if (this.stopping || !this.clock.instant().isBefore(lastStart)) {
				if (!this.stopping) {
					logger.info("Sending took most of the lease; handing " + (claimed.size() - i)
							+ " emails back to the next pass");
				}
				this.outbox.release(claimed.subList(i, claimed.size()));
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
			failed(email, ex);
			return;
		}
		if (!this.outbox.markSent(email, this.clock.instant())) {
			logger.info("Sent " + email.kind() + " email " + email.id()
					+ ", which was cancelled or claimed by another pass meanwhile");
		}
		DeliveryMetrics.emails(this.meterRegistry, email.kind(), "sent").increment();
	}

	private void failed(OutboxEmail email, MailException ex) {
		int attempts = email.attempts() + 1;
		String error = truncate(String.valueOf(ex.getMessage()));
		boolean permanent = SendFailures.isPermanent(ex);
		// while the server cannot be reached at all, mail waits however long the outage
		// lasts
		boolean outage = !permanent && SendFailures.isUnreachable(ex);
		if (permanent || (!outage && attempts >= this.properties.maxAttempts())) {
			logger.warn("Giving up " + email.kind() + " email " + email.id() + " after attempt " + attempts
					+ (permanent ? ", refused for good: " : ", too many failures: ") + ex.getMessage());
			if (this.outbox.markAbandoned(email, attempts, this.clock.instant(), error)) {
				DeliveryMetrics.emails(this.meterRegistry, email.kind(), "abandoned").increment();
			}
			return;
		}
		Instant next = this.clock.instant().plus(this.properties.backOff(attempts));
		logger.warn("Sending " + email.kind() + " email " + email.id() + " failed (attempt " + attempts
				+ (outage ? ", server unreachable" : "") + "), retrying at " + next + ": " + ex.getMessage());
		if (this.outbox.markFailed(email, attempts, next, error)) {
			DeliveryMetrics.emails(this.meterRegistry, email.kind(), "failed").increment();
		}
	}

	private static String truncate(String message) {
		return (message.length() > MAX_ERROR_LENGTH) ? message.substring(0, MAX_ERROR_LENGTH) : message;
	}

}
