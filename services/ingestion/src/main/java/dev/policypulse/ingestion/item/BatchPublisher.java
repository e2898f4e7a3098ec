package dev.policypulse.ingestion.item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.policypulse.ingestion.item.BatchResult.ItemResult;
import dev.policypulse.ingestion.item.ItemReader.Checked;
import dev.policypulse.ingestion.publishing.IncomingItem;
import dev.policypulse.ingestion.publishing.ItemPublisher;
import dev.policypulse.ingestion.publishing.Publication;
import dev.policypulse.ingestion.publishing.PublicationFailedException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Publishes the items of a batch, several at a time, and reports what became of each.
 * <p>
 * Each publication waits for the broker's acknowledgement, so items are handed over in
 * parallel by a pool of {@code batch-concurrency} threads shared by all batches. Entries
 * with the same {@code url} are published one after the other, in the order sent, so the
 * first of them is the one accepted and the others are duplicates. (Entries that are the
 * same item under differently written addresses may be reported in either order.)
 * <p>
 * Once the broker fails to acknowledge one item, the items of the batch not yet started
 * are not attempted: they are reported {@code failed}, like the item itself, rather than
 * each waiting out the send timeout. Nothing failed is remembered as published, so a
 * sender can send those items again.
 */
@Component
class BatchPublisher implements DisposableBean {

	/** Items of batches, by result status. */
	static final String BATCH_ITEMS_METRIC = "policypulse.ingestion.webhook.batch.items";

	private static final Logger logger = LoggerFactory.getLogger(BatchPublisher.class);

	private static final String NOT_ACKNOWLEDGED = "The item could not be handed to the broker; send it again later.";

	private static final String NOT_ATTEMPTED = "The item was not attempted because the broker did not acknowledge"
			+ " an earlier item of this batch; send it again later.";

	private final ItemPublisher publisher;

	private final MeterRegistry meterRegistry;

	private final ExecutorService workers;

	BatchPublisher(ItemPublisher publisher, WebhookProperties properties, MeterRegistry meterRegistry) {
		this.publisher = publisher;
		this.meterRegistry = meterRegistry;
		this.workers = Executors.newFixedThreadPool(properties.batchConcurrency(), new WorkerThreads());
	}

	/**
	 * Publishes the valid entries of a batch.
	 * @param entries the checked entries, in the order sent
	 * @return one result per entry, in the same order
	 */
	List<ItemResult> publish(List<Checked> entries) {
		ItemResult[] results = new ItemResult[entries.size()];
		Map<String, List<Integer>> byUrl = new LinkedHashMap<>();
		for (int i = 0; i < entries.size(); i++) {
			Checked entry = entries.get(i);
			if (entry.valid()) {
				byUrl.computeIfAbsent(entry.item().url().strip(), (url) -> new ArrayList<>()).add(i);
			}
			else {
				results[i] = ItemResult.invalid(i, entry.problem());
			}
		}
		AtomicBoolean brokerFailed = new AtomicBoolean();
		List<Running> running = new ArrayList<>(byUrl.size());
		for (List<Integer> indexes : byUrl.values()) {
			try {
				running.add(new Running(indexes,
						this.workers.submit(() -> publishInOrder(indexes, entries, brokerFailed))));
			}
			catch (RejectedExecutionException ex) {
				// shutting down
				indexes.forEach((i) -> results[i] = ItemResult.failed(i, null, NOT_ACKNOWLEDGED));
			}
		}
		for (Running group : running) {
			for (ItemResult result : group.await()) {
				results[result.index()] = result;
			}
		}
		List<ItemResult> all = List.of(results);
		all.forEach(this::count);
		return all;
	}

	private List<ItemResult> publishInOrder(List<Integer> indexes, List<Checked> entries, AtomicBoolean brokerFailed) {
		List<ItemResult> results = new ArrayList<>(indexes.size());
		for (int index : indexes) {
			results.add(publishOne(index, entries.get(index).item(), brokerFailed));
		}
		return results;
	}

	private ItemResult publishOne(int index, IncomingItem item, AtomicBoolean brokerFailed) {
		if (brokerFailed.get()) {
			return ItemResult.failed(index, null, NOT_ATTEMPTED);
		}
		try {
			Publication publication = this.publisher.publish(item);
			return switch (publication.outcome()) {
				case PUBLISHED -> ItemResult.accepted(index, publication.id());
				case DUPLICATE -> ItemResult.duplicate(index, publication.id());
			};
		}
		catch (IllegalArgumentException ex) {
			return ItemResult.invalid(index, ex.getMessage());
		}
		catch (PublicationFailedException ex) {
			brokerFailed.set(true);
			return ItemResult.failed(index, ex.itemId(), NOT_ACKNOWLEDGED);
		}
		catch (RuntimeException ex) {
			// One item's unexpected failure must not cost the results of the others.
			logger.error("Could not publish item {} of a batch", index, ex);
			return ItemResult.failed(index, null, NOT_ACKNOWLEDGED);
		}
	}

	private void count(ItemResult result) {
		Counter.builder(BATCH_ITEMS_METRIC)
			.description("Items of pushed batches, by result")
			.tag("outcome", result.status().json())
			.register(this.meterRegistry)
			.increment();
	}

	/**
	 * Lets publications in progress end; by the time beans are destroyed the web server
	 * has stopped taking requests.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.workers.shutdown();
		if (!this.workers.awaitTermination(30, TimeUnit.SECONDS)) {
			this.workers.shutdownNow();
		}
	}

	/**
	 * The publication of the entries of a batch that share a URL.
	 *
	 * @param indexes the entries' positions, in the order sent
	 * @param future their results, in the same order
	 */
	private record Running(List<Integer> indexes, Future<List<ItemResult>> future) {

		List<ItemResult> await() {
			try {
				return this.future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.future.cancel(true);
			}
			catch (ExecutionException | CancellationException ex) {
				logger.error("Publishing items of a batch failed", ex);
			}
			return this.indexes.stream().map((i) -> ItemResult.failed(i, null, NOT_ACKNOWLEDGED)).toList();
		}

	}

	/** Daemon threads named after the pool, so a hung send never keeps the JVM alive. */
	private static final class WorkerThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "item-batch-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
