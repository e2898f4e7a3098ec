package dev.policypulse.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox. Each pass claims a batch of due emails with a lease (one short
 * statement, no lock held afterwards), then sends them on up to {@code parallelism}
 * threads, each over a reused SMTP connection of its own, and records each outcome at
 * once, in its own statement: whatever was sent stays marked sent even if the process
 * dies later in the pass. A pass that claimed a full batch claims the next one straight
 * away, so a backlog drains at the speed of the SMTP server rather than one batch per
 * interval; while one batch is being sent, the pass's own thread renders the next. Emails
 * claimed by a process that died become claimable again when their lease runs out. No
 * email is started close to the end of its lease: the rest go back, so that two passes
 * never send the same email because one was slow.
 * <p>
 * The SMTP server sits behind a rate limiter, a retry and a circuit breaker
 * ({@link ResilientSmtp}). A failed email stays pending with a growing back-off unless
 * the SMTP server refused it for good or, while reachable, kept failing too often: then
 * it is given up ({@code failed}). While the server cannot be reached the breaker opens,
 * and nothing is claimed until one probe email gets through: an outage delays mail but
 * never loses it, however long, and failed emails wait no longer than the breaker's open
 * duration, so they go out soon after the server is back.
 * <p>
 * Delivery is at least once. The one unavoidable duplicate, an email the SMTP server
 * accepted while its reply was lost (the connection broke or timed out after the content
 * was sent, or the process died before the email was marked sent), is not retried within
 * the pass: it goes back to the outbox with the usual back-off and is sent again on a
 * later pass, with the same deterministic {@code Message-ID}, so that receivers can drop
 * it. Only failures before the email was handed over are retried at once.
 */
@Component
class Dispatcher implements DisposableBean {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private static final int MAX_ERROR_LENGTH = 1000;

	/**
	 * How often a pass first cancels the emails of cancelled and paused subscriptions.
	 */
	static final Duration STRANDED_SWEEP_INTERVAL = Duration.ofMinutes(1);

	private final Outbox outbox;

	private final AlertFanout fanout;

	private final AlertRendering rendering;

	private final ResilientSmtp smtp;

	private final DispatchProperties properties;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	/**
	 * Threads that send alongside the pass's own, or {@code null} without parallelism.
	 */
	private final ExecutorService senders;

	private final Timer alertLatency;

	private volatile boolean stopping;

	/** When a pass should next look for stranded emails; only the scheduler's thread. */
	private Instant nextSweep = Instant.MIN;

	Dispatcher(Outbox outbox, AlertFanout fanout, AlertRendering rendering, ResilientSmtp smtp,
			DispatchProperties properties, Clock clock, MeterRegistry meterRegistry) {
		this.outbox = outbox;
		this.fanout = fanout;
		this.rendering = rendering;
		this.smtp = smtp;
		this.properties = properties;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		this.alertLatency = DeliveryMetrics.alertLatency(meterRegistry);
		// normally zero: registered at start, so that it shows as zero rather than
		// missing, and increase() sees the first
		DeliveryMetrics.stranded(meterRegistry);
		this.senders = (properties.parallelism() > 1) ? Executors.newFixedThreadPool(properties.parallelism() - 1,
				new CustomizableThreadFactory("outbox-send-")) : null;
	}

	/** One pass over the outbox: claims and sends batches until one is not full. */
	void dispatch() {
		sweepStranded();
		boolean prepared = false;
		while (!this.stopping) {
			int limit = this.smtp.claimLimit(this.properties.batchSize());
			if (limit == 0) {
				return;
			}
			// alerts are claimable once rendered: render about as many as are claimed,
			// unless that was done while the previous batch was being sent
			if (!prepared) {
				renderDue(limit);
			}
			Instant now = this.clock.instant();
			Instant leaseEnd = now.plus(this.properties.lease());
			List<OutboxEmail> claimed = this.outbox.claimDue(now, leaseEnd, limit);
			if (claimed.isEmpty()) {
				this.smtp.closeIdleConnections();
				return;
			}
			AtomicBoolean renderedMeanwhile = new AtomicBoolean();
			boolean allStarted = sendAll(claimed, leaseEnd.minus(this.properties.leaseMargin()), () -> {
				renderDue(limit);
				renderedMeanwhile.set(true);
			});
			prepared = renderedMeanwhile.get();
			if (!allStarted || claimed.size() < limit) {
				return;
			}
		}
	}

