package dev.policypulse.notifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static dev.policypulse.notifier.TestItems.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The notifier against a real broker, a real PostgreSQL server (passed in as
 * {@code spring.datasource.url}) and a real SMTP server.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"policypulse.kafka.topics.partitions=1", "policypulse.notifier.dispatch.interval=100ms",
		"policypulse.notifier.links.public-base-url=https://alerts.example.org" })
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1) // KRaft is the only mode in Spring Kafka 4
@DirtiesContext
class NotifierIntegrationTests {

	private static final String API_KEY = "local-dev-key";

	private static final Pattern CONFIRM_LINK = Pattern
		.compile("https://alerts\\.example\\.org(/api/v1/subscriptions/confirm\\?token=[A-Za-z0-9_.-]+)");

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

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
	private ApplicationContext context;

	@Autowired
	private MeterRegistry meterRegistry;

	/**
	 * Stopped by its shutdown hook, so only after the context (closed after the class) is
	 * gone.
	 */
	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@DynamicPropertySource
	static void externalServers(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
	}

	@Test
	void usesTheConfiguredDataSourceInsteadOfStartingPostgres() {
		assertThat(this.context.getBeanProvider(EmbeddedPostgres.class).getIfAvailable()).isNull();
		assertThat(this.context.getBean(DataSource.class)).isInstanceOfSatisfying(HikariDataSource.class,
				(dataSource) -> assertThat(dataSource.getJdbcUrl())
					.isEqualTo(postgres.getJdbcUrl("postgres", "postgres")));
	}

	@Test
	void sendsOneConfirmationEmailWhoseLinkConfirmsTheSubscription() throws Exception {
		String email = address("confirm");
		MvcResult created = this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"email": "%s", "jurisdictions": ["PK", "US-TX", "EU"], "topics": ["licensing"],
						 "delivery": "immediate"}""".formatted(email)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.jurisdictions[1]").value("US-TX"))
			.andExpect(jsonPath("$.topics[0]").value("licensing"))
			.andExpect(jsonPath("$.delivery").value("immediate"))
			.andExpect(jsonPath("$.createdAt").isString())
			.andReturn();
		String id = this.jsonMapper.readTree(created.getResponse().getContentAsString()).get("id").asString();
		assertThat(created.getResponse().getHeader("Location")).endsWith("/api/v1/subscriptions/" + id);

		MimeMessage confirmation = awaitSingleMessage(email);
		assertThat(confirmation.getSubject()).isEqualTo("[PolicyPulse] Confirm your subscription");
		assertThat(confirmation.getHeader("List-Unsubscribe")).isNull();
		String link = confirmLink(confirmation);

		// following the link (as a mail provider's link scanner does) only shows a button
		this.mvc.perform(get(link).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(
					allOf(containsString("<form method=\"post\" action=\"https://alerts.example.org" + link + "\">"),
							containsString("<button"), containsString(email))));
		assertThat(statusOf(email)).isEqualTo("pending");

		// the button posts to the very same URL, without a body
		this.mvc.perform(post(link).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("You're subscribed")));
		this.mvc.perform(get("/api/v1/subscriptions/" + id).header("X-Api-Key", API_KEY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("confirmed"))
			.andExpect(jsonPath("$.email").value(email));

		// confirming again is harmless
		this.mvc.perform(post(link)).andExpect(status().isOk());
		assertThat(statusOf(email)).isEqualTo("confirmed");
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> messagesTo(email).size() == 1);
		assertThat(this.meterRegistry.get("policypulse.notifier.emails.enqueued")
			.tag("kind", "confirmation")
			.counter()
			.count()).isPositive();
	}

	@Test
	void subscribingAgainToAPendingSubscriptionReturnsItAndResendsTheConfirmation() throws Exception {
		String email = address("again");
		String id = subscribe(email, "PK");
		String firstLink = confirmLink(awaitSingleMessage(email));

		MvcResult again = this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"email": "%s", "jurisdictions": ["PK", "PK"], "topics": [], "delivery": "immediate"}"""
					.formatted(email.toUpperCase(Locale.ROOT))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.email").value(email))
			.andReturn();
		assertThat(again.getResponse().getHeader("Location")).isNull();

