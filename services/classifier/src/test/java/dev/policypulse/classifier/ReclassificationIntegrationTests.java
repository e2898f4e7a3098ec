package dev.policypulse.classifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.classifier.engine.ClassificationEngine;
import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test's own context is the live classifier (group {@code policypulse-classifier},
 * the engine's knowledge version); replay instances are started next to it as separate
 * applications with the properties that docs/reclassification.md gives.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"policypulse.kafka.topics.partitions=1" })
@EmbeddedKafka(partitions = 1,
		brokerProperties = { "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReclassificationIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	private EmbeddedKafkaBroker broker;

	private final JsonMapper json = JsonMapper.builder().build();

	private Producer<String, String> producer;

	private Consumer<String, String> classifiedConsumer;

	private final List<ConsumerRecord<String, String>> classified = new CopyOnWriteArrayList<>();

	@BeforeAll
	void connect() {
		this.producer = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker), new StringSerializer(),
				new StringSerializer());
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "test-verdicts", false);
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		this.classifiedConsumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
		this.classifiedConsumer.subscribe(List.of(Topics.CLASSIFIED));
	}

	@AfterAll
	void disconnect() {
		this.producer.close();
		this.classifiedConsumer.close();
	}

	@Test
	void replayInstanceReclassifiesItemsIngestedSinceItsTimestampWithItsOwnVersion() throws Exception {
		String before = newId();
		send(before, ingested(before, "Nigeria's SEC fines an unregistered crypto exchange", ""),
				Instant.now().minus(Duration.ofDays(2)));
		// later than what other tests wrote: only the old record is before it
		Instant from = Instant.now();
		List<String> since = List.of(newId(), newId(), newId());
		send(since.get(0), ingested(since.get(0), "Kenya's parliament passes a bill to license crypto exchanges",
				"Lawmakers approved the virtual asset service providers bill on Tuesday."), null);
		send(since.get(1), ingested(since.get(1), "Bitcoin price climbs as traders cheer inflows", ""), null);
		send(since.get(2),
				ingested(since.get(2), "Brazil's central bank moves its Drex CBDC pilot to a second phase", ""), null);
		for (String id : List.of(before, since.get(0), since.get(1), since.get(2))) {
			awaitVerdict(id, ClassificationEngine.knowledgeVersion());
		}

		try (ConfigurableApplicationContext replay = startReplay("policypulse-classifier-replay-test-a", from,
				"rules-test-2")) {
			since.forEach((id) -> awaitVerdict(id, "rules-test-2"));
			// what docs/reclassification.md tells operators to watch before stopping it
			assertThat(
					replay.getBean(MeterRegistry.class).find("kafka.consumer.fetch.manager.records.lag.max").gauges())
				.isNotEmpty();
		}

		// one partition, consumed in order: anything replayed before the later items
		// shows first
		assertThat(verdicts(before, "rules-test-2")).isEmpty();
		assertThat(verdicts(before, ClassificationEngine.knowledgeVersion())).hasSize(1);
		for (String id : since) {
			assertThat(verdicts(id, ClassificationEngine.knowledgeVersion())).hasSize(1);
			List<JsonNode> replayed = verdicts(id, "rules-test-2");
			assertThat(replayed).hasSize(1);
			JsonNode original = verdicts(id, ClassificationEngine.knowledgeVersion()).get(0);
			assertThat(replayed.get(0).get("item")).isEqualTo(original.get("item"));
			assertThat(replayed.get(0).get("policyMove")).isEqualTo(original.get("policyMove"));
		}
	}

	@Test
	void restartedReplayInstanceResumesInsteadOfStartingOver() throws Exception {
		Instant from = Instant.now();
		String first = newId();
		send(first, ingested(first, "Pakistan sets up a crypto council to draft regulation", ""), null);
		String group = "policypulse-classifier-replay-test-b";
		try (ConfigurableApplicationContext replay = startReplay(group, from, "rules-test-3")) {
			awaitVerdict(first, "rules-test-3");
		}

		String second = newId();
		send(second, ingested(second, "Thailand's SEC bans crypto lending services", ""), null);
		try (ConfigurableApplicationContext restarted = startReplay(group, from, "rules-test-4")) {
			awaitVerdict(second, "rules-test-4");
		}

		assertThat(verdicts(first, "rules-test-4")).isEmpty();
		assertThat(verdicts(second, "rules-test-3")).isEmpty();
	}

	/** A replay instance, configured as docs/reclassification.md says. */
	private ConfigurableApplicationContext startReplay(String groupId, Instant from, String version) {
		return new SpringApplicationBuilder(ClassifierApplication.class).run(
				"--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(), "--server.port=0",
				"--policypulse.kafka.topics.partitions=1", "--spring.kafka.consumer.group-id=" + groupId,
				"--policypulse.classifier.replay.from=" + from, "--policypulse.classifier.version=" + version);
	}

	private static String newId() {
		return "item-" + UUID.randomUUID();
	}

	private String ingested(String id, String title, String body) {
		return this.json.writeValueAsString(Map.of("id", id, "storyId", id, "source", "test-feed", "url",
				"https://news.example/" + id, "title", title, "body", body, "language", "en", "publishedAt",
				"2025-07-20T10:00:00Z", "ingestedAt", "2025-07-20T10:05:00Z"));
	}

	/** Sends with the given record timestamp, or the producer's clock when null. */
	private void send(String key, String value, Instant timestamp) throws Exception {
		Long millis = (timestamp != null) ? timestamp.toEpochMilli() : null;
		this.producer.send(new ProducerRecord<>(Topics.INGESTED, null, millis, key, value)).get();
	}

	private void awaitVerdict(String id, String version) {
		await().atMost(WAIT).until(() -> {
			this.classifiedConsumer.poll(Duration.ofMillis(200)).forEach(this.classified::add);
			return !verdicts(id, version).isEmpty();
		});
	}

	private List<JsonNode> verdicts(String id, String version) {
		return this.classified.stream()
			.filter((record) -> id.equals(record.key()))
			.map((record) -> this.json.readTree(record.value()))
			.filter((verdict) -> version.equals(verdict.get("classifierVersion").asString()))
			.toList();
	}

}
