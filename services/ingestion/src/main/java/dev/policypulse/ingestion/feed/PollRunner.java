package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.policypulse.ingestion.feed.FetchException.Kind;
import dev.policypulse.ingestion.feed.HttpFetcher.Accept;
import dev.policypulse.ingestion.feed.HttpFetcher.Fetched;
import dev.policypulse.ingestion.feed.HttpFetcher.Validators;
import dev.policypulse.ingestion.health.SourceHealthTracker;
import dev.policypulse.ingestion.publishing.IncomingItem;
import dev.policypulse.ingestion.publishing.Publication;
import dev.policypulse.ingestion.publishing.PublicationFailedException;
import dev.policypulse.ingestion.source.Source;
import dev.policypulse.ingestion.source.SourceType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Polls a source once: fetches its document through its host's retry and circuit breaker,
 * reads the items, publishes them, and tells the health tracker how it went.
 * <p>
 * A feed is fetched conditionally and each entry becomes an item. A page is fetched, the
 * links its item selector matches are resolved, and each link not turned into an item
 * before has its page fetched (under the same address, size and time rules, at most
 * {@code page.max-linked-pages} per poll) and becomes an item. A poll counts as failed
 * when the document could not be fetched or read, or when every linked page it tried
 * failed.
 * <p>
 * Never throws, so a source's schedule survives any failure. Failures are logged when a
 * source starts failing and when it recovers, and always counted.
 */
@Component
class PollRunner {

	static final String FETCHES = "policypulse.ingestion.source.fetches";

	static final String FETCH_DURATION = "policypulse.ingestion.source.fetch.duration";

	static final String LINKED_PAGES = "policypulse.ingestion.source.linked.pages";

	private static final Logger logger = LoggerFactory.getLogger(PollRunner.class);

	private final HttpFetcher fetcher;

	private final FeedReader reader;

	private final HostResilience resilience;

	private final ItemSink sink;

	private final SourceHealthTracker health;

	private final MeterRegistry meterRegistry;

	private final FeedProperties.Page pageSettings;

	private final Clock clock;

	@Autowired
	PollRunner(HttpFetcher fetcher, FeedReader reader, HostResilience resilience, ItemSink sink,
			SourceHealthTracker health, MeterRegistry meterRegistry, FeedProperties properties) {
		this(fetcher, reader, resilience, sink, health, meterRegistry, properties.page(), Clock.systemUTC());
	}

	PollRunner(HttpFetcher fetcher, FeedReader reader, HostResilience resilience, ItemSink sink,
			SourceHealthTracker health, MeterRegistry meterRegistry, FeedProperties.Page pageSettings, Clock clock) {
		this.fetcher = fetcher;
		this.reader = reader;
		this.resilience = resilience;
		this.sink = sink;
		this.health = health;
		this.meterRegistry = meterRegistry;
		this.pageSettings = pageSettings;
		this.clock = clock;
	}

