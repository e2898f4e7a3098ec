package dev.policypulse.notifier;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A classified item that arrives while PostgreSQL is down is neither lost nor
 * dead-lettered: the listener keeps failing and retrying, and once the database is back
 * (same port, same data) the subscriber gets the alert, once.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"policypulse.kafka.topics.partitions=1", "policypulse.notifier.dispatch.interval=100ms",
		"policypulse.kafka.dead-letter.initial-back-off=200ms", "policypulse.kafka.dead-letter.outage-max-back-off=1s",
		// fail fast while the database is down instead of waiting 30s for a connection
		"spring.datasource.hikari.connection-timeout=1000", "spring.datasource.hikari.validation-timeout=500",
		"policypulse.notifier.links.public-base-url=https://alerts.example.org" })
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1) // KRaft is the only mode in Spring Kafka 4
@DirtiesContext
class DatabaseOutageIntegrationTests {

	private static final Pattern CONFIRM_LINK = Pattern
		.compile("https://alerts\\.example\\.org(/api/v1/subscriptions/confirm\\?token=[A-Za-z0-9_.-]+)");

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@TempDir
	static Path dataDirectory;

	private static final int PORT = freePort();

	private static EmbeddedPostgres postgres;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MeterRegistry meterRegistry;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = startPostgresOnTheSamePortAndData();
	}

	/**
	 * Before the context closes (it only needs the database for its last dispatch
	 * passes).
	 */
	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@DynamicPropertySource
	static void externalServers(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + PORT + "/postgres");
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
	}

	@Test
	void alertsOnceWhenTheDatabaseIsBackAndDeadLettersNothing() throws Exception {
		String email = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		subscribeAndConfirm(email);
		String story = "story-" + UUID.randomUUID();

		postgres.close();
		try {
			double failuresBefore = listenerFailures();
			publish(classified(
					item("item-" + UUID.randomUUID(), story, "Pakistan licenses its first exchange",
							"The regulator granted the licence on Monday."),
					List.of(tag("PK", Role.ACTOR)), "licensing"));
			// the listener fails for want of a database, and is retried rather than
			// dead-lettered
			await().atMost(Duration.ofSeconds(30)).until(() -> listenerFailures() >= failuresBefore + 3);
			assertThat(alertsTo(email)).isEmpty();
		}
		finally {
			postgres = startPostgresOnTheSamePortAndData();
		}

		// once the database is back, the record's next retry (its back-off grows up to 30
		// s
		// while the database is down) and a dispatch pass (one that began during the
		// outage waits up to the pool's 30 s connection timeout) get through
		await().atMost(Duration.ofSeconds(90)).until(() -> alertsTo(email).size() == 1);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> alertsTo(email).size() == 1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM outbox WHERE story_id = :story AND status = 'sent'")
			.param("story", story)
			.query(Long.class)
			.single()).isEqualTo(1L);
		assertThat(deadLetterCount()).isZero();
	}

	private static EmbeddedPostgres startPostgresOnTheSamePortAndData() throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(PORT)
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.start();
	}

	private void subscribeAndConfirm(String email) throws Exception {
		this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", "local-dev-key")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"%s\", \"jurisdictions\": [\"PK\"]}".formatted(email)))
			.andExpect(status().isCreated());
		await().atMost(Duration.ofSeconds(15)).until(() -> messagesTo(email).size() == 1);
		Matcher link = CONFIRM_LINK.matcher(ReceivedMail.part(messagesTo(email).get(0), "text/plain"));
		assertThat(link.find()).as("confirmation link").isTrue();
		this.mvc.perform(post(link.group(1))).andExpect(status().isOk());
	}

	private void publish(PolicyItemClassified item) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.CLASSIFIED, item.id(), this.jsonMapper.writeValueAsString(item)))
				.get();
		}
	}

	/**
	 * Failed listener invocations so far, as Spring Kafka's listener timer counts them.
	 */
	private double listenerFailures() {
		return this.meterRegistry.find("spring.kafka.listener")
			.tag("result", "failure")
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

	private long deadLetterCount() {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "dlt-reader-" + UUID.randomUUID(), false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition deadLetters = new TopicPartition(Topics.deadLetter(Topics.CLASSIFIED), 0);
			return consumer.endOffsets(List.of(deadLetters)).get(deadLetters);
		}
	}

	private static List<MimeMessage> alertsTo(String email) {
		return messagesTo(email).stream().filter((message) -> {
			try {
				return !message.getSubject().contains("Confirm");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static List<MimeMessage> messagesTo(String email) {
		return ReceivedMail.to(greenMail, email);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
