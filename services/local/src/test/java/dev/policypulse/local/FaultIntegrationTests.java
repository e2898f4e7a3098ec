package dev.policypulse.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.Topics;
import dev.policypulse.local.LocalStackSettings.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected into the whole pipeline while it works: a real KRaft broker, the
 * classifier and the notifier as separate processes, a real PostgreSQL and GreenMail
 * behind a gate that can take the SMTP server away. Each scenario feeds a thousand items
 * straight onto {@value Topics#INGESTED} at a steady pace, with subscribers of its own,
 * injects its fault once the pipeline has done part of the work, waits until everything
 * has drained, and then checks that every item was classified exactly once (read
 * committed) and that every alert due reached the SMTP server exactly once by
 * {@code Message-ID}: the one duplicate allowed is a copy carrying the same
 * {@code Message-ID}, of an email the SMTP server accepted just as the fault struck, and
 * there are at most as many as emails are sent at the same time, per fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIntegrationTests {

	private static final String API_KEY = "fault-test-key";

	private static final int ITEMS = 1000;

	/** Items pushed per second. */
	private static final int RATE = 70;

	/** The notifier's default dispatch parallelism: emails in flight at once. */
	private static final int PARALLELISM = 4;

	private static final Duration FAULT_WAIT = Duration.ofMinutes(3);

	private static final Duration DRAIN = Duration.ofMinutes(5);

	private static final Pattern ITEM_URL = Pattern.compile("https://fault\\.example\\.test/items/([A-Za-z0-9_-]+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** What an item is about; every pushed item is a copy of one of these. */
	private enum Story {

		PAKISTAN("PK", "Pakistan securities regulator bans crypto lending products",
				"The Securities and Exchange Commission of Pakistan banned crypto lending products for retail investors."),

		JAPAN("JP", "Japan FSA fines crypto exchange over customer asset custody",
				"Japan's Financial Services Agency fined a crypto exchange for failing to keep customer assets apart."),

		NONE(null, "Football club unveils new stadium lighting",
				"A second-division football club showed off energy-saving floodlights before the new season.");

		private final String jurisdiction;

		private final String title;

		private final String body;

		Story(String jurisdiction, String title, String body) {
			this.jurisdiction = jurisdiction;
			this.title = title;
			this.body = body;
		}

		/** 12% Pakistan, 8% Japan, the rest no policy move at all. */
		static Story of(int index) {
			int slot = index % 25;
			return (slot < 3) ? PAKISTAN : (slot < 5) ? JAPAN : NONE;
		}

	}

	/** Who follows what, the same in every scenario (the addresses differ). */
	private static final Map<String, List<String>> FOLLOWERS = followers();

	private EmbeddedPostgres postgres;

	private Path postgresData;

	private int postgresPort;

	private DataSource database;

	private TcpGate smtpGate;

	private LocalStack stack;

	private final List<String> results = new ArrayList<>();

	@BeforeAll
	void startPipeline() throws Exception {
		Path home = Files.createTempDirectory("policypulse-faults");
		this.postgresData = home.resolve("notifier-postgres");
		this.postgresPort = freePort();
		startPostgres();
		Ports ports = PipelineIntegrationTests.freePorts();
		LocalStackSettings settings = new LocalStackSettings(home,
				Path.of(System.getProperty("policypulse.services-dir")),
				Path.of(System.getProperty("policypulse.greenmail-jar")),
				LocalStackSettings.readClassPath(Path.of(System.getProperty("policypulse.kafka-classpath-file"))),
				ports, API_KEY, List.of("--spring.datasource.url=" + this.postgres.getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
		this.stack = new LocalStack(settings);
		int gatePort = freePort();
		this.stack.sendNotifierMailTo(gatePort);
		// a killed notifier's claimed emails go out once their lease ends: keep it short
		this.stack.addNotifierArguments(
				List.of("--policypulse.notifier.dispatch.lease=40s", "--policypulse.notifier.dispatch.lease-margin=20s",
						"--policypulse.notifier.dispatch.parallelism=" + PARALLELISM));
		this.stack.startInfrastructure();
		this.smtpGate = TcpGate.open(gatePort, ports.smtp());
		this.stack.startNotifierAndClassifier();
		for (Story story : Story.values()) {
			ObjectNode text = JSON.createObjectNode();
			text.put("title", story.title);
			text.put("body", story.body);
			String verdict = post(this.stack.classifierUrl() + "/api/v1/classify", JSON.writeValueAsString(text));
			if (story.jurisdiction != null) {
				assertThat(verdict).as("the classifier's verdict on the %s story", story)
					.contains("\"primaryJurisdiction\":\"" + story.jurisdiction + "\"")
					.contains("\"policyMove\":true");
			}
			else {
				assertThat(verdict).as("the classifier's verdict on the unrelated story")
					.contains("\"policyMove\":false");
			}
		}
	}

	/** Starts the notifier's PostgreSQL, on the same data and port if it ran before. */
	private void startPostgres() throws IOException {
		this.postgres = EmbeddedPostgres.builder()
			.setDataDirectory(this.postgresData)
			.setCleanDataDirectory(false)
			.setPort(this.postgresPort)
			.start();
		this.database = this.postgres.getPostgresDatabase();
	}

	@AfterAll
	void stopPipeline() throws IOException {
		this.results.forEach(System.out::println);
		if (this.stack != null) {
			this.stack.close();
		}
		if (this.smtpGate != null) {
			this.smtpGate.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	@Order(1)
	void notifierKilledMidBatchAndRestartedDeliversEveryAlertExactlyOnce() {
		try (Scenario scenario = new Scenario("notifier-kill")) {
			scenario.startPushing();
			scenario.awaitAlertsSent(scenario.expectedAlerts().size() / 4);
			scenario.fault("notifier SIGKILL at " + scenario.alertsSent() + " alerts sent");
			this.stack.killService("notifier");
			this.stack.startServiceAgain("notifier");
			scenario.awaitDrainedAndVerify();
		}
	}

	@Test
	@Order(2)
	void classifierKilledMidBatchAndRestartedClassifiesEveryItemOnce() {
		try (Scenario scenario = new Scenario("classifier-kill")) {
			scenario.startPushing();
			scenario.awaitClassified(ITEMS * 3 / 10);
			scenario.fault("classifier SIGKILL at " + scenario.classified() + " items classified");
			this.stack.killService("classifier");
			this.stack.startServiceAgain("classifier");
			scenario.awaitDrainedAndVerify();
		}
	}

	@Test
	@Order(3)
	void brokerStoppedAndRestartedTwiceMidStreamLosesAndDoublesNothing() {
		try (Scenario scenario = new Scenario("broker-restart")) {
			scenario.startPushing();
			scenario.awaitClassified(ITEMS / 4);
			scenario.fault("broker stopped at " + scenario.classified() + " items classified");
			this.stack.stopBroker();
			this.stack.startBrokerAgain();
			scenario.awaitClassified(ITEMS * 6 / 10);
			scenario.fault("broker stopped again at " + scenario.classified() + " items classified");
			this.stack.stopBroker();
			this.stack.startBrokerAgain();
			scenario.awaitDrainedAndVerify();
		}
	}

	@Test
	@Order(4)
	void smtpServerDownForAMinuteDelaysAlertsButLosesAndDoublesNone() {
		try (Scenario scenario = new Scenario("smtp-down")) {
			scenario.startPushing();
			scenario.awaitAlertsSent(scenario.expectedAlerts().size() / 4);
			int sentBefore = scenario.alertsSent();
			this.smtpGate.shut();
			try {
				sleep(Duration.ofSeconds(60));
				scenario.fault("SMTP server unreachable for 60 s from " + sentBefore + " to " + scenario.alertsSent()
						+ " alerts sent");
			}
			finally {
				this.smtpGate.open();
			}
			scenario.awaitDrainedAndVerify();
		}
	}

	@Test
	@Order(5)
	void brokerKilledMidStreamAndRestartedLosesAndDoublesNothing() {
		try (Scenario scenario = new Scenario("broker-kill")) {
			scenario.startPushing();
			scenario.awaitClassified(ITEMS * 4 / 10);
			scenario.fault("broker SIGKILL at " + scenario.classified() + " items classified");
			this.stack.killBroker();
			this.stack.startBrokerAgain();
			scenario.awaitDrainedAndVerify();
		}
	}

	@Test
	@Order(6)
	void notifierDatabaseDownFor30SecondsDelaysAlertsButLosesAndDoublesNone() throws IOException {
		try (Scenario scenario = new Scenario("database-down")) {
			scenario.startPushing();
			scenario.awaitAlertsSent(scenario.expectedAlerts().size() / 4);
			scenario.fault("notifier's PostgreSQL down for 30 s from " + scenario.alertsSent() + " alerts sent");
			this.postgres.close();
			try {
				sleep(Duration.ofSeconds(30));
			}
			finally {
				startPostgres();
			}
			scenario.awaitDrainedAndVerify();
		}
	}

	@Test
	@Order(7)
	void secondClassifierAndNotifierKilledInSharedConsumerGroupsLosesAndDoublesNothing() throws IOException {
		try (Scenario scenario = new Scenario("second-instances-killed")) {
			// after the subscribers: an instance sees subscriptions made through another
			// one only from its next index rebuild
			// (policypulse.notifier.matching.refresh-interval)
			this.stack.startAnotherInstance("classifier", "classifier-2", freePort());
			this.stack.startAnotherInstance("notifier", "notifier-2", freePort());
			awaitTwoMembersWithPartitions("policypulse-classifier", "policypulse-notifier");
			scenario.startPushing();
			scenario.awaitClassified(ITEMS * 3 / 10);
			scenario.fault("second classifier SIGKILL at " + scenario.classified() + " items classified");
			this.stack.killService("classifier-2");
			scenario.awaitAlertsSent(scenario.expectedAlerts().size() / 4);
			scenario.fault("second notifier SIGKILL at " + scenario.alertsSent() + " alerts sent");
			this.stack.killService("notifier-2");
			scenario.awaitDrainedAndVerify();
		}
	}

	/** Waits until each group has two members, each with partitions of its own. */
	private void awaitTwoMembersWithPartitions(String... groups) {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.broker().bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			await("two members with partitions in " + List.of(groups)).atMost(FAULT_WAIT)
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> admin.describeConsumerGroups(List.of(groups))
					.all()
					.get(10, TimeUnit.SECONDS)
					.values()
					.stream()
					.allMatch((group) -> group.members().size() == 2 && group.members()
						.stream()
						.allMatch((member) -> !member.assignment().topicPartitions().isEmpty())));
		}
	}

	/**
	 * One scenario's items, subscribers and observers: a thread pushing the items, a
	 * read-committed consumer counting the classified records by key.
	 */
	private final class Scenario implements AutoCloseable {

		private final String name;

		private final Instant started = Instant.now();

		/** Pushed item ids by what they report. */
		private final Map<String, Story> items = new LinkedHashMap<>();

		/** Address by role in {@link #FOLLOWERS}. */
		private final Map<String, String> addresses = new LinkedHashMap<>();

		private final List<String> subscriptionIds = new ArrayList<>();

		/**
		 * Where each item's classified records are (partition and offset): a record read
		 * again, after a rebalance of the counting consumer, is the same record.
		 */
		private final Map<String, Set<String>> classifiedByKey = new ConcurrentHashMap<>();

		private final AtomicReference<Throwable> pushFailure = new AtomicReference<>();

		private final List<String> faults = new ArrayList<>();

		private volatile boolean running = true;

		private Thread pusher;

		private final Thread counter;

		Scenario(String name) {
			this.name = name;
			String prefix = name.replaceAll("[^a-z0-9]", "");
			for (int i = 0; i < ITEMS; i++) {
				this.items.put(String.format("%s-%04d", prefix, i), Story.of(i));
			}
			DemoSubscriber subscriber = new DemoSubscriber(FaultIntegrationTests.this.stack.notifierUrl(), API_KEY,
					FaultIntegrationTests.this.stack.mailCatcher());
			FOLLOWERS.forEach((role, jurisdictions) -> {
				String address = prefix + "-" + role + "@example.test";
				this.addresses.put(role, address);
				this.subscriptionIds.add(subscribe(address, jurisdictions));
			});
			this.addresses.values().forEach((address) -> subscriber.confirm(address, Duration.ofSeconds(60)));
			this.counter = daemon(name + "-classified-counter", this::countClassified);
		}

		/** Pushes the items at {@link #RATE} per second on a thread of its own. */
		void startPushing() {
			this.pusher = daemon(this.name + "-pusher", this::push);
		}

		void fault(String description) {
			this.faults.add(description);
		}

		/** Every (address, item) alert due. */
		Set<String> expectedAlerts() {
			Set<String> expected = new HashSet<>();
			this.items.forEach((id, story) -> FOLLOWERS.forEach((role, jurisdictions) -> {
				if (story.jurisdiction != null && jurisdictions.contains(story.jurisdiction)) {
					expected.add(this.addresses.get(role) + " " + id);
				}
			}));
			return expected;
		}

		int classified() {
			return this.classifiedByKey.size();
		}

		int alertsSent() {
			return count("SELECT count(*) FROM outbox WHERE kind = 'alert' AND status = 'sent' AND recipient = ANY(?)");
		}

		/** Alerts waiting to be sent (or being sent). */
		int alertsPending() {
			return count(
					"SELECT count(*) FROM outbox WHERE kind = 'alert' AND status = 'pending' AND recipient = ANY(?)");
		}

		void awaitClassified(int count) {
			await(this.name + ": " + count + " items classified").atMost(FAULT_WAIT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> classified() >= count);
		}

		void awaitAlertsSent(int count) {
			await(this.name + ": " + count + " alerts sent").atMost(FAULT_WAIT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> alertsSent() >= count);
		}

		void awaitDrainedAndVerify() {
			Set<String> expected = expectedAlerts();
			await(this.name + ": pushed everything").atMost(FAULT_WAIT).until(() -> !this.pusher.isAlive());
			assertThat(this.pushFailure.get()).as("pushing the items").isNull();
			int[] lastTotal = { -1 };
			await(this.name + ": every item classified and every alert delivered").atMost(DRAIN)
				.pollDelay(Duration.ofSeconds(2))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> {
					if (classified() < ITEMS || alertsPending() > 0) {
						return false;
					}
					List<Delivered> delivered = delivered();
					long distinct = delivered.stream().map(Delivered::messageId).distinct().count();
					// and nothing more arrived since the last look
					boolean settled = distinct >= expected.size() && delivered.size() == lastTotal[0];
					lastTotal[0] = delivered.size();
					return settled;
				});
			Duration took = Duration.between(this.started, Instant.now());

			Map<String, Integer> notOnce = new TreeMap<>();
			this.items.keySet().forEach((id) -> {
				Set<String> seen = this.classifiedByKey.get(id);
				int times = (seen != null) ? seen.size() : 0;
				if (times != 1) {
					notOnce.put(id, times);
				}
			});
			assertThat(notOnce).as("items not on %s exactly once (read committed)", Topics.CLASSIFIED).isEmpty();

			List<Delivered> delivered = delivered();
			Map<String, Set<String>> alertsByMessageId = new HashMap<>();
			Map<String, Set<String>> messageIdsByAlert = new HashMap<>();
			for (Delivered each : delivered) {
				alertsByMessageId.computeIfAbsent(each.messageId(), (key) -> new HashSet<>()).add(each.alert());
				messageIdsByAlert.computeIfAbsent(each.alert(), (key) -> new HashSet<>()).add(each.messageId());
			}
			assertThat(alertsByMessageId.values()).as("copies of one Message-ID are the same alert")
				.allSatisfy((alerts) -> assertThat(alerts).hasSize(1));
			assertThat(messageIdsByAlert.values()).as("one Message-ID per alert")
				.allSatisfy((ids) -> assertThat(ids).hasSize(1));
			Set<String> lost = new HashSet<>(expected);
			lost.removeAll(messageIdsByAlert.keySet());
			Set<String> unexpected = new HashSet<>(messageIdsByAlert.keySet());
			unexpected.removeAll(expected);
			int duplicates = delivered.size() - alertsByMessageId.size();
			String result = String.format(
					"FAULTS | %s | %s | items %d | alerts expected %d | delivered %d | duplicates (same Message-ID) %d"
							+ " | lost %d | unexpected %d | classified once: %s | %d s",
					this.name, String.join("; ", this.faults), ITEMS, expected.size(), messageIdsByAlert.size(),
					duplicates, lost.size(), unexpected.size(), notOnce.isEmpty() ? "yes" : "NO", took.toSeconds());
			FaultIntegrationTests.this.results.add(result);
			System.out.println(result);
			assertThat(lost).as("alerts never delivered").isEmpty();
			assertThat(unexpected).as("alerts nobody was due").isEmpty();
			assertThat(duplicates).as("extra copies (same Message-ID) after %s", this.faults)
				.isLessThanOrEqualTo(PARALLELISM * this.faults.size());
			assertThat(count("SELECT count(*) FROM outbox WHERE kind = 'alert' AND status IN ('failed', 'cancelled')"
					+ " AND recipient = ANY(?)"))
				.as("alerts given up or cancelled")
				.isZero();
		}

		/** The alerts at the SMTP server's mailboxes of this scenario's subscribers. */
		private List<Delivered> delivered() {
			List<Delivered> delivered = new ArrayList<>();
			for (String address : this.addresses.values()) {
				FaultIntegrationTests.this.stack.mailCatcher().messages(address).forEach((message) -> {
					MimeMessage mime = MailMessages.parse(message);
					String text = MailMessages.plainText(mime);
					Matcher url = ITEM_URL.matcher(text);
					String messageId = MailMessages.header(mime, "Message-ID");
					if (url.find()) {
						delivered.add(new Delivered(address + " " + url.group(1), messageId));
					}
					else if (MailMessages.confirmationLink(text) == null) {
						delivered.add(new Delivered(address + " (not an alert: " + MailMessages.subject(mime) + ")",
								messageId));
					}
				});
			}
			return delivered;
		}

		private void push() {
			Properties config = new Properties();
			config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					FaultIntegrationTests.this.stack.broker().bootstrapServers());
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DRAIN.toMillis());
			config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000);
			config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DRAIN.toMillis());
			List<Future<RecordMetadata>> sent = new ArrayList<>();
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
					new StringSerializer())) {
				long start = System.nanoTime();
				int i = 0;
				for (Map.Entry<String, Story> item : this.items.entrySet()) {
					long due = start + i * 1_000_000_000L / RATE;
					long wait = due - System.nanoTime();
					if (wait > 0) {
						Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
					}
					sent.add(producer.send(ingested(item.getKey(), item.getValue())));
					i++;
				}
				producer.flush();
				for (Future<RecordMetadata> each : sent) {
					each.get();
				}
			}
			catch (Throwable ex) {
				this.pushFailure.set(ex);
			}
		}

		private ProducerRecord<String, String> ingested(String id, Story story) {
			Instant now = Instant.now();
			ObjectNode item = JSON.createObjectNode();
			item.put("id", id);
			item.put("storyId", id);
			item.put("source", "fault-tests");
			item.put("url", "https://fault.example.test/items/" + id);
			item.put("title", story.title);
			item.put("body", story.body);
			item.put("language", "en");
			item.put("publishedAt", now.toString());
			item.put("ingestedAt", now.toString());
			ProducerRecord<String, String> record = new ProducerRecord<>(Topics.INGESTED, id,
					JSON.writeValueAsString(item));
			header(record, EventHeaders.ID, id);
			header(record, EventHeaders.TYPE, EventHeaders.TYPE_INGESTED);
			header(record, EventHeaders.SOURCE, "/policypulse/fault-tests");
			header(record, EventHeaders.TIME, now.toString());
			header(record, EventHeaders.SPEC_VERSION, "1.0");
			header(record, EventHeaders.CONTENT_TYPE, "application/json");
			return record;
		}

		private void countClassified() {
			Properties config = new Properties();
			config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
					FaultIntegrationTests.this.stack.broker().bootstrapServers());
			config.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-test-" + this.name);
			config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
					new StringDeserializer())) {
				consumer.subscribe(List.of(Topics.CLASSIFIED));
				while (this.running) {
					try {
						for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
							if (record.key() != null && this.items.containsKey(record.key())) {
								this.classifiedByKey
									.computeIfAbsent(record.key(), (key) -> ConcurrentHashMap.newKeySet())
									.add(record.partition() + "@" + record.offset());
							}
						}
					}
					catch (RuntimeException ex) {
						// the broker is away; the consumer carries on where it was
						if (this.running) {
							sleep(Duration.ofMillis(500));
						}
					}
				}
			}
		}

		private int count(String sql) {
			try (Connection connection = FaultIntegrationTests.this.database.getConnection();
					PreparedStatement statement = connection.prepareStatement(sql)) {
				Array recipients = connection.createArrayOf("varchar", this.addresses.values().toArray());
				statement.setArray(1, recipients);
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					return rows.getInt(1);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Ends the observers and cancels the subscriptions, so that later scenarios do
		 * not feed them.
		 */
		@Override
		public void close() {
			this.running = false;
			if (this.pusher != null) {
				this.pusher.interrupt();
			}
			try {
				this.counter.join(Duration.ofSeconds(10).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			for (String id : this.subscriptionIds) {
				try {
					HTTP.send(HttpRequest
						.newBuilder(URI
							.create(FaultIntegrationTests.this.stack.notifierUrl() + "/api/v1/subscriptions/" + id))
						.header("X-Api-Key", API_KEY)
						.timeout(Duration.ofSeconds(10))
						.DELETE()
						.build(), HttpResponse.BodyHandlers.discarding());
				}
				catch (IOException ex) {
					// the notifier is down after a failed scenario: its subscribers only
					// add mail
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	/** A message at the SMTP server: which alert ({@code address itemId}) and its id. */
	private record Delivered(String alert, String messageId) {
	}

	private String subscribe(String address, List<String> jurisdictions) {
		ObjectNode request = JSON.createObjectNode();
		request.put("email", address);
		request.put("delivery", "immediate");
		request.set("jurisdictions", JSON.valueToTree(jurisdictions));
		request.set("topics", JSON.createArrayNode());
		String response = post(this.stack.notifierUrl() + "/api/v1/subscriptions", JSON.writeValueAsString(request));
		return JSON.readTree(response).path("id").asString();
	}

	private static String post(String url, String body) {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
				.header("X-Api-Key", API_KEY)
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isBetween(200, 299);
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("POST " + url + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, List<String>> followers() {
		Map<String, List<String>> followers = new LinkedHashMap<>();
		followers.put("pk-a", List.of("PK"));
		followers.put("pk-b", List.of("PK"));
		followers.put("jp", List.of("JP"));
		followers.put("pk-jp", List.of("PK", "JP"));
		// follows what no item is about: gets nothing but the confirmation
		followers.put("sg", List.of("SG"));
		return followers;
	}

	private static void header(ProducerRecord<String, String> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
