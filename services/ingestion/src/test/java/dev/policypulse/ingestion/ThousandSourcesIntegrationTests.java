package dev.policypulse.ingestion;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.Topics;
import dev.policypulse.ingestion.health.SourceHealth;
import dev.policypulse.ingestion.health.SourceHealthView;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.NestedTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thousand sources, each its own feed, served by one local HTTP server: every one is
 * polled once in the first cycle and its item published. Prints how long the cycle took
 * and the fetch rate; these are figures to watch, not assertions. A second, small run
 * with the default per-host limit shows that the server never sees more than that many
 * requests at a time from one host's sources.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"policypulse.kafka.topics.partitions=1", "policypulse.ingestion.poller.initial-delay=1s",
				"policypulse.ingestion.poller.threads=16",
				// one server plays a thousand hosts here
				"policypulse.ingestion.poller.per-host=16" })
@EmbeddedKafka(partitions = 1)
class ThousandSourcesIntegrationTests {

	private static final int SOURCES = 1_000;

	private static final AtomicLongArray hits = new AtomicLongArray(SOURCES);

	private static final AtomicLong firstRequest = new AtomicLong();

	private static final AtomicInteger requests = new AtomicInteger();

	private static final AtomicInteger inFlight = new AtomicInteger();

	private static final AtomicInteger maxInFlight = new AtomicInteger();

	private static final AtomicInteger slowInFlight = new AtomicInteger();

	private static final AtomicInteger slowMaxInFlight = new AtomicInteger();

	private static final AtomicLongArray slowHits = new AtomicLongArray(SameHostSources.SOURCES);

	private static final ExecutorService serverThreads = Executors.newFixedThreadPool(8);

	private static final HttpServer server = startServer();

	@Autowired
	private SourceHealthView health;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void sources(DynamicPropertyRegistry registry) {
		for (int i = 0; i < SOURCES; i++) {
			int n = i;
			String prefix = "policypulse.ingestion.sources[" + i + "].";
			registry.add(prefix + "id", () -> "bulk-" + n);
			registry.add(prefix + "url",
					() -> "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/" + n + ".xml");
			registry.add(prefix + "poll-interval", () -> "1h");
			registry.add(prefix + "allow-private-network", () -> "true");
		}
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
		serverThreads.shutdownNow();
	}

	@Test
	void pollsAThousandSourcesInOneCycle() {
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> IntStream.range(0, SOURCES).allMatch(this::polledSuccessfully));
		Instant lastSuccess = IntStream.range(0, SOURCES)
			.mapToObj((n) -> this.health.health("bulk-" + n).orElseThrow().lastSuccess())
			.max(Instant::compareTo)
			.orElseThrow();
		Duration cycle = Duration.between(Instant.ofEpochMilli(firstRequest.get()), lastSuccess);
		double meanFetchMillis = this.meterRegistry.find("policypulse.ingestion.source.fetch.duration")
			.timers()
			.stream()
			.mapToDouble((timer) -> timer.totalTime(TimeUnit.MILLISECONDS))
			.sum() / SOURCES;
		System.out.printf(
				"%n%d sources polled in one cycle: %d ms from first request to last success, "
						+ "%.0f fetches/s, %.1f ms per fetch on average; the rest of a poll is reading and publishing "
						+ "(16 threads, 16 per host, one local server)%n%n",
				SOURCES, cycle.toMillis(), SOURCES / Math.max(0.001, cycle.toMillis() / 1000.0), meanFetchMillis);

