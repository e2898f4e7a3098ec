package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.policypulse.ingestion.health.HealthTrackers;
import dev.policypulse.ingestion.health.SourceHealth;
import dev.policypulse.ingestion.health.SourceHealthTracker;
import dev.policypulse.ingestion.source.Source;
import dev.policypulse.ingestion.source.SourceType;

import org.springframework.util.unit.DataSize;

/**
 * Polling without Spring: the real fetcher, readers, per-host resilience and health
 * tracker, with items recorded instead of published.
 */
final class Polling {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final RecordingSink sink = new RecordingSink();

	final SourceHealthTracker health;

	final HostResilience resilience;

	final PollRunner runner;

	final FeedProperties properties;

	Polling(FeedProperties properties, TargetGuard guard, Clock clock) {
		this.properties = properties;
		this.health = HealthTrackers.inMemory(this.meters, clock);
		this.resilience = new HostResilience(properties, this.meters);
		this.runner = new PollRunner(new HttpFetcher(properties.fetch(), guard), new FeedReader(), this.resilience,
				this.sink, this.health, this.meters, properties.page(), clock);
	}

	Polling(FeedProperties properties) {
		this(properties, TargetGuard.POLICY, Clock.systemUTC());
	}

	/**
	 * Settings for tests: a 256KB body limit, short time-outs, two attempts per fetch
	 * with a short back-off, and a breaker that opens after four failed fetches.
	 */
	static FeedProperties testSettings() {
		return settings(DataSize.ofKilobytes(256), 20);
	}

	static FeedProperties settings(DataSize maxBodySize, int maxLinkedPages) {
		return new FeedProperties(
				new FeedProperties.Fetch(Duration.ofSeconds(2), Duration.ofSeconds(2), maxBodySize, "PolicyPulse-Test",
						null),
				new FeedProperties.Poller(Duration.ofMillis(10), 8, 2, null),
				new FeedProperties.Page(maxLinkedPages, 100),
				new FeedProperties.Hosts(new FeedProperties.CircuitBreaker(50f, 4, 4, Duration.ofMinutes(5)),
						new FeedProperties.Retry(2, Duration.ofMillis(20), 2.0)));
	}

	static Source feed(String id, URI url, boolean allowPrivateNetwork) {
		return new Source(id, SourceType.FEED, url, null, Duration.ofMinutes(5), false, allowPrivateNetwork);
	}

	static Source page(String id, URI url, String selector) {
		return new Source(id, SourceType.PAGE, url, selector, Duration.ofMinutes(5), false, true);
	}

	/** Polls a source once, with fresh state, and answers its health. */
	SourceHealth pollOnce(Source source) {
		return poll(new SourceState(source, 100));
	}

	SourceHealth poll(SourceState state) {
		this.runner.poll(state);
		return this.health.health(state.source().id()).orElseThrow();
	}

	double fetches(String source, String outcome) {
		Counter counter = this.meters.find(PollRunner.FETCHES).tag("source", source).tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	double linkedPages(String source, String outcome) {
		Counter counter = this.meters.find(PollRunner.LINKED_PAGES)
			.tag("source", source)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
