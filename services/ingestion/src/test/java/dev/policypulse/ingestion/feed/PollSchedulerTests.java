package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.source.Source;
import dev.policypulse.ingestion.source.SourceCatalog;
import dev.policypulse.ingestion.source.SourceType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poller's schedule against real HTTP servers: per-host circuit breakers and
 * concurrency, and following the catalog as it changes.
 */
class PollSchedulerTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final FeedServer server = new FeedServer();

	private final Map<String, Source> sources = new ConcurrentHashMap<>();

	private final SourceCatalog catalog = () -> List.copyOf(this.sources.values());

	private final Polling polling = new Polling(Polling.testSettings());

	private final PollScheduler scheduler = new PollScheduler(this.catalog, this.polling.runner, this.polling.health,
			this.polling.properties);

	@AfterEach
	void stop() {
		this.scheduler.stop();
		this.server.close();
	}

	@Test
	void opensTheCircuitOfAFailingHostWhileAnotherHostKeepsBeingPolled() {
		this.server.handle("/broken", (exchange) -> FeedServer.send(exchange, 503, new byte[0]));
		serveFeeds("/good");
		add(source("broken", this.server.url("/broken"), Duration.ofMillis(30)));
		add(source("good", this.server.localhostUrl("/good/1"), Duration.ofMillis(30)));
		this.scheduler.start();
		await().atMost(WAIT).until(() -> this.polling.resilience.state("127.0.0.1") == CircuitBreaker.State.OPEN);
		// Four failed attempts opened it: two polls of two attempts each.
		int brokenHits = this.server.hits("/broken");
		int goodHits = this.server.hits("/good/1");
		await().atMost(WAIT).until(() -> this.server.hits("/good/1") >= goodHits + 10);
		assertThat(this.server.hits("/broken")).as("no request while the circuit is open").isEqualTo(brokenHits);
		assertThat(this.polling.resilience.state("localhost")).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.polling.health.health("broken").orElseThrow().lastErrorMessage())
			.isEqualTo("not fetched: host 127.0.0.1 failed repeatedly, circuit breaker open");
		assertThat(this.polling.health.health("good").orElseThrow().status()).isEqualTo("ok");
		assertThat(this.polling.fetches("broken", "circuit_open")).isPositive();
	}

	@Test
	void keepsASlowHostToItsShareOfThreads() {
		AtomicInteger slowInFlight = new AtomicInteger();
		AtomicInteger slowMaxInFlight = new AtomicInteger();
		this.server.handle("/slow", (exchange) -> {
			slowMaxInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
			try {
				Thread.sleep(300);
				exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
				FeedServer.send(exchange, 200, feed(exchange.getRequestURI().getPath()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				slowInFlight.decrementAndGet();
			}
		});
		serveFeeds("/fast");
		for (int i = 0; i < 12; i++) {
			add(source("slow-" + i, this.server.url("/slow/" + i), Duration.ofMillis(20)));
		}
		add(source("fast", this.server.localhostUrl("/fast/1"), Duration.ofMillis(20)));
		this.scheduler.start();
		await().atMost(WAIT).until(() -> this.server.hits("/fast/1") >= 10);
		assertThat(slowMaxInFlight.get()).as("at most poller.per-host at a time").isEqualTo(2);
		assertThat(this.polling.health.health("fast").orElseThrow().status()).isEqualTo("ok");
	}

	@Test
	void followsTheCatalogWhenSourcesChange() {
		serveFeeds("/feeds");
		add(source("first", this.server.url("/feeds/first"), Duration.ofMillis(30)));
		this.scheduler.start();
		await().atMost(WAIT).until(() -> this.server.hits("/feeds/first") >= 2);

		add(source("second", this.server.url("/feeds/second"), Duration.ofMillis(30)));
		this.scheduler.sourcesChanged();
		await().atMost(WAIT).until(() -> this.server.hits("/feeds/second") >= 2);
		assertThat(this.polling.sink.publishedBy("second")).hasSize(1);

		// Paused: the catalog no longer lists it as active.
		this.sources.remove("first");
		this.scheduler.sourcesChanged();
		int firstHits = this.server.hits("/feeds/first");
		int secondHits = this.server.hits("/feeds/second");
		await().atMost(WAIT).until(() -> this.server.hits("/feeds/second") >= secondHits + 5);
		assertThat(this.server.hits("/feeds/first")).as("at most the poll already running")
			.isLessThanOrEqualTo(firstHits + 1);

		// Resumed, at a new address.
		add(source("first", this.server.url("/feeds/first-moved"), Duration.ofMillis(30)));
		this.scheduler.sourcesChanged();
		await().atMost(WAIT).until(() -> this.server.hits("/feeds/first-moved") >= 2);

		// A longer interval applies from the next poll.
		add(source("second", this.server.url("/feeds/second"), Duration.ofHours(1)));
		this.scheduler.sourcesChanged();
		int secondBefore = this.server.hits("/feeds/second");
		await().atMost(WAIT).until(() -> this.server.hits("/feeds/first-moved") >= 8);
		assertThat(this.server.hits("/feeds/second")).isLessThanOrEqualTo(secondBefore + 1);
		assertThat(this.scheduler.sourceCount()).isEqualTo(2);
	}

	@Test
	void spreadsPollsOverTenPercentEitherSideOfTheInterval() {
		Duration interval = Duration.ofMinutes(10);
		List<Duration> delays = IntStream.range(0, 1000).mapToObj((i) -> PollScheduler.jittered(interval)).toList();
		assertThat(delays)
			.allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11)));
		assertThat(delays.stream().distinct().count()).isGreaterThan(900);
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isLessThan(Duration.ofSeconds(570)))
			.anySatisfy((delay) -> assertThat(delay).isGreaterThan(Duration.ofSeconds(630)));
	}

	private void add(Source source) {
		this.sources.put(source.id(), source);
	}

	private static Source source(String id, URI url, Duration interval) {
		return new Source(id, SourceType.FEED, url, null, interval, false, true);
	}

	/** Serves a one-item feed under {@code prefix}, the item named after the path. */
	private void serveFeeds(String prefix) {
		this.server.handle(prefix, (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
			FeedServer.send(exchange, 200, feed(exchange.getRequestURI().getPath()));
		});
	}

	static byte[] feed(String path) {
		String name = path.substring(path.lastIndexOf('/') + 1);
		return ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed " + name
				+ "</title><link>https://feeds.example.org/</link><description>d</description><item><title>Item of "
				+ name + "</title><link>https://feeds.example.org" + path
				+ "/item</link><pubDate>Mon, 03 Feb 2025 09:30:00 GMT</pubDate></item></channel></rss>")
			.getBytes(StandardCharsets.UTF_8);
	}

}