		await().atMost(Duration.ofSeconds(15)).until(() -> messagesTo(email).size() == 2);
		this.mvc.perform(post(confirmLink(messagesTo(email).get(1)))).andExpect(status().isOk());
		assertThat(statusOf(email)).isEqualTo("confirmed");
		// the first link still works too
		this.mvc.perform(post(firstLink)).andExpect(status().isOk());
	}

	@Test
	void subscribingAgainToAConfirmedSubscriptionReturnsItAndSendsNothing() throws Exception {
		String email = subscribeAndConfirm("confirmed-again", "PK");
		String id = this.jdbc.sql("SELECT id FROM subscription WHERE email = :email")
			.param("email", email)
			.query(UUID.class)
			.single()
			.toString();
		this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"%s\", \"jurisdictions\": [\"PK\"]}".formatted(email)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.status").value("confirmed"));
		await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> messagesTo(email).size() == 1);

		// other rules make another subscription
		this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"%s\", \"jurisdictions\": [\"PK\"], \"topics\": [\"licensing\"]}"
					.formatted(email)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").value(not(id)));
		await().atMost(Duration.ofSeconds(15)).until(() -> messagesTo(email).size() == 2);
	}

	@Test
	void alertsAnAddressOncePerStoryHoweverManyOfItsSubscriptionsMatch() throws Exception {
		String email = subscribeAndConfirm("several", "PK");
		String sameAddress = email.toUpperCase(Locale.ROOT);
		subscribe(sameAddress, "AE");
		this.mvc.perform(post(confirmLink(awaitSingleMessage(sameAddress)))).andExpect(status().isOk());

		String story = "story-" + UUID.randomUUID();
		publish(pakistanAccord("item-" + UUID.randomUUID(), story, "Both match"));
		publish(pakistanAccord("item-" + UUID.randomUUID(), story, "Both match again"));
		// a later story for the first subscription only: once it is out, the ones above
		// were handled
		String later = "story-" + UUID.randomUUID();
		publish(classified(item("item-" + UUID.randomUUID(), later, "Pakistan licenses its first exchange", "..."),
				List.of(tag("PK", Role.ACTOR)), "licensing"));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> alertsTo(email).stream().anyMatch((m) -> subject(m).contains("first exchange")));
		assertThat(alertsTo(email)).hasSize(2);
		assertThat(alertsTo(sameAddress)).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM outbox WHERE story_id = :story AND lower(recipient) = :email")
			.param("story", story)
			.param("email", email)
			.query(Long.class)
			.single()).isEqualTo(1L);
	}

	@Test
	void alertsEachMatchingConfirmedSubscriberOncePerStory() throws Exception {
		String pk = subscribeAndConfirm("pk", "PK");
		String jp = subscribeAndConfirm("jp", "JP");
		String unconfirmed = address("unconfirmed");
		subscribe(unconfirmed, "PK");
		awaitSingleMessage(unconfirmed);

		double suppressedBefore = suppressed();
		String story = "story-" + UUID.randomUUID();
		PolicyItemClassified first = pakistanAccord("item-" + UUID.randomUUID(), story, "Wire A");
		PolicyItemClassified secondOutlet = pakistanAccord("item-" + UUID.randomUUID(), story, "Paper B");
		publish(first);
		publish(first);
		publish(secondOutlet);
		// a later item on the single partition: once its alert is out, the ones above
		// were handled
		PolicyItemClassified later = pakistanAccord("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(),
				"Follow-up");
		publish(later);

		await().atMost(Duration.ofSeconds(30)).until(() -> alertsTo(pk).size() == 2);
		List<MimeMessage> alerts = alertsTo(pk);
		MimeMessage alert = alerts.stream()
			.filter((message) -> subject(message).endsWith("Wire A: Pakistan and the UAE sign a crypto accord"))
			.findFirst()
			.orElseThrow();
		assertThat(subject(alert)).isEqualTo(
				"[PolicyPulse] Pakistan · international cooperation — Wire A: Pakistan and the UAE sign a crypto accord");
		assertThat(alert.getHeader("List-Unsubscribe")[0])
			.matches("<https://alerts\\.example\\.org/api/v1/subscriptions/unsubscribe\\?token=[A-Za-z0-9_.-]+>");
		assertThat(alert.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(alert.getMessageID()).matches("<[0-9a-f]{32}@policypulse>");
		assertThat(part(alert, "text/plain")).contains("Read the source: " + first.item().url())
			.contains("Why you got this")
			.contains("You follow Pakistan: Pakistan is the actor here.");
		assertThat(part(alert, "text/html")).contains("<a href=\"" + first.item().url() + "\">");

		assertThat(this.meterRegistry.get("policypulse.notifier.emails")
			.tag("kind", "alert")
			.tag("outcome", "sent")
			.counter()
			.count()).isGreaterThanOrEqualTo(2);
		// the second outlet's report was suppressed; the repeated item is a redelivery
		assertThat(suppressed() - suppressedBefore).isEqualTo(1.0);
		// every alert marked sent measured the time since ingestion
		assertThat(this.meterRegistry.get("policypulse.notifier.alert.latency").timer().count())
			.isGreaterThanOrEqualTo(2);
		assertThat(messagesTo(jp)).hasSize(1);
		assertThat(messagesTo(unconfirmed)).hasSize(1);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM outbox o JOIN subscription s ON s.id = o.subscription_id
				WHERE s.email = :email AND o.story_id = :story AND o.status = 'sent'
				    AND o.classifier_version = 'rules-2026.05' AND o.sent_at IS NOT NULL
				""").param("email", pk).param("story", story).query(Long.class).single()).isEqualTo(1L);
	}

	@Test
	void oneClickPostUnsubscribes() throws Exception {
		String email = subscribeAndConfirm("oneclick", "PK");
		publish(pakistanAccord("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "Unsubscribe test"));
		await().atMost(Duration.ofSeconds(30)).until(() -> alertsTo(email).size() == 1);
		String header = alertsTo(email).get(0).getHeader("List-Unsubscribe")[0];
		String path = header.substring("<https://alerts.example.org".length(), header.length() - 1);

		this.mvc.perform(get(path).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("List-Unsubscribe")));
		assertThat(statusOf(email)).isEqualTo("confirmed");

		this.mvc
			.perform(
					post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk());
		assertThat(statusOf(email)).isEqualTo("unsubscribed");
	}

	/**
	 * Subscribers' thresholds, keywords and policy-move choice decide who is alerted
	 * about items that come over the broker; digest subscribers get no alert of their
	 * own.
	 */
	@Test
	void alertsEachSubscriberOnlyAboutWhatTheirPreferencesAskFor() throws Exception {
		String strict = confirmedWith("strict", """
				{"email": "%s", "jurisdictions": ["BT"], "minSeverity": "high", "keywords": ["exchange"]}""");
		String everything = confirmedWith("everything", """
				{"email": "%s", "keywords": ["Bhutan"], "policyMovesOnly": false}""");
		String digest = confirmedWith("digest", """
				{"email": "%s", "jurisdictions": ["BT"], "delivery": "daily"}""");

		// no policy move: no actor, no topic
		publish(new PolicyItemClassified(
				item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "Bitcoin trading grows in Bhutan", ""),
				List.of(tag("BT", Role.MENTIONED)), null, List.of(), false, Severity.LOW, "rules-2026.05",
				Instant.now()));
		publish(bhutan("Bhutan licenses an exchange, softly", "The regulator licensed an exchange.", Severity.MEDIUM));
		publish(bhutan("Bhutan bans crypto mining", "The cabinet acted.", Severity.HIGH));
		publish(bhutan("Bhutan shuts a crypto exchange", "The regulator closed the exchange.", Severity.CRITICAL));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> alertsTo(strict).size() == 1 && alertsTo(everything).size() == 4);
		assertThat(subject(alertsTo(strict).get(0))).endsWith("Bhutan shuts a crypto exchange");
		assertThat(alertsTo(everything)).map(NotifierIntegrationTests::subject)
			.anySatisfy((subject) -> assertThat(subject).endsWith("Bitcoin trading grows in Bhutan"));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM outbox o JOIN subscription s ON s.id = o.subscription_id
				WHERE s.email = :email AND o.kind = 'alert'
				""").param("email", digest).query(Long.class).single()).isZero();
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> alertsTo(strict).size() == 1);
	}

	@Test
	void deadLettersMalformedRecordsAndKeepsConsuming() throws Exception {
		String email = subscribeAndConfirm("dlt", "PK");
		byte[] malformed = "{\"item\": not json".getBytes();
		byte[] breaksContract = """
				{"item": {"id": "bad", "storyId": "bad", "source": "x", "url": "u", "title": "t",
				 "publishedAt": "2026-05-04T09:30:00Z", "ingestedAt": "2026-05-04T09:30:00Z"},
				 "severity": "low", "classifierVersion": "v", "classifiedAt": "2026-05-04T09:30:00Z"}""".getBytes();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.CLASSIFIED, "malformed".getBytes(), malformed)).get();
			producer.send(new ProducerRecord<>(Topics.CLASSIFIED, "invalid".getBytes(), breaksContract)).get();
		}
		publish(pakistanAccord("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "After the bad ones"));

		await().atMost(Duration.ofSeconds(30)).until(() -> alertsTo(email).size() == 1);
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "dlt-reader-" + UUID.randomUUID(), false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.deadLetter(Topics.CLASSIFIED)));
			List<byte[]> deadLetters = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					deadLetters.add(record.value());
				}
				return deadLetters.stream().anyMatch((value) -> Arrays.equals(value, malformed))
						&& deadLetters.stream().anyMatch((value) -> Arrays.equals(value, breaksContract));
			});
		}
	}

	@Test
	void deadLettersAPoisonRecordInTheMiddleOfAPollAndAlertsAboutTheRecordsAroundIt() throws Exception {
		String email = subscribeAndConfirm("poll", "PK");
		String poisonKey = "poison-" + UUID.randomUUID();
		byte[] poison = "{\"item\": {\"id\": ".getBytes(StandardCharsets.UTF_8);
		MessageListenerContainer container = this.context.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("notifier-classified-items");
		// paused while the three records are written, so that one poll returns them all
		container.pause();
		await().atMost(Duration.ofSeconds(30)).until(container::isPauseRequested);
		await().atMost(Duration.ofSeconds(30)).until(container::isContainerPaused);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker),
				new StringSerializer(), new ByteArraySerializer())) {
			PolicyItemClassified before = pakistanAccord("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(),
					"Before the poison");
			producer
				.send(new ProducerRecord<>(Topics.CLASSIFIED, before.id(), this.jsonMapper.writeValueAsBytes(before)));
			producer.send(new ProducerRecord<>(Topics.CLASSIFIED, poisonKey, poison));
			PolicyItemClassified after = pakistanAccord("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(),
					"After the poison");
			producer.send(new ProducerRecord<>(Topics.CLASSIFIED, after.id(), this.jsonMapper.writeValueAsBytes(after)))
				.get();
		}
		finally {
			container.resume();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> alertsTo(email).size() == 2);
		assertThat(alertsTo(email)).map(NotifierIntegrationTests::subject)
			.anySatisfy((subject) -> assertThat(subject).contains("Before the poison"))
			.anySatisfy((subject) -> assertThat(subject).contains("After the poison"));
		assertThat(deadLettersWithKey(poisonKey)).singleElement().isEqualTo(poison);
	}

	/**
	 * Ways a classified record can break the contract, each made from a valid record's
	 * JSON: a required field missing, a value of the wrong kind, JSON cut short, bytes
	 * that are not UTF-8.
	 */
	static Stream<Arguments> recordsBreakingTheContract() {
		return Stream.of(Arguments.of("no item", edit((json) -> json.remove("item"))),
				Arguments.of("item without id", edit((json) -> ((ObjectNode) json.get("item")).remove("id"))),
				Arguments.of("no severity", edit((json) -> json.remove("severity"))),
				Arguments.of("unknown severity", edit((json) -> json.put("severity", "catastrophic"))),
				Arguments.of("classifiedAt is not a time", edit((json) -> json.put("classifiedAt", "yesterday"))),
				Arguments.of("primary jurisdiction not among the tags",
						edit((json) -> json.put("primaryJurisdiction", "XX"))),
				Arguments.of("jurisdictions is a number", edit((json) -> json.put("jurisdictions", 42))),
				Arguments.of("JSON cut short",
						(Function<String, byte[]>) (json) -> json.substring(0, json.length() / 2)
							.getBytes(StandardCharsets.UTF_8)),
				Arguments.of("truncated UTF-8 in the title", (Function<String, byte[]>) (json) -> {
					String[] halves = json.split("Pakistan and", 2);
					ByteArrayOutputStream out = new ByteArrayOutputStream();
					out.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
					out.writeBytes(new byte[] { (byte) 0xE2, (byte) 0x82 });
					out.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
					return out.toByteArray();
				}));
	}

	private static Function<String, byte[]> edit(Consumer<ObjectNode> change) {
		return (json) -> {
			JsonMapper mapper = JsonMapper.builder().build();
			ObjectNode node = (ObjectNode) mapper.readTree(json);
			change.accept(node);
			return mapper.writeValueAsBytes(node);
		};
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("recordsBreakingTheContract")
	void deadLettersEachRecordThatBreaksTheContractAndAlertsAboutTheNextOne(String name,
			Function<String, byte[]> breaking) throws Exception {
		String email = subscribeAndConfirm("broken", "PK");
		String key = "broken-" + UUID.randomUUID();
		String template = this.jsonMapper.writeValueAsString(
				pakistanAccord("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "Broken record"));
		byte[] broken = breaking.apply(template);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.CLASSIFIED, key.getBytes(StandardCharsets.UTF_8), broken)).get();
		}
		publish(pakistanAccord("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "After a broken one"));

		await().atMost(Duration.ofSeconds(30)).until(() -> alertsTo(email).size() == 1);
		assertThat(subject(alertsTo(email).get(0))).contains("After a broken one");
		assertThat(deadLettersWithKey(key)).singleElement().isEqualTo(broken);
	}

	/**
	 * The values of the dead letters of classified records with the given key, once there
	 * is at least one.
	 */
	private List<byte[]> deadLettersWithKey(String key) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "dlt-reader-" + UUID.randomUUID(), false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.deadLetter(Topics.CLASSIFIED)));
			List<byte[]> deadLetters = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (Arrays.equals(record.key(), key.getBytes(StandardCharsets.UTF_8))) {
						deadLetters.add(record.value());
					}
				}
				return !deadLetters.isEmpty();
			});
			return deadLetters;
		}
	}

	/** Every link endpoint, each with tokens that were never issued. */
	static Stream<Arguments> linksWithForeignTokens() {
		List<String> tokens = List.of("garbage", "bm90LWEtdG9rZW4.c2ln", "a.b.c", "..", "<script>alert(1)</script>",
				"x".repeat(4096), "\u0000\r\nSet-Cookie: a=b");
		List<String> endpoints = List.of("GET /api/v1/subscriptions/confirm", "POST /api/v1/subscriptions/confirm",
				"GET /api/v1/subscriptions/unsubscribe", "POST /api/v1/subscriptions/unsubscribe",
				"GET /api/v1/subscriptions/preferences");
		return endpoints.stream()
			.flatMap((endpoint) -> tokens.stream()
				.map((token) -> Arguments.of(endpoint, (token.length() > 40) ? token.substring(0, 40) + "…" : token,
						token)));
	}

	@ParameterizedTest(name = "{0} token={1}")
	@MethodSource("linksWithForeignTokens")
	void refusesTokensThatWereNeverIssuedOnEveryLink(String endpoint, String shown, String token) throws Exception {
		String[] parts = endpoint.split(" ");
		var request = "GET".equals(parts[0]) ? get(parts[1]) : post(parts[1]);
		if (endpoint.startsWith("POST") && endpoint.endsWith("/unsubscribe")) {
			// what a mail client sends for one-click unsubscribe
			request.param("List-Unsubscribe", "One-Click");
		}
		this.mvc.perform(request.param("token", token))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("not valid")))
			.andExpect(content().string(not(containsString("<script>"))));
	}

	@Test
	void rejectsInvalidSubscriptionsWithProblemDetails() throws Exception {
		this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"email": "not-an-address", "jurisdictions": ["pk"], "topics": ["crypto_stuff"],
						 "delivery": "hourly"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(allOf(containsString("email"), containsString("crypto_stuff"),
					containsString("immediate, daily, weekly"), containsString("PK or US-TX"))))
			.andExpect(jsonPath("$.errors.length()").value(4));
		this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"someone@example.org\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("at least one jurisdiction")));
	}

	@Test
	void answersUnknownSubscriptionWithNotFound() throws Exception {
		this.mvc.perform(get("/api/v1/subscriptions/" + UUID.randomUUID()).header("X-Api-Key", API_KEY))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/v1/subscriptions/not-a-uuid").header("X-Api-Key", API_KEY))
			.andExpect(status().isNotFound());
	}

	@Test
	void rejectsRequestsWithoutApiKey() throws Exception {
		this.mvc.perform(get("/api/v1/subscriptions/" + UUID.randomUUID()))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void rejectsTamperedLinksWithoutServerError() throws Exception {
		this.mvc.perform(get("/api/v1/subscriptions/confirm").param("token", "bm90LWEtdG9rZW4.c2ln"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/api/v1/subscriptions/confirm").param("token", "bm90LWEtdG9rZW4.c2ln"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/api/v1/subscriptions/confirm?token=garbage").accept(MediaType.TEXT_HTML))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML));
		this.mvc.perform(get("/api/v1/subscriptions/unsubscribe").param("token", "garbage").accept(MediaType.TEXT_HTML))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML));
		this.mvc.perform(get("/api/v1/subscriptions/confirm")).andExpect(status().isBadRequest());
	}

	private String subscribeAndConfirm(String name, String jurisdiction) throws Exception {
		String email = address(name);
		subscribe(email, jurisdiction);
		this.mvc.perform(post(confirmLink(awaitSingleMessage(email)))).andExpect(status().isOk());
		assertThat(statusOf(email)).isEqualTo("confirmed");
		return email;
	}

	/** Subscribes with the given body (the address at its {@code %s}) and confirms. */
	private String confirmedWith(String name, String body) throws Exception {
		String email = address(name);
		this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.formatted(email)))
			.andExpect(status().isCreated());
		this.mvc.perform(post(confirmLink(awaitSingleMessage(email)))).andExpect(status().isOk());
		assertThat(statusOf(email)).isEqualTo("confirmed");
		return email;
	}

	private static PolicyItemClassified bhutan(String title, String body, Severity severity) {
		return new PolicyItemClassified(item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), title, body),
				List.of(tag("BT", Role.ACTOR)), "BT", List.of(topic("licensing")), true, severity, "rules-2026.05",
				Instant.now());
	}

	/** Subscribes anew and returns the subscription's id. */
	private String subscribe(String email, String jurisdiction) throws Exception {
		MvcResult created = this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"%s\", \"jurisdictions\": [\"%s\"]}".formatted(email, jurisdiction)))
			.andExpect(status().isCreated())
			.andExpect(header().exists("Location"))
			.andReturn();
		return this.jsonMapper.readTree(created.getResponse().getContentAsString()).get("id").asString();
	}

	private String statusOf(String email) {
		return this.jdbc.sql("SELECT status FROM subscription WHERE email = :email")
			.param("email", email)
			.query(String.class)
			.single();
	}

	private static PolicyItemClassified pakistanAccord(String id, String story, String outlet) {
		return classified(
				item(id, story, outlet + ": Pakistan and the UAE sign a crypto accord",
						"Pakistan's regulator and its Emirati counterpart agreed to license exchanges jointly."),
				List.of(tag("PK", Role.ACTOR), tag("AE", Role.COUNTERPARTY), tag("JP", Role.MENTIONED)),
				"international_cooperation", "licensing");
	}

	private void publish(PolicyItemClassified item) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.CLASSIFIED, item.id(), this.jsonMapper.writeValueAsString(item)))
				.get();
		}
	}

	private static String address(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	private static MimeMessage awaitSingleMessage(String email) {
		await().atMost(Duration.ofSeconds(15)).until(() -> messagesTo(email).size() == 1);
		return messagesTo(email).get(0);
	}

	private static String confirmLink(MimeMessage confirmation) {
		Matcher matcher = CONFIRM_LINK.matcher(part(confirmation, "text/plain"));
		assertThat(matcher.find()).as("confirmation link").isTrue();
		return matcher.group(1);
	}

	private static List<MimeMessage> messagesTo(String email) {
		return ReceivedMail.to(greenMail, email);
	}

	private static String part(Part part, String mimeType) {
		return ReceivedMail.part(part, mimeType);
	}

	private static List<MimeMessage> alertsTo(String email) {
		return messagesTo(email).stream().filter((message) -> !subject(message).contains("Confirm")).toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private double suppressed() {
		return this.meterRegistry.get("policypulse.notifier.alerts.suppressed").counter().count();
	}

}
