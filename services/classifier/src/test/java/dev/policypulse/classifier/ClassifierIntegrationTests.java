package dev.policypulse.classifier;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.classifier.engine.ClassificationEngine;
import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"policypulse.kafka.topics.partitions=1", "policypulse.kafka.dead-letter.retries=1",
		"policypulse.kafka.dead-letter.initial-back-off=50ms", "policypulse.api.key=test-key" })
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1,
		brokerProperties = { "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassifierIntegrationTests {

	private static final String PARTNERSHIP_TITLE = "Pakistan and El Salvador agree on crypto partnership";

	private static final String PARTNERSHIP_BODY = "Pakistan's Crypto Council head, who advises the prime "
			+ "minister, met President Nayib Bukele in San Salvador to start a partnership on blockchain "
			+ "policy. Islamabad created the council this year to prepare crypto regulation.";

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MeterRegistry meters;

	private final JsonMapper json = JsonMapper.builder().build();

	private Producer<String, String> producer;

	private Consumer<String, String> classifiedConsumer;

	private Consumer<String, String> deadLetterConsumer;

	private final List<ConsumerRecord<String, String>> classified = new CopyOnWriteArrayList<>();

	private final List<ConsumerRecord<String, String>> deadLetters = new CopyOnWriteArrayList<>();

	@BeforeAll
	void connect() {
		this.producer = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker), new StringSerializer(),
				new StringSerializer());
		this.classifiedConsumer = consumer(Topics.CLASSIFIED);
		this.deadLetterConsumer = consumer(Topics.deadLetter(Topics.INGESTED));
	}

	@AfterAll
	void disconnect() {
		this.producer.close();
		this.classifiedConsumer.close();
		this.deadLetterConsumer.close();
	}

	private Consumer<String, String> consumer(String topic) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "test-" + topic, false);
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		Consumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new StringDeserializer());
		consumer.subscribe(List.of(topic));
		return consumer;
	}

	@Test
	void publishesOneTransactionalVerdictPerIngestedItem() throws Exception {
		String id = newId();
		String marker = newId();
		send(id, ingested(id, PARTNERSHIP_TITLE, PARTNERSHIP_BODY));
		send(marker, ingested(marker, "Bitcoin climbs above $100,000 as traders cheer ETF inflows", ""));

		awaitRecord(this.classifiedConsumer, this.classified, marker);
		List<ConsumerRecord<String, String>> verdicts = withKey(this.classified, id);
		assertThat(verdicts).hasSize(1);
		ConsumerRecord<String, String> record = verdicts.get(0);
		assertThat(header(record, EventHeaders.TYPE)).isEqualTo(EventHeaders.TYPE_CLASSIFIED);
		assertThat(header(record, EventHeaders.ID)).isEqualTo(id);
		assertThat(header(record, EventHeaders.SOURCE)).isEqualTo("/policypulse/classifier");
		assertThat(header(record, EventHeaders.SPEC_VERSION)).isEqualTo("1.0");
		assertThat(header(record, EventHeaders.TIME)).isNotBlank();

		JsonNode verdict = this.json.readTree(record.value());
		assertThat(verdict.get("item").get("id").asString()).isEqualTo(id);
		assertThat(verdict.get("primaryJurisdiction").asString()).isEqualTo("PK");
		assertThat(verdict.get("policyMove").asBoolean()).isTrue();
		assertThat(verdict.get("classifierVersion").asString()).isEqualTo(ClassificationEngine.knowledgeVersion());
		assertThat(roleOf(verdict, "SV")).isEqualTo("counterparty");
		assertThat(roleOf(verdict, "PK")).isEqualTo("actor");
		List<String> topics = new ArrayList<>();
		verdict.get("topics").forEach((topic) -> topics.add(topic.get("code").asString()));
		assertThat(topics).contains("international_cooperation", "regulator_formation");

		JsonNode price = this.json.readTree(withKey(this.classified, marker).get(0).value());
		assertThat(price.get("policyMove").asBoolean()).isFalse();
		assertThat(price.has("primaryJurisdiction")).isFalse();
		// counted after the commit, which may be just after the record is visible
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.meters.find("policypulse.classifier.items")
				.tags("outcome", "classified", "policy_move", "true")
				.counter()).isNotNull().satisfies((counter) -> assertThat(counter.count()).isGreaterThanOrEqualTo(1.0));
			assertThat(this.meters.find("policypulse.classifier.topics")
				.tag("topic", "international_cooperation")
				.counter()).isNotNull().satisfies((counter) -> assertThat(counter.count()).isGreaterThanOrEqualTo(1.0));
			assertThat(this.meters.find("policypulse.classifier.moves")
				.tags("jurisdiction", "PK", "topic", "international_cooperation")
				.counter()).isNotNull().satisfies((counter) -> assertThat(counter.count()).isGreaterThanOrEqualTo(1.0));
			assertThat(this.meters.find("policypulse.classifier.duration").timer()).isNotNull()
				.satisfies((timer) -> assertThat(timer.count()).isGreaterThanOrEqualTo(2L));
		});
	}

	@Test
	void deadLettersMalformedAndInvalidPayloadsAndKeepsClassifying() throws Exception {
		String malformed = newId();
		String invalid = newId();
		String valid = newId();
		double deadLettered = deadLettered();
		send(malformed, "this is not JSON {");
		send(invalid, ingested(invalid, PARTNERSHIP_TITLE, PARTNERSHIP_BODY).replace("\"title\":", "\"headline\":"));
		send(valid, ingested(valid, PARTNERSHIP_TITLE, PARTNERSHIP_BODY));

		awaitRecord(this.classifiedConsumer, this.classified, valid);
		awaitRecord(this.deadLetterConsumer, this.deadLetters, invalid);
		assertThat(withKey(this.deadLetters, malformed)).hasSize(1);
		assertThat(withKey(this.deadLetters, malformed).get(0).value()).isEqualTo("this is not JSON {");
		assertThat(withKey(this.classified, malformed)).isEmpty();
		assertThat(withKey(this.classified, invalid)).isEmpty();
		// counted when the transaction that dead-lettered them commits
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(deadLettered() - deadLettered).isEqualTo(2.0));
	}

	/**
	 * Records that cannot become an ingested item: a required field missing or of the
	 * wrong type, JSON cut short, bytes that are not UTF-8, no JSON at all.
	 */
	static Stream<Arguments> recordsBreakingTheContract() {
		String missing = "{\"id\": \"%1$s\", \"storyId\": \"%1$s\", \"source\": \"test-feed\", "
				+ "\"url\": \"https://news.example/%1$s\", \"title\": \"Kenya drafts a crypto bill\", "
				+ "\"publishedAt\": \"2025-07-20T10:00:00Z\", \"ingestedAt\": \"2025-07-20T10:05:00Z\"}";
		return Stream.of(
				Arguments.of("no id",
						bytes("{\"storyId\": \"s\", \"source\": \"f\", \"url\": \"u\", "
								+ "\"title\": \"t\", \"body\": \"b\", \"publishedAt\": \"2025-07-20T10:00:00Z\", "
								+ "\"ingestedAt\": \"2025-07-20T10:05:00Z\"}")),
				Arguments.of("no title", bytes(missing.replace("\"title\": \"Kenya drafts a crypto bill\", ", ""))),
				Arguments.of("title is an object",
						bytes(missing.replace("\"title\": \"Kenya drafts a crypto bill\"",
								"\"title\": {\"text\": \"Kenya\"}, \"body\": \"b\""))),
				Arguments.of("publishedAt is not a time",
						bytes(missing.replace("2025-07-20T10:00:00Z\"", "yesterday\", \"body\": \"b\""))),
				Arguments.of("JSON cut short", bytes("{\"id\": \"%1$s\", \"title\": \"Kenya")),
				Arguments.of("truncated UTF-8 in the title",
						concat(bytes("{\"id\": \"%1$s\", \"title\": \"Kenya "), new byte[] { (byte) 0xE2, (byte) 0x82 },
								bytes("\"}"))),
				Arguments.of("a JSON array", bytes("[\"%1$s\"]")), Arguments.of("an empty value", new byte[0]));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("recordsBreakingTheContract")
	void deadLettersEachRecordThatBreaksTheContractAndClassifiesTheNextOne(String name, byte[] template)
			throws Exception {
		String bad = newId();
		String valid = newId();
		byte[] payload = new String(template, StandardCharsets.ISO_8859_1).replace("%1$s", bad)
			.getBytes(StandardCharsets.ISO_8859_1);
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker),
				new StringSerializer(), new ByteArraySerializer())) {
			raw.send(new ProducerRecord<>(Topics.INGESTED, bad, payload)).get();
		}
		send(valid, ingested(valid, PARTNERSHIP_TITLE, PARTNERSHIP_BODY));

		awaitRecord(this.classifiedConsumer, this.classified, valid);
		awaitRecord(this.deadLetterConsumer, this.deadLetters, bad);
		assertThat(withKey(this.deadLetters, bad)).hasSize(1);
		assertThat(withKey(this.classified, bad)).isEmpty();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private double deadLettered() {
		Counter counter = this.meters.find("policypulse.classifier.dead.letters")
			.tag("topic", Topics.INGESTED)
			.counter();
		return (counter != null) ? counter.count() : 0.0;
	}

	@Test
	void classifiesTextOverHttp() throws Exception {
		this.mvc
			.perform(post("/api/v1/classify").header("X-Api-Key", "test-key")
				.contentType(MediaType.APPLICATION_JSON)
				.content(this.json.writeValueAsString(Map.of("title", PARTNERSHIP_TITLE, "body", PARTNERSHIP_BODY))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.primaryJurisdiction").value("PK"))
			.andExpect(jsonPath("$.policyMove").value(true))
			.andExpect(jsonPath("$.classifierVersion").value(ClassificationEngine.knowledgeVersion()))
			.andExpect(jsonPath("$.jurisdictions[?(@.code == 'SV')].role").value("counterparty"))
			.andExpect(jsonPath("$.severity").isString());
	}

	@Test
	void rejectsRequestWithoutApiKey() throws Exception {
		this.mvc
			.perform(post("/api/v1/classify").contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Kenya drafts a crypto bill\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void rejectsEmptyBodyAsProblem() throws Exception {
		this.mvc
			.perform(post("/api/v1/classify").header("X-Api-Key", "test-key").contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void rejectsBlankTitleAsProblem() throws Exception {
		this.mvc
			.perform(post("/api/v1/classify").header("X-Api-Key", "test-key")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\" \",\"body\":\"text\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private static String newId() {
		return "item-" + UUID.randomUUID();
	}

	private String ingested(String id, String title, String body) {
		return this.json.writeValueAsString(Map.of("id", id, "storyId", id, "source", "test-feed", "url",
				"https://news.example/" + id, "title", title, "body", body, "language", "en", "publishedAt",
				"2025-07-20T10:00:00Z", "ingestedAt", "2025-07-20T10:05:00Z"));
	}

	private void send(String key, String value) throws Exception {
		this.producer.send(new ProducerRecord<>(Topics.INGESTED, key, value)).get();
	}

	private static void awaitRecord(Consumer<String, String> consumer, List<ConsumerRecord<String, String>> seen,
			String key) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
			return !withKey(seen, key).isEmpty();
		});
	}

	private static List<ConsumerRecord<String, String>> withKey(List<ConsumerRecord<String, String>> records,
			String key) {
		return records.stream().filter((r) -> key.equals(r.key())).toList();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static String roleOf(JsonNode verdict, String code) {
		for (JsonNode tag : verdict.get("jurisdictions")) {
			if (code.equals(tag.get("code").asString())) {
				return tag.get("role").asString();
			}
		}
		return null;
	}

}