		assertThat(IntStream.range(0, SOURCES).mapToLong(hits::get)).as("every feed fetched exactly once")
			.containsOnly(1L);
		Set<String> sources = publishedSources();
		assertThat(sources).hasSize(SOURCES);
		assertThat(requests.get()).isEqualTo(SOURCES);
		assertThat(maxInFlight.get()).as("at most poller.per-host requests at a time").isLessThanOrEqualTo(16);
	}

	private boolean polledSuccessfully(int n) {
		return this.health.health("bulk-" + n).map(SourceHealth::lastSuccess).isPresent();
	}

	/** The sources of the records on the ingested topic, each feed's one item. */
	private Set<String> publishedSources() {
		Map<String, Object> config = KafkaTestUtils.consumerProps(this.broker, "thousand-sources", false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		Set<String> sources = new HashSet<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(Topics.INGESTED, 0);
			consumer.assign(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			assertThat(end).isEqualTo(SOURCES);
			while (consumer.position(partition) < end) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode item = this.jsonMapper.readTree(record.value());
					sources.add(item.get("source").asString());
				}
			}
		}
		return sources;
	}

	private static HttpServer startServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/feeds/", (exchange) -> {
				try (exchange) {
					String name = exchange.getRequestURI().getPath().substring("/feeds/".length());
					int n = Integer.parseInt(name.substring(0, name.indexOf('.')));
					firstRequest.compareAndSet(0, System.currentTimeMillis());
					requests.incrementAndGet();
					hits.incrementAndGet(n);
					maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
					try {
						respond(exchange, feed(n));
					}
					finally {
						inFlight.decrementAndGet();
					}
				}
			});
			server.createContext("/slow/", (exchange) -> {
				try (exchange) {
					String name = exchange.getRequestURI().getPath().substring("/slow/".length());
					int n = Integer.parseInt(name.substring(0, name.indexOf('.')));
					slowHits.incrementAndGet(n);
					slowMaxInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
					try {
						// Slow enough that the poller would overlap requests if it could.
						Thread.sleep(150);
						respond(exchange, feed(SOURCES + n));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					finally {
						slowInFlight.decrementAndGet();
					}
				}
			});
			server.setExecutor(serverThreads);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void respond(HttpExchange exchange, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=UTF-8");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * A few sources of one host, polled with the default {@code poller.per-host} of 2 and
	 * plenty of threads: the server never sees more than two of them at a time.
	 */
	@Nested
	@NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
			properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
					"policypulse.kafka.topics.partitions=1", "policypulse.ingestion.poller.initial-delay=1s",
					"policypulse.ingestion.poller.threads=16" })
	@EmbeddedKafka(partitions = 1)
	class SameHostSources {

		static final int SOURCES = 12;

		@Autowired
		private SourceHealthView health;

		@DynamicPropertySource
		static void sources(DynamicPropertyRegistry registry) {
			for (int i = 0; i < SOURCES; i++) {
				int n = i;
				String prefix = "policypulse.ingestion.sources[" + i + "].";
				registry.add(prefix + "id", () -> "same-host-" + n);
				registry.add(prefix + "url",
						() -> "http://127.0.0.1:" + server.getAddress().getPort() + "/slow/" + n + ".xml");
				registry.add(prefix + "poll-interval", () -> "1h");
				registry.add(prefix + "allow-private-network", () -> "true");
			}
		}

		@Test
		void neverFetchesMoreThanTheDefaultPerHostLimitFromOneHostAtATime() {
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> IntStream.range(0, SOURCES)
					.allMatch((n) -> this.health.health("same-host-" + n).map(SourceHealth::lastSuccess).isPresent()));
			assertThat(IntStream.range(0, SOURCES).mapToLong(slowHits::get)).containsOnly(1L);
			assertThat(slowMaxInFlight.get()).as("at most the default poller.per-host (2) at a time").isBetween(1, 2);
		}

	}

	private static byte[] feed(int n) {
		return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Bulk feed " + n
				+ "</title><link>https://bulk.example.org/" + n + "/</link><description>One of many.</description>"
				+ "<item><title>Bulk item " + n + " on virtual asset rules</title><link>https://bulk.example.org/" + n
				+ "/item</link><guid>bulk-" + n + "</guid><pubDate>Mon, 03 Feb 2025 09:30:00 GMT</pubDate>"
				+ "<description>Item " + n + ".</description></item></channel></rss>")
			.getBytes(StandardCharsets.UTF_8);
	}

}
