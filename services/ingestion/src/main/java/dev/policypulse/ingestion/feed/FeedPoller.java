package dev.policypulse.ingestion.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.policypulse.ingestion.feed.FeedFetcher.Fetched;
import dev.policypulse.ingestion.feed.FeedFetcher.Validators;
import dev.policypulse.ingestion.publishing.IncomingItem;
import dev.policypulse.ingestion.publishing.ItemPublisher;
import dev.policypulse.ingestion.publishing.PublicationFailedException;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Polls every configured feed on its own interval, on a small pool of threads so that a
 * slow or failing feed delays only itself. A feed never overlaps with itself: the next
 * poll is planned when the previous one ended. Failures are logged when a feed starts
 * failing and when it recovers, and counted every time. Entries that cannot be published
 * are logged with the reason and counted as invalid items.
 */
@Component
class FeedPoller implements SmartLifecycle {

	static final String FETCHES_METRIC = "policypulse.ingestion.feed.fetches";

	private static final Logger logger = LoggerFactory.getLogger(FeedPoller.class);

	private final FeedProperties properties;

	private final FeedFetcher fetcher;

	private final FeedReader reader;

	private final ItemPublisher publisher;

	private final MeterRegistry meterRegistry;

	private final Clock clock = Clock.systemUTC();

	private volatile ThreadPoolTaskScheduler scheduler;

	FeedPoller(FeedProperties properties, FeedFetcher fetcher, FeedReader reader, ItemPublisher publisher,
			MeterRegistry meterRegistry) {
		this.properties = properties;
		this.fetcher = fetcher;
		this.reader = reader;
		this.publisher = publisher;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(this.properties.poller().threads());
		scheduler.setThreadNamePrefix("feed-poller-");
		scheduler.setWaitForTasksToCompleteOnShutdown(false);
		scheduler.initialize();
		Instant firstPoll = this.clock.instant().plus(this.properties.poller().initialDelay());
		for (FeedProperties.Feed feed : this.properties.feeds()) {
			FeedState state = new FeedState(feed);
			scheduler.scheduleWithFixedDelay(() -> poll(state), firstPoll, feed.pollInterval());
		}
		this.scheduler = scheduler;
		logger.info("Polling {} feed(s)", this.properties.feeds().size());
	}

	@Override
	public void stop() {
		ThreadPoolTaskScheduler scheduler = this.scheduler;
		this.scheduler = null;
		if (scheduler != null) {
			scheduler.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/** Polls one feed once; never throws, so the feed's schedule survives any failure. */
	void poll(FeedState state) {
		String feedId = state.feed.id();
		Instant fetchedAt = this.clock.instant();
		List<IncomingItem> items;
		try {
			Fetched fetched = this.fetcher.fetch(state.feed.url(), state.validators);
			if (fetched.isNotModified()) {
				countFetch(feedId, "not_modified");
				state.succeeded();
				return;
			}
			items = this.reader.read(feedId, fetched.body(), fetched.contentType(), fetchedAt);
			state.validators = fetched.validators();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			countFetch(feedId, "error");
			state.failed(ex);
			return;
		}
		countFetch(feedId, "ok");
		state.succeeded();
		publish(state, items);
	}

	private void publish(FeedState state, List<IncomingItem> items) {
		for (int i = 0; i < items.size(); i++) {
			try {
				this.publisher.publish(items.get(i));
			}
			catch (IllegalArgumentException ex) {
				// Counted as an invalid item by the publisher; logged on every poll that
				// still sees it.
				logger.warn("Feed {}: skipped invalid entry {} of {}: {}", state.feed.id(), i + 1, items.size(),
						ex.getMessage());
			}
			catch (PublicationFailedException ex) {
				// The broker is unavailable: fetch everything again next time, as the
				// rest would fail too.
				state.validators = Validators.NONE;
				logger.warn("Feed {}: stopped publishing this round: {}", state.feed.id(), ex.getMessage());
				return;
			}
		}
	}

	private void countFetch(String feedId, String outcome) {
		Counter.builder(FETCHES_METRIC)
			.description("Feed fetches, by feed and outcome")
			.tag("source", feedId)
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

	/**
	 * What the poller remembers about a feed between polls; used by one thread at a time.
	 */
	static final class FeedState {

		private final FeedProperties.Feed feed;

		private volatile Validators validators = Validators.NONE;

		private volatile boolean failing;

		FeedState(FeedProperties.Feed feed) {
			this.feed = feed;
		}

		void failed(Exception ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("Feed {} failed: {}", this.feed.id(), ex.getMessage());
			}
			else {
				logger.debug("Feed {} still failing: {}", this.feed.id(), ex.getMessage());
			}
		}

		void succeeded() {
			if (this.failing) {
				this.failing = false;
				logger.info("Feed {} recovered", this.feed.id());
			}
		}

	}

}
