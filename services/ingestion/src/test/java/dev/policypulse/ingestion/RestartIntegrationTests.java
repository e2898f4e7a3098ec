package dev.policypulse.ingestion;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.Topics;
import dev.policypulse.ingestion.health.SourceHealth;
import dev.policypulse.ingestion.health.SourceHealthView;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops the service and starts it again against the same broker: what was published
 * before is still recognised.
 */
@EmbeddedKafka(partitions = 2)
class RestartIntegrationTests {

	private static final String API_KEY = "restart-key";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String ITEM = """
			{"title": "Assembly passes crypto-asset service provider act",
			 "body": "Providers get a year to apply for a licence.",
			 "url": "https://assembly.example.org/acts/casp?utm_source=mail"}""";

	private static HttpServer feedServer;

	private static Path databaseDirectory;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@BeforeAll
	static void startFeedServer() throws IOException {
		databaseDirectory = Files.createTempDirectory("ingestion-restart-db");
		feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		byte[] feed = Fixtures.feed("regulators.rss");
		feedServer.createContext("/rss", (exchange) -> {
			try (exchange) {
				exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=UTF-8");
				exchange.sendResponseHeaders(200, feed.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(feed);
				}
			}
		});
		feedServer.start();
	}

	@AfterAll
	static void stopFeedServer() throws IOException {
		feedServer.stop(0);
		try (Stream<Path> files = Files.walk(databaseDirectory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@Test
	void remembersPublishedItemsAcrossARestart(EmbeddedKafkaBroker broker) throws Exception {
		String id;
		SourceHealth before;
		try (ConfigurableApplicationContext first = start(broker)) {
			HttpResponse<String> accepted = postItem(first, ITEM);
			assertThat(accepted.statusCode()).isEqualTo(202);
			id = JsonPath.read(accepted.body(), "$.id");
			await().atMost(WAIT).until(() -> recordsFrom(broker, "roundup").size() == 3);
			before = await().atMost(WAIT)
				.until(() -> health(first, "roundup"), (health) -> health != null && health.lastNewItem() != null);
		}
		assertThat(recordsWithKey(broker, id)).hasSize(1);

		try (ConfigurableApplicationContext second = start(broker)) {
			HttpResponse<String> repeated = postItem(second, ITEM.replace("?utm_source=mail", ""));
			assertThat(repeated.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(repeated.body(), "$.id")).isEqualTo(id);
			assertThat((String) JsonPath.read(repeated.body(), "$.status")).isEqualTo("duplicate");
			// Every entry of the feed has been recognised at least once.
			await().atMost(WAIT).until(() -> itemsCount(second, "roundup", "duplicate") >= 3);
			assertThat(itemsCount(second, "roundup", "published")).isZero();
			assertThat(itemsCount(second, "webhook", "published")).isZero();
			// The source's health survived the restart: its last new item is the one
			// before, as everything it showed since was known.
			SourceHealth after = health(second, "roundup");
			assertThat(after.status()).isEqualTo("ok");
			assertThat(after.lastNewItem()).isEqualTo(before.lastNewItem());
			assertThat(after.itemsPerDay()).isEqualTo(before.itemsPerDay());
			assertThat(after.lastSuccess()).isAfter(before.lastSuccess());
		}
		// Publications are answered only once acknowledged, so any copy would be
		// readable by now.
		assertThat(recordsWithKey(broker, id)).hasSize(1);
		assertThat(recordsFrom(broker, "roundup")).hasSize(3);
	}

	private ConfigurableApplicationContext start(EmbeddedKafkaBroker broker) {
		String feedUrl = "http://127.0.0.1:" + feedServer.getAddress().getPort() + "/rss";
		return new SpringApplicationBuilder(IngestionApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
				"--policypulse.kafka.topics.partitions=2", "--policypulse.api.key=" + API_KEY,
				"--policypulse.embedded-postgres.data-directory=" + databaseDirectory,
				"--policypulse.ingestion.sources[0].id=roundup", "--policypulse.ingestion.sources[0].url=" + feedUrl,
				"--policypulse.ingestion.sources[0].poll-interval=300ms",
				"--policypulse.ingestion.sources[0].allow-private-network=true",
				"--policypulse.ingestion.poller.initial-delay=200ms");
	}

	private HttpResponse<String> postItem(ConfigurableApplicationContext context, String json) throws Exception {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/items"))
			.timeout(WAIT)
			.header("X-Api-Key", API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static SourceHealth health(ConfigurableApplicationContext context, String sourceId) {
		return context.getBean(SourceHealthView.class).health(sourceId).orElse(null);
	}

	private static double itemsCount(ConfigurableApplicationContext context, String source, String outcome) {
		Counter counter = context.getBean(MeterRegistry.class)
			.find("policypulse.ingestion.items")
			.tag("source", source)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<ConsumerRecord<String, String>> recordsFrom(EmbeddedKafkaBroker broker, String source) {
		return allRecords(broker).stream()
			.filter((record) -> record.value().contains("\"source\":\"" + source + "\""))
			.toList();
	}

	private static List<ConsumerRecord<String, String>> recordsWithKey(EmbeddedKafkaBroker broker, String key) {
		return allRecords(broker).stream().filter((record) -> key.equals(record.key())).toList();
	}

	/**
	 * Every record of the ingested topic, read up to the current end of each partition.
	 */
	private static List<ConsumerRecord<String, String>> allRecords(EmbeddedKafkaBroker broker) {
		Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "restart-test", false);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGESTED, WAIT)
				.stream()
				.map((info) -> new TopicPartition(Topics.INGESTED, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

}