	/**
	 * Expands items into alerts and renders due alerts; a failure (the database, say) is
	 * logged and the pass goes on to claim what is rendered already, so that
	 * confirmations, digests and rendered alerts never wait for rendering.
	 */
	private void renderDue(int limit) {
		try {
			this.fanout.expandDue(limit);
		}
		catch (RuntimeException ex) {
			logger.warn("Expanding items into alerts failed; rendering and claiming those already written", ex);
		}
		try {
			this.rendering.renderDue(limit);
		}
		catch (RuntimeException ex) {
			logger.warn("Rendering due alerts failed; claiming those already rendered", ex);
		}
	}

	/**
	 * Cancels, at most once per {@link #STRANDED_SWEEP_INTERVAL}, the emails that were
	 * enqueued for a subscription while it was being cancelled or paused
	 * ({@link Outbox#cancelStranded}).
	 */
	private void sweepStranded() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.nextSweep)) {
			return;
		}
		this.nextSweep = now.plus(STRANDED_SWEEP_INTERVAL);
		int cancelled = this.outbox.cancelStranded(now);
		if (cancelled > 0) {
			logger.info("Cancelled " + cancelled + " emails enqueued while their subscription was being "
					+ "cancelled or paused");
			DeliveryMetrics.stranded(this.meterRegistry).increment(cancelled);
		}
	}

	boolean isStopping() {
		return this.stopping;
	}

	/**
	 * Stops taking up further emails once the application is shutting down; the emails
	 * being sent are finished (the scheduler waits for the pass, the pass for its
	 * senders).
	 */
	@EventListener(ContextClosedEvent.class)
	void stop() {
		this.stopping = true;
	}

	/** Ends the sending threads, idle by now: the scheduler was shut down first. */
	@Override
	public void destroy() throws InterruptedException {
		if (this.senders != null) {
			this.senders.shutdown();
			this.senders.awaitTermination(this.properties.shutdownGracePeriod().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Sends the claimed emails on as many threads as allowed, the pass's own included,
	 * and hands back those that were not started. When other threads send, the pass's own
	 * thread first does {@code meanwhile} (rendering the next batch), then joins them, so
	 * that rendering and sending overlap.
	 * @return whether every email was started
	 */
	private boolean sendAll(List<OutboxEmail> claimed, Instant lastStart, Runnable meanwhile) {
		Batch batch = new Batch(claimed, lastStart);
		int threads = Math.min(this.properties.parallelism(), claimed.size());
		List<Future<?>> others = new ArrayList<>(threads);
		for (int i = 1; i < threads; i++) {
			others.add(this.senders.submit(() -> work(batch)));
		}
		if (!others.isEmpty() && !this.stopping) {
			meanwhile.run();
		}
		work(batch);
		awaitAll(others);
		List<OutboxEmail> handedBack = new ArrayList<>(batch.handedBack);
		if (!handedBack.isEmpty()) {
			if (batch.leaseRanOut.get() && !this.stopping) {
				logger.info("Sending took most of the lease; handing " + handedBack.size()
						+ " emails back to the next pass");
			}
			this.outbox.release(handedBack);
		}
		RuntimeException failure = batch.failure.get();
		if (failure != null) {
			// the emails nobody took stay claimed until their lease ends
			throw failure;
		}
		return handedBack.isEmpty() && batch.emails.isEmpty();
	}

	/**
	 * One sending thread's share of a batch: emails one after another until none is left.
	 */
	private void work(Batch batch) {
		try {
			OutboxEmail email;
			while (batch.failure.get() == null && (email = batch.emails.poll()) != null) {
				if (!mayStart(batch) || !this.smtp.awaitPermit() || !mayStart(batch) || !send(email)) {
					batch.handedBack.add(email);
				}
			}
		}
		catch (RuntimeException ex) {
			// most likely the database: stop the pass as a whole
			batch.failure.compareAndSet(null, ex);
		}
	}

	private boolean mayStart(Batch batch) {
		if (this.stopping || this.smtp.isOpen()) {
			return false;
		}
		if (!this.clock.instant().isBefore(batch.lastStart)) {
			batch.leaseRanOut.set(true);
			return false;
		}
		return true;
	}

	/**
	 * Sends one email and records the outcome.
	 * @return {@code false} if the circuit breaker turned it away before any attempt
	 */
	private boolean send(OutboxEmail email) {
		try {
			this.smtp.send(email.email());
		}
		catch (CallNotPermittedException ex) {
			return false;
		}
		catch (MailException ex) {
			failed(email, ex);
			return true;
		}
		Instant accepted = this.clock.instant();
		if (!this.outbox.markSent(email, accepted)) {
			logger.info("Sent " + email.kind() + " email " + email.id()
					+ ", which was cancelled or claimed by another pass meanwhile");
		}
		else if (email.ingestedAt() != null) {
			this.alertLatency.record(Duration.between(email.ingestedAt(), accepted));
		}
		DeliveryMetrics.emails(this.meterRegistry, email.kind(), "sent").increment();
		return true;
	}

	private void failed(OutboxEmail email, MailException ex) {
		int attempts = email.attempts() + 1;
		String error = truncate(String.valueOf(ex.getMessage()));
		Instant now = this.clock.instant();
		boolean permanent = SendFailures.isPermanent(ex);
		boolean serverFailure = !permanent && SendFailures.isServerFailure(ex);
		// while the server cannot be reached at all, mail waits however long the outage
		// lasts
		boolean outage = serverFailure && SendFailures.isUnreachable(ex);
		if (permanent || (!outage && attempts >= this.properties.maxAttempts())) {
			logger.warn("Giving up " + email.kind() + " email " + email.id() + " after attempt " + attempts
					+ (permanent ? ", refused for good: " : ", too many failures: ") + ex.getMessage());
			if (this.outbox.markAbandoned(email, attempts, now, error)) {
				DeliveryMetrics.emails(this.meterRegistry, email.kind(), "abandoned").increment();
			}
			return;
		}
		Duration backOff = this.properties.backOff(attempts);
		if (serverFailure && backOff.compareTo(this.smtp.openDuration()) > 0) {
			// the circuit breaker paces attempts while the server is in trouble; once it
			// is back, mail should not sit out a long back-off
			backOff = this.smtp.openDuration();
		}
		Instant next = now.plus(backOff);
		logger.warn("Sending " + email.kind() + " email " + email.id() + " failed (attempt " + attempts
				+ (outage ? ", server unreachable" : "") + "), retrying at " + next + ": " + ex.getMessage());
		if (this.outbox.markFailed(email, attempts, now, next, error)) {
			DeliveryMetrics.emails(this.meterRegistry, email.kind(), "failed").increment();
		}
	}

	private static void awaitAll(List<Future<?>> futures) {
		boolean interrupted = false;
		for (Future<?> future : futures) {
			while (true) {
				try {
					future.get();
					break;
				}
				catch (InterruptedException ex) {
					// the senders finish their email either way; wait for them
					interrupted = true;
				}
				catch (ExecutionException ex) {
					break;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static String truncate(String message) {
		return (message.length() > MAX_ERROR_LENGTH) ? message.substring(0, MAX_ERROR_LENGTH) : message;
	}

	/** A claimed batch shared by the threads sending it. */
	private static final class Batch {

		private final Queue<OutboxEmail> emails;

		private final Instant lastStart;

		private final Queue<OutboxEmail> handedBack = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean leaseRanOut = new AtomicBoolean();

		private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

		Batch(List<OutboxEmail> claimed, Instant lastStart) {
			this.emails = new ConcurrentLinkedQueue<>(claimed);
			this.lastStart = lastStart;
		}

	}

}
