package dev.policypulse.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.policypulse.contracts.AlertDispatched;
import dev.policypulse.contracts.DispatchChannel;
import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.Topics;
import dev.policypulse.support.EventRecords;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the recorded outcomes of alerts ({@code dispatch_event}) to
 * {@link Topics#DISPATCHED}, keyed by event id. Each pass locks a batch of unpublished
 * events in a transaction, sends them, and marks those the broker acknowledged as
 * published before it commits. So an event is never lost: it is recorded in the statement
 * that records the outcome, and stays unpublished until acknowledged. It may be published
 * twice, with the same key and {@code eventId}, if the process dies between the
 * acknowledgement and the commit, or an acknowledgement comes after the pass stopped
 * waiting. Publishers of several instances skip each other's locked events.
 */
@Component
class DispatchedEventPublisher {

	private static final Log logger = LogFactory.getLog(DispatchedEventPublisher.class);

	static final String EVENT_SOURCE = "/policypulse/notifier";

	private final DispatchEventLog log;

	private final KafkaTemplate<String, AlertDispatched> kafka;

	private final TransactionTemplate transactions;

	private final DispatchedEventsProperties properties;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private final AtomicLong unpublished = new AtomicLong();

	private volatile boolean stopping;

	DispatchedEventPublisher(DispatchEventLog log, KafkaTemplate<String, AlertDispatched> kafka,
			PlatformTransactionManager transactionManager, DispatchedEventsProperties properties, Clock clock,
			MeterRegistry meterRegistry) {
		this.log = log;
		this.kafka = kafka;
		this.transactions = new TransactionTemplate(transactionManager);
		this.properties = properties;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		Gauge.builder("policypulse.notifier.dispatch.events.unpublished", this.unpublished, AtomicLong::get)
			.description("Alert outcomes recorded but not yet acknowledged by the broker")
			.register(meterRegistry);
	}

	/** One pass: publishes batches until one is not full or not fully acknowledged. */
	void publish() {
		boolean more = true;
		while (more && !this.stopping) {
			Integer published = this.transactions.execute((status) -> publishBatch());
			more = published != null && published == this.properties.batchSize();
		}
		this.unpublished.set(this.log.unpublished());
	}

	/** Stops taking up further batches once the application is shutting down. */
	@EventListener(ContextClosedEvent.class)
	void stop() {
		this.stopping = true;
	}

	/**
	 * Publishes one batch within the current transaction.
	 * @return how many events the broker acknowledged, or -1 if it did not acknowledge
	 * them all
	 */
	private int publishBatch() {
		List<DispatchEventLog.Recorded> batch = this.log.lockUnpublished(this.properties.batchSize());
		if (batch.isEmpty()) {
			return 0;
		}
		Instant now = this.clock.instant();
		List<CompletableFuture<SendResult<String, AlertDispatched>>> sends = new ArrayList<>(batch.size());
		try {
			for (DispatchEventLog.Recorded recorded : batch) {
				AlertDispatched event = recorded.event();
				String type = (event.channel() == DispatchChannel.DIGEST) ? EventHeaders.TYPE_DIGEST_LINE_DISPATCHED
						: EventHeaders.TYPE_DISPATCHED;
				sends.add(this.kafka.send(EventRecords.event(Topics.DISPATCHED, event.eventId().toString(), event, type,
						EVENT_SOURCE, now)));
			}
		}
		catch (RuntimeException ex) {
			// the broker is unreachable (no metadata in time): publish what went out
			logger.warn("Could not publish alert outcomes: " + ex.getMessage());
		}
		List<Long> acknowledged = awaitAcknowledged(batch, sends);
		this.log.markPublished(acknowledged, now);
		DeliveryMetrics.events(this.meterRegistry, "published").increment(acknowledged.size());
		int failed = batch.size() - acknowledged.size();
		if (failed > 0) {
			DeliveryMetrics.events(this.meterRegistry, "failed").increment(failed);
			return -1;
		}
		return acknowledged.size();
	}

	private List<Long> awaitAcknowledged(List<DispatchEventLog.Recorded> batch,
			List<CompletableFuture<SendResult<String, AlertDispatched>>> sends) {
		long deadline = System.nanoTime() + this.properties.sendTimeout().toNanos();
		List<Long> acknowledged = new ArrayList<>(sends.size());
		Exception firstFailure = null;
		for (int i = 0; i < sends.size(); i++) {
			try {
				sends.get(i).get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
				acknowledged.add(batch.get(i).id());
			}
			catch (ExecutionException | TimeoutException ex) {
				firstFailure = (firstFailure != null) ? firstFailure : ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (firstFailure != null) {
			logger.warn((batch.size() - acknowledged.size()) + " alert outcomes not acknowledged by the broker, to "
					+ "be published again: " + firstFailure);
		}
		return acknowledged;
	}

}
