package dev.policypulse.notifier.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.AlertDispatched;
import dev.policypulse.contracts.DispatchOutcome;
import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.Topics;
import dev.policypulse.notifier.NotifierApplication;
import dev.policypulse.notifier.ReceivedMail;
import dev.policypulse.notifier.email.RenderedEmail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts against a real SMTP server (GreenMail) that goes away and comes back, on the
 * notifier's own embedded PostgreSQL, with their outcomes published to a real broker.
 */
@SpringBootTest(classes = NotifierApplication.class,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"policypulse.kafka.topics.partitions=1", "spring.kafka.listener.auto-startup=false",
				"policypulse.notifier.dispatch.interval=100ms", "policypulse.notifier.dispatch.initial-back-off=200ms",
				"policypulse.notifier.dispatch.smtp.circuit-breaker.minimum-calls=2",
				"policypulse.notifier.dispatch.smtp.circuit-breaker.open-duration=1s",
				"policypulse.notifier.dispatch.smtp.retry.back-off=50ms",
				"policypulse.notifier.dispatch.events.interval=100ms" })
@EmbeddedKafka(partitions = 1) // KRaft is the only mode in Spring Kafka 4
@DirtiesContext
class SmtpOutageIntegrationTests {

	private static final int SMTP_PORT = freePort();

	@Autowired
	private Outbox outbox;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JsonMapper jsonMapper;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@Test
	void alertsWaitOutAnSmtpOutageAndGoOutOnceEachWhenTheServerIsBack() {
		String story = "story-" + UUID.randomUUID();
		List<UUID> subscriptions = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			UUID subscription = subscription("outage-" + i + "-" + story + "@example.org", "confirmed");
			subscriptions.add(subscription);
			alert(subscription, "outage-" + i + "-" + story + "@example.org", story, "item-" + UUID.randomUUID());
		}

		await().atMost(Duration.ofSeconds(15)).until(() -> breakerState("open") == 1);
		assertThat(sentAlerts(story)).isZero();

		GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> sentAlerts(story) == 12);
			assertThat(breakerState("closed")).isEqualTo(1);
			List<String> messageIds = this.jdbc.sql("SELECT message_id FROM outbox WHERE story_id = :story")
				.param("story", story)
				.query(String.class)
				.list();
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> messageIdCounts(smtp)
					.equals(messageIds.stream().collect(Collectors.toMap(Function.identity(), (id) -> 1L))));
		}
		finally {
			smtp.stop();
		}
		List<AlertDispatched> events = awaitEvents(subscriptions.size(),
				(event) -> subscriptions.contains(event.subscriptionId()));
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.outcome()).isEqualTo(DispatchOutcome.SENT);
			assertThat(event.storyId()).isEqualTo(story);
			assertThat(event.attempts()).isPositive();
		});
	}

	@Test
	void publishesWhatBecameOfEachAlertWithoutTheAddress() {
		String story = "story-" + UUID.randomUUID();
		String address = "events-" + UUID.randomUUID() + "@example.org";
		String other = "events-cancelled-" + UUID.randomUUID() + "@example.org";
		String item = "item-" + UUID.randomUUID();
		String secondOutlet = "item-" + UUID.randomUUID();
		UUID subscription = subscription(address, "confirmed");
		// pending subscriptions get no alerts, so this one stays unsent until cancelled
		UUID cancelled = subscription(other, "pending");
		GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			alert(subscription, address, story, item);
			alert(subscription, address, story, secondOutlet);
			alert(cancelled, other, story, item);
			this.outbox.cancelPending(cancelled, Instant.now());

			List<ConsumerRecord<String, String>> records = awaitRecords(3,
					(record) -> record.value().contains(subscription.toString())
							|| record.value().contains(cancelled.toString()));
			assertThat(records).allSatisfy((record) -> {
				assertThat(record.value()).doesNotContain(address).doesNotContain(other);
				AlertDispatched event = this.jsonMapper.readValue(record.value(), AlertDispatched.class);
				assertThat(record.key()).isEqualTo(event.eventId().toString());
				assertThat(header(record, EventHeaders.ID)).isEqualTo(record.key());
				assertThat(header(record, EventHeaders.TYPE)).isEqualTo(EventHeaders.TYPE_DISPATCHED);
				assertThat(header(record, EventHeaders.SOURCE)).isEqualTo("/policypulse/notifier");
				assertThat(event.storyId()).isEqualTo(story);
				assertThat(event.classifierVersion()).isEqualTo("rules-2026.05");
				assertThat(event.occurredAt()).isNotNull();
			});
			Map<DispatchOutcome, AlertDispatched> byOutcome = records.stream()
				.map((record) -> this.jsonMapper.readValue(record.value(), AlertDispatched.class))
				.collect(Collectors.toMap(AlertDispatched::outcome, Function.identity()));
			assertThat(byOutcome).containsOnlyKeys(DispatchOutcome.SENT, DispatchOutcome.SUPPRESSED,
					DispatchOutcome.CANCELLED);
			AlertDispatched sent = byOutcome.get(DispatchOutcome.SENT);
			assertThat(sent.subscriptionId()).isEqualTo(subscription);
			assertThat(sent.itemId()).isEqualTo(item);
			assertThat(sent.attempts()).isEqualTo(1);
			assertThat(sent.messageId()).isEqualTo(messageId(ReceivedMail.to(smtp, address).get(0)));
			assertThat(sent.enqueuedAt()).isBefore(sent.occurredAt());
			AlertDispatched suppressed = byOutcome.get(DispatchOutcome.SUPPRESSED);
			assertThat(suppressed.itemId()).isEqualTo(secondOutlet);
			assertThat(suppressed.messageId()).isNull();
			AlertDispatched cancel = byOutcome.get(DispatchOutcome.CANCELLED);
			assertThat(cancel.subscriptionId()).isEqualTo(cancelled);
			assertThat(cancel.attempts()).isZero();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.jdbc
					.sql("SELECT count(*) FROM dispatch_event WHERE subscription_id IN (:ids) AND published_at IS NULL")
					.param("ids", List.of(subscription, cancelled))
					.query(Long.class)
					.single() == 0);
		}
		finally {
			smtp.stop();
		}
	}

	private UUID subscription(String email, String status) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at)
				VALUES (:id, :email, ARRAY['PK'], ARRAY[]::text[], 'immediate', 'immediate|PK|', :status, :now)
				""")
			.param("id", id)
			.param("email", email)
			.param("status", status)
			.param("now", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
		return id;
	}

	private void alert(UUID subscription, String email, String story, String item) {
		this.outbox.enqueueAlert(subscription, email, story, item, "rules-2026.05", "jurisdictions=PK<-PK:actor",
				new RenderedEmail("[PolicyPulse] Pakistan licenses its first exchange", "text", "<p>html</p>"),
				"https://alerts.example.org/api/v1/subscriptions/unsubscribe?token=t", Instant.now(), Instant.now());
	}

	private long sentAlerts(String story) {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE story_id = :story AND status = 'sent'")
			.param("story", story)
			.query(Long.class)
			.single();
	}

	/** 1 while the SMTP circuit breaker is in {@code state}, else 0. */
	private double breakerState(String state) {
		return this.meterRegistry.get("resilience4j.circuitbreaker.state")
			.tag("name", ResilientSmtp.NAME)
			.tag("state", state)
			.gauge()
			.value();
	}

	private List<AlertDispatched> awaitEvents(int count, Predicate<AlertDispatched> wanted) {
		return awaitRecords(count,
				(record) -> wanted.test(this.jsonMapper.readValue(record.value(), AlertDispatched.class)))
			.stream()
			.map((record) -> this.jsonMapper.readValue(record.value(), AlertDispatched.class))
			.toList();
	}

	/** Reads the topic from the start until {@code count} wanted records arrived. */
	private List<ConsumerRecord<String, String>> awaitRecords(int count,
			Predicate<ConsumerRecord<String, String>> wanted) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "events-" + UUID.randomUUID(), false);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.DISPATCHED));
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (wanted.test(record)) {
						records.add(record);
					}
				}
				return records.size() >= count;
			});
		}
		assertThat(records).hasSize(count);
		return records;
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static Map<String, Long> messageIdCounts(GreenMail smtp) {
		return Arrays.stream(smtp.getReceivedMessages())
			.map(SmtpOutageIntegrationTests::messageId)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
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