	/** Polls the source of {@code state} once. */
	void poll(SourceState state) {
		Source source = state.source();
		Instant fetchedAt = this.clock.instant();
		try {
			Result result = (source.type() == SourceType.PAGE) ? pollPage(state, source, fetchedAt)
					: pollFeed(state, source, fetchedAt);
			count(source, result.outcome());
			this.health.recordSuccess(source.id(), result.newItemDates());
			if (state.markWorking()) {
				logger.info("Source {} recovered", source.id());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (FetchException ex) {
			count(source, outcome(ex.kind()));
			failed(state, source, ex.getMessage());
		}
		catch (RuntimeException ex) {
			count(source, "error");
			logger.error("Source {}: unexpected failure", source.id(), ex);
			failed(state, source, "unexpected failure: " + ex.getClass().getSimpleName());
		}
	}

	private void failed(SourceState state, Source source, String reason) {
		this.health.recordFailure(source.id(), reason);
		if (state.markFailing()) {
			logger.warn("Source {} failed: {}", source.id(), reason);
		}
		else {
			logger.debug("Source {} still failing: {}", source.id(), reason);
		}
	}

	private Result pollFeed(SourceState state, Source source, Instant fetchedAt)
			throws FetchException, InterruptedException {
		Fetched fetched = fetchTimed(source, source.url(), state.validators(), Accept.FEED);
		if (fetched.isNotModified()) {
			return new Result("not_modified", List.of());
		}
		List<IncomingItem> items = this.reader.read(source.id(), fetched.body(), fetched.contentType(), fetched.url());
		boolean complete = true;
		List<Instant> newItemDates = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			IncomingItem item = items.get(i);
			try {
				if (this.sink.publish(item).outcome() == Publication.Outcome.PUBLISHED) {
					newItemDates.add(dateOf(item, fetchedAt));
				}
			}
			catch (IllegalArgumentException ex) {
				// Counted as an invalid item by the publisher; logged on every poll that
				// still sees it.
				logger.warn("Source {}: skipped invalid entry {} of {}: {}", source.id(), i + 1, items.size(),
						ex.getMessage());
			}
			catch (PublicationFailedException ex) {
				// The broker is unavailable: the rest would fail too.
				complete = false;
				logger.warn("Source {}: stopped publishing this round: {}", source.id(), ex.getMessage());
				break;
			}
		}
		// Validators only once every item was handed over, so that a round cut short
		// fetches the whole document again instead of getting "not modified".
		state.validators(complete ? fetched.validators() : Validators.NONE);
		return new Result("ok", newItemDates);
	}

	private Result pollPage(SourceState state, Source source, Instant fetchedAt)
			throws FetchException, InterruptedException {
		Fetched list = fetchTimed(source, source.url(), state.validators(), Accept.PAGE);
		if (list.isNotModified()) {
			return new Result("not_modified", List.of());
		}
		List<PageReader.Link> links = PageReader.links(list.body(), list.contentType(), list.url(),
				source.itemSelector());
		LinkMemory known = state.links();
		List<PageReader.Link> fresh = new ArrayList<>();
		for (PageReader.Link link : links) {
			if (!known.contains(link.url())) {
				fresh.add(link);
			}
		}
		int limit = this.pageSettings.maxLinkedPages();
		boolean backlog = fresh.size() > limit;
		List<Instant> newItemDates = new ArrayList<>();
		int succeeded = 0;
		FetchException firstFailure = null;
		int failed = 0;
		for (PageReader.Link link : fresh.subList(0, Math.min(limit, fresh.size()))) {
			try {
				IncomingItem item = linkedItem(source, link, list.url(), fetchedAt);
				Publication publication = this.sink.publish(item);
				known.remember(link.url());
				succeeded++;
				countLinked(source, "ok");
				if (publication.outcome() == Publication.Outcome.PUBLISHED) {
					newItemDates.add(dateOf(item, fetchedAt));
				}
			}
			catch (FetchException ex) {
				failed++;
				firstFailure = (firstFailure != null) ? firstFailure : ex;
				countLinked(source, outcome(ex.kind()));
				if (!ex.isHostFailure() && ex.kind() != Kind.CIRCUIT_OPEN) {
					// Fetching it again next time would end the same way.
					known.remember(link.url());
				}
				logger.debug("Source {}: linked page {} failed: {}", source.id(), link.url(), ex.getMessage());
			}
			catch (IllegalArgumentException ex) {
				known.remember(link.url());
				succeeded++;
				countLinked(source, "ok");
				logger.warn("Source {}: skipped invalid linked page {}: {}", source.id(), link.url(), ex.getMessage());
			}
			catch (PublicationFailedException ex) {
				backlog = true;
				logger.warn("Source {}: stopped publishing this round: {}", source.id(), ex.getMessage());
				break;
			}
		}
		// Links left for the next poll are on this version of the page: fetch it whole.
		state.validators(backlog ? Validators.NONE : list.validators());
		if (succeeded == 0 && firstFailure != null) {
			throw new FetchException(firstFailure.kind(),
					(failed == 1) ? "linked page failed: " + firstFailure.getMessage()
							: "all " + failed + " linked pages failed, first: " + firstFailure.getMessage());
		}
		return new Result("ok", newItemDates);
	}

	private IncomingItem linkedItem(Source source, PageReader.Link link, URI listPage, Instant fetchedAt)
			throws FetchException, InterruptedException {
		URI url = URI.create(link.url());
		// Linked pages may be on any host: they share the source's breaker and retry, so
		// that links to ever new hosts create no breakers or meters of their own.
		Fetched page = this.resilience.call(HostResilience.host(source.url()),
				() -> this.fetcher.fetch(url, source.allowPrivateNetwork(), Validators.NONE, Accept.PAGE));
		if (page.isNotModified()) {
			throw new FetchException(Kind.FAILED, "HTTP 304 without validators");
		}
		return PageReader.item(source.id(), link, listPage, page);
	}

	private Fetched fetchTimed(Source source, URI url, Validators validators, Accept accept)
			throws FetchException, InterruptedException {
		long started = System.nanoTime();
		try {
			return this.resilience.call(url,
					() -> this.fetcher.fetch(url, source.allowPrivateNetwork(), validators, accept));
		}
		finally {
			Timer.builder(FETCH_DURATION)
				.description("Time to fetch a source's document, retries and redirects included")
				.tag("source", source.id())
				.register(this.meterRegistry)
				.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * The date an item counts with for the source's rhythm: its own, or the fetch time
	 * for an item without one, so that undated items of one poll count once.
	 */
	private static Instant dateOf(IncomingItem item, Instant fetchedAt) {
		return (item.publishedAt() != null) ? item.publishedAt() : fetchedAt;
	}

	private static String outcome(Kind kind) {
		return switch (kind) {
			case UNAVAILABLE, FAILED -> "error";
			case REFUSED -> "refused";
			case CIRCUIT_OPEN -> "circuit_open";
		};
	}

	private void count(Source source, String outcome) {
		Counter.builder(FETCHES)
			.description("Polls of sources, by outcome: ok, not_modified, error, refused or circuit_open")
			.tag("source", source.id())
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

	private void countLinked(Source source, String outcome) {
		Counter.builder(LINKED_PAGES)
			.description("Linked pages of page sources fetched, by outcome: ok, error, refused or circuit_open")
			.tag("source", source.id())
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

	/**
	 * How a poll went.
	 *
	 * @param outcome the metric outcome
	 * @param newItemDates the dates of the items it published
	 */
	private record Result(String outcome, List<Instant> newItemDates) {

	}

}
