package dev.policypulse.notifier;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Topics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifier's promise of one email per subscriber and story, held against a crash: the
 * notifier runs as a process of its own, against a real broker, PostgreSQL and SMTP
 * server, and is killed outright ({@code SIGKILL}, no shutdown of any kind) while it
 * consumes classified items or while it is sending, then started again.
 * <p>
 * A killed consumer has stored alerts for records whose offsets it never committed; they
 * are delivered again and must add nothing. A killed dispatcher holds leases on emails it
 * claimed; they must go out once the leases run out, each once, except that an email the
 * SMTP server accepted just before the kill, whose outcome was not recorded, may go out a
 * second time, under the same {@code Message-ID} for receivers to drop it.
 */
@EmbeddedKafka(partitions = 1) // KRaft is the only mode in Spring Kafka 4
class NotifierCrashIntegrationTests {

	/** The notifier's consumer group, as its listener names it. */
	private static final String GROUP = "policypulse-notifier";

	private static final TopicPartition CLASSIFIED = new TopicPartition(Topics.CLASSIFIED, 0);

	private static final TopicPartition DEAD_LETTERS = new TopicPartition(Topics.deadLetter(Topics.CLASSIFIED), 0);

	/** The notifier's dispatch parallelism: emails that can be in flight at once. */
	private static final int PARALLELISM = 4;

	private static final Pattern SOURCE_LINK = Pattern
		.compile("Read the source: https://news\\.example\\.org/items/(\\S+)");

	private static final Path LOGS = Path.of("target", "notifier-crash");

	private static final AtomicInteger databases = new AtomicInteger();

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	private static EmbeddedKafkaBroker broker;

	private static EmbeddedPostgres postgres;

	private static Admin admin;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Notifier> notifiers = new ArrayList<>();

	private String database;

	private HikariDataSource dataSource;

	private JdbcClient jdbc;

	@BeforeAll
	static void startServers(EmbeddedKafkaBroker embeddedBroker) throws IOException {
		broker = embeddedBroker;
		broker.addTopics(new NewTopic(Topics.CLASSIFIED, 1, (short) 1),
				new NewTopic(Topics.deadLetter(Topics.CLASSIFIED), 1, (short) 1),
				new NewTopic(Topics.DISPATCHED, 1, (short) 1));
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
		postgres = EmbeddedPostgres.builder().start();
		Files.createDirectories(LOGS);
	}

	@AfterAll
	static void stopServers() throws IOException {
		admin.close();
		postgres.close();
	}

	/** A database of its own for each test, migrated before the notifier first starts. */
	@BeforeEach
	void createDatabase() {
		this.database = "crash_" + databases.incrementAndGet();
		try (HikariDataSource admin = pool("postgres")) {
			JdbcClient.create(admin).sql("CREATE DATABASE " + this.database).update();
		}
		this.dataSource = pool(this.database);
		Flyway.configure().dataSource(this.dataSource).load().migrate();
		this.jdbc = JdbcClient.create(this.dataSource);
	}

	@AfterEach
	void stopNotifiersAndCloseDatabase() {
		for (Notifier notifier : this.notifiers) {
			notifier.stop();
		}
		this.dataSource.close();
	}

	@Test
	void redeliveredRecordsAfterKillAddNoSecondAlert() throws Exception {
		List<String> jurisdictions = jurisdictions(60);
		// two subscribers per jurisdiction; every story concerns one jurisdiction
		int outlets = 8;
		Stories stories = stories(subscribe(jurisdictions, 2), 300, outlets);
		List<PolicyItemClassified> items = new ArrayList<>(stories.items());
		Set<String> expected = stories.alerts();
		// a story's items arrive close together, interleaved with other stories' items,
		// so that alerts are stored at a steady rate all along
		Random random = new Random(7);
		for (int from = 0; from < items.size(); from += 60) {
			Collections.shuffle(items.subList(from, Math.min(from + 60, items.size())), random);
		}
		long firstOffset = endOffset(CLASSIFIED);
		long deadLettersBefore = endOffset(DEAD_LETTERS);
		publish(items);

		// small polls, offsets committed every 2 s rather than after each poll: the
		// alerts of a poll are stored in one transaction just before its offsets are
		// committed, so without this a kill would rarely fall in between
		String[] commitLate = { "--spring.kafka.consumer.max-poll-records=40", "--spring.kafka.listener.ack-mode=time",
				"--spring.kafka.listener.ack-time=2s" };
		Notifier first = startNotifier("redelivery-1", greenMail.getSmtp().getPort(), commitLate);
		// killed while consuming: some alerts stored, and some records processed whose
		// offsets are not committed yet
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(20))
			.failFast("the notifier exited, see " + first.log(), () -> !first.isAlive())
			.failFast("the notifier consumed every record before it could be killed",
					() -> processedItems() >= items.size())
			.until(() -> processedItems() >= items.size() * 3 / 10
					&& processedItems() > committedOffset() - firstOffset);
		first.kill();
		long processedBeforeKill = processedItems();
		long committedBeforeKill = committedOffset() - firstOffset;
		long alertsBeforeKill = alerts();

		Notifier second = startNotifier("redelivery-2", greenMail.getSmtp().getPort(), commitLate);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.failFast("the restarted notifier exited, see " + second.log(), () -> !second.isAlive())
			.until(() -> committedOffset() == firstOffset + items.size() && unsentEmails() == 0
					&& unexpandedItems() == 0);
		second.stop();

		long redelivered = processedBeforeKill - committedBeforeKill;
		assertThat(redelivered).as("records processed before the kill whose offsets were not committed").isPositive();
		List<ReceivedAlert> received = receivedAlerts(stories);
		report("redelivery",
				"records=" + items.size() + " alerts=" + expected.size() + " alertsBeforeKill=" + alertsBeforeKill
						+ " processedBeforeKill=" + processedBeforeKill + " committedBeforeKill=" + committedBeforeKill
						+ " redelivered=" + redelivered + " emailsReceived=" + received.size());
		assertOneMessageIdPerAlert(received, expected);
		assertThat(received.size() - expected.size()).as("copies sent again after the kill")
			.isLessThanOrEqualTo(PARALLELISM);
		assertThat(count("SELECT count(*) FROM outbox WHERE kind = 'alert'")).isEqualTo(expected.size());
		assertThat(count("SELECT count(*) FROM outbox WHERE status <> 'sent'")).isZero();
		// every outcome recorded once: one sent per alert, one suppressed per further
		// item of the story, however often an item arrived
		assertThat(count("SELECT count(*) FROM dispatch_event WHERE outcome = 'sent'")).isEqualTo(expected.size());
		assertThat(count("SELECT count(*) FROM dispatch_event WHERE outcome = 'suppressed'"))
			.isEqualTo((long) expected.size() * (outlets - 1));
		assertThat(count("SELECT count(*) FROM dispatch_event")).isEqualTo((long) expected.size() * outlets);
		assertThat(endOffset(DEAD_LETTERS)).as("dead letters").isEqualTo(deadLettersBefore);
	}

	@Test
	void dispatcherKilledHoldingLeasesSendsEachAlertOnce() throws Exception {
		// ten subscribers per jurisdiction, two outlets per story
		Stories stories = stories(subscribe(jurisdictions(3), 10), 30, 2);
		Set<String> expected = stories.alerts();
		publish(stories.items());

		Set<String> receivedBeforeRestart;
		Set<String> sentBeforeRestart;
		long claimedAtKill;
		try (SlowSmtpProxy slowSmtp = new SlowSmtpProxy(greenMail.getSmtp().getPort(), Duration.ofMillis(150))) {
			Notifier first = startNotifier("leases-1", slowSmtp.port());
			// killed mid-batch: some alerts sent, others claimed under a lease that has
			// not run out, and an email accepted by the SMTP server but not yet recorded
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(20))
				.failFast("the notifier exited, see " + first.log(), () -> !first.isAlive())
				.failFast("the notifier sent every alert before it could be killed",
						() -> sentEmails() >= expected.size())
				.until(() -> sentEmails() >= 40 && claimedEmails() > 0);
			// from here the server takes emails in without the notifier hearing of it
			slowSmtp.freeze();
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.failFast("the notifier exited, see " + first.log(), () -> !first.isAlive())
				.until(() -> greenMail.getReceivedMessages().length > sentEmails());
			first.kill();
			claimedAtKill = claimedEmails();
			slowSmtp.close();
			// whatever reached the server before the kill has been taken in: every email
			// the server confirmed to the proxy is in its store
			await().atMost(Duration.ofSeconds(10)).until(() -> slowSmtp.openConnections() == 0);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> greenMail.getReceivedMessages().length >= slowSmtp.acceptedByServer());
			receivedBeforeRestart = receivedAlerts(stories).stream()
				.map(ReceivedAlert::messageId)
				.collect(Collectors.toSet());
			sentBeforeRestart = new HashSet<>(
					this.jdbc.sql("SELECT message_id FROM outbox WHERE status = 'sent'").query(String.class).list());
		}
		Set<String> acceptedNotRecorded = new HashSet<>(receivedBeforeRestart);
		acceptedNotRecorded.removeAll(sentBeforeRestart);
		assertThat(receivedBeforeRestart).containsAll(sentBeforeRestart);

		// the claims end with the lease the killed notifier took them under
		Notifier second = startNotifier("leases-2", greenMail.getSmtp().getPort());
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.failFast("the restarted notifier exited, see " + second.log(), () -> !second.isAlive())
			.until(() -> sentEmails() == expected.size() && unsentEmails() == 0 && unexpandedItems() == 0);
		second.stop();

		List<ReceivedAlert> received = receivedAlerts(stories);
		Map<String, Long> copies = received.stream()
			.collect(Collectors.groupingBy(ReceivedAlert::messageId, Collectors.counting()));
		Set<String> duplicated = copies.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		report("leases",
				"alerts=" + expected.size() + " sentBeforeKill=" + sentBeforeRestart.size() + " claimedAtKill="
						+ claimedAtKill + " acceptedNotRecorded=" + acceptedNotRecorded.size() + " emailsReceived="
						+ received.size() + " duplicated=" + duplicated.size());
		assertOneMessageIdPerAlert(received, expected);
		assertThat(acceptedNotRecorded).as("emails accepted by the server but not recorded at the kill")
			.isNotEmpty()
			.hasSizeLessThanOrEqualTo(PARALLELISM);
		// only those went out twice, each copy under the same Message-ID
		assertThat(duplicated).isEqualTo(acceptedNotRecorded);
		assertThat(copies.values()).allSatisfy((count) -> assertThat(count).isBetween(1L, 2L));
		assertThat(count("SELECT count(*) FROM outbox WHERE kind = 'alert'")).isEqualTo(expected.size());
		assertThat(count("SELECT count(*) FROM outbox WHERE status <> 'sent'")).isZero();
		assertThat(count("SELECT count(*) FROM dispatch_event WHERE outcome = 'sent'")).isEqualTo(expected.size());
		assertThat(count("SELECT count(*) FROM dispatch_event WHERE outcome = 'suppressed'"))
			.isEqualTo(expected.size());
	}

	/**
	 * Each expected alert arrived under one {@code Message-ID}, the one its outbox row
	 * has, and nothing else arrived.
	 */
	private void assertOneMessageIdPerAlert(List<ReceivedAlert> received, Set<String> expected) {
		Map<String, Set<String>> messageIds = received.stream()
			.collect(Collectors.groupingBy(ReceivedAlert::alert,
					Collectors.mapping(ReceivedAlert::messageId, Collectors.toSet())));
		assertThat(messageIds.keySet()).containsExactlyInAnyOrderElementsOf(expected);
		Map<String, Set<String>> stored = this.jdbc
			.sql("SELECT recipient, story_id, message_id FROM outbox WHERE kind = 'alert'")
			.query((rs, row) -> Map.entry(alert(rs.getString("recipient"), rs.getString("story_id")),
					Set.of(rs.getString("message_id"))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(messageIds).isEqualTo(stored);
		assertThat(received.stream().map(ReceivedAlert::messageId).distinct()).hasSize(expected.size());
	}

	/**
	 * Confirmed immediate subscriptions, written straight to the database before the
	 * notifier first starts.
	 * @return the addresses following each jurisdiction
	 */
	private Map<String, List<String>> subscribe(List<String> jurisdictions, int perJurisdiction) {
		Map<String, List<String>> subscribers = new HashMap<>();
		Instant created = Instant.parse("2026-05-01T08:00:00Z");
		int n = 0;
		for (String jurisdiction : jurisdictions) {
			for (int i = 0; i < perJurisdiction; i++) {
				String address = "reader-%04d@example.org".formatted(n);
				this.jdbc.sql("""
						INSERT INTO subscription (id, email, jurisdictions, topics, delivery, status, created_at,
						    confirmed_at, rules_key)
						VALUES (:id, :email, :jurisdictions, '{}', 'immediate', 'confirmed', :created, :created,
						    :rulesKey)
						""")
					.param("id", UUID.randomUUID())
					.param("email", address)
					.param("jurisdictions", new String[] { jurisdiction })
					.param("created", created.plusSeconds(n).atOffset(ZoneOffset.UTC))
					.param("rulesKey", "immediate|" + jurisdiction + "|")
					.update();
				subscribers.computeIfAbsent(jurisdiction, (key) -> new ArrayList<>()).add(address);
				n++;
			}
		}
		return subscribers;
	}

	/**
	 * Stories, each about one of the jurisdictions in turn and reported by each outlet.
	 * @param subscribers the addresses following each jurisdiction
	 */
	private Stories stories(Map<String, List<String>> subscribers, int count, int outlets) {
		List<String> jurisdictions = subscribers.keySet().stream().sorted().toList();
		List<PolicyItemClassified> items = new ArrayList<>();
		Set<String> alerts = new HashSet<>();
		Map<String, String> storyOfItem = new HashMap<>();
		for (int story = 0; story < count; story++) {
			String jurisdiction = jurisdictions.get(story % jurisdictions.size());
			String storyId = "%s-story-%04d".formatted(this.database, story);
			for (int outlet = 0; outlet < outlets; outlet++) {
				PolicyItemClassified item = story(storyId, outlet, jurisdiction);
				items.add(item);
				storyOfItem.put(item.id(), storyId);
			}
			subscribers.get(jurisdiction).forEach((address) -> alerts.add(alert(address, storyId)));
		}
		return new Stories(items, alerts, storyOfItem);
	}

	/** One outlet's report of a story about a licensing move by the jurisdiction. */
	private PolicyItemClassified story(String storyId, int outlet, String jurisdiction) {
		String id = storyId + "-outlet-" + outlet;
		return classified(item(id, storyId,
				"Outlet %d: %s regulator licenses its first exchange".formatted(outlet,
						new Locale.Builder().setRegion(jurisdiction).build().getDisplayCountry(Locale.ENGLISH)),
				"The regulator granted the licence."), List.of(tag(jurisdiction, Role.ACTOR)), "licensing");
	}

	/** Country codes, spread over the alphabet, the same on every run. */
	private static List<String> jurisdictions(int count) {
		List<String> codes = Arrays.stream(Locale.getISOCountries()).sorted().toList();
		int step = codes.size() / count;
		return IntStream.range(0, count).mapToObj((i) -> codes.get(i * step)).toList();
	}

	private static String alert(String address, String storyId) {
		return address.toLowerCase(Locale.ROOT) + " / " + storyId;
	}

	private void publish(List<PolicyItemClassified> items) throws Exception {
		Map<String, Object> props = KafkaTestUtils.producerProps(broker);
		props.put("linger.ms", 20);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
				new StringSerializer())) {
			for (PolicyItemClassified item : items) {
				producer.send(new ProducerRecord<>(Topics.CLASSIFIED, item.id(), this.json.writeValueAsString(item)));
			}
			producer.flush();
		}
	}

	/** The alerts GreenMail received, copies included, in the order they arrived. */
	private static List<ReceivedAlert> receivedAlerts(Stories stories) {
		List<ReceivedAlert> alerts = new ArrayList<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			try {
				Matcher source = SOURCE_LINK.matcher(ReceivedMail.part(message, "text/plain"));
				assertThat(source.find()).as("source link in " + message.getMessageID()).isTrue();
				String storyId = stories.storyOfItem().get(source.group(1));
				assertThat(storyId).as("story of " + source.group(1)).isNotNull();
				String recipient = message.getRecipients(Message.RecipientType.TO)[0].toString();
				alerts.add(new ReceivedAlert(alert(recipient, storyId), message.getMessageID()));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return alerts;
	}

	private long alerts() {
		return count("SELECT count(*) FROM outbox WHERE kind = 'alert'");
	}

	/**
	 * Records the notifier has processed. Every item concerns some subscriber, so each
	 * leaves the row that the dispatch pass expands into its alerts.
	 */
	private long processedItems() {
		return count("SELECT count(DISTINCT item_id) FROM alert_fanout");
	}

	/** Items whose alerts the dispatch pass has not written to the outbox yet. */
	private long unexpandedItems() {
		return count("SELECT count(*) FROM alert_fanout WHERE expanded_at IS NULL");
	}

	private long sentEmails() {
		return count("SELECT count(*) FROM outbox WHERE status = 'sent'");
	}

	private long unsentEmails() {
		return count("SELECT count(*) FROM outbox WHERE status <> 'sent'");
	}

	/** Emails claimed by a pass whose lease has not run out. */
	private long claimedEmails() {
		return count("SELECT count(*) FROM outbox WHERE status = 'pending' AND claimed_until > now()");
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private static long committedOffset() throws Exception {
		OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS)
			.get(CLASSIFIED);
		return (committed != null) ? committed.offset() : 0L;
	}

	private static long endOffset(TopicPartition partition) throws Exception {
		return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
			.partitionResult(partition)
			.get(10, TimeUnit.SECONDS)
			.offset();
	}

	private static HikariDataSource pool(String database) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
		pool.setMaximumPoolSize(3);
		return pool;
	}

	private Notifier startNotifier(String name, int smtpPort, String... settings) throws IOException {
		List<String> args = new ArrayList<>(List.of(
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", this.database),
				"--spring.datasource.username=postgres",
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
				// a killed consumer leaves the group soon, so that its
				// successor gets the partition without a long wait
				"--spring.kafka.consumer.properties.session.timeout.ms=6000",
				"--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
				"--policypulse.kafka.topics.partitions=1", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + smtpPort, "--server.port=0", "--policypulse.notifier.dispatch.interval=100ms",
				// the killed notifier's claims end with the lease it took
				// them under
				"--policypulse.notifier.dispatch.lease=5s", "--policypulse.notifier.dispatch.lease-margin=2s",
				"--policypulse.notifier.dispatch.parallelism=" + PARALLELISM,
				"--policypulse.notifier.links.public-base-url=https://alerts.example.org"));
		args.addAll(List.of(settings));
		Notifier notifier = Notifier.start(name, args);
		this.notifiers.add(notifier);
		return notifier;
	}

	private static void report(String scenario, String figures) {
		System.out.println("[notifier crash] " + scenario + ": " + figures);
	}

	/**
	 * Published items, the alerts they call for ({@code address / story}) and the story
	 * of each item.
	 */
	private record Stories(List<PolicyItemClassified> items, Set<String> alerts, Map<String, String> storyOfItem) {
	}

	/** An alert as received: to whom about which story, and its {@code Message-ID}. */
	private record ReceivedAlert(String alert, String messageId) {
	}

	/**
	 * The notifier in a JVM of its own, started from the test's class path (the test
	 * classes left out, so that no test configuration is picked up), its output going to
	 * a file under {@code target/notifier-crash}.
	 */
	private static final class Notifier {

		private final Process process;

		private final Path log;

		private Notifier(Process process, Path log) {
			this.process = process;
			this.log = log;
		}

		static Notifier start(String name, List<String> arguments) throws IOException {
			String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
				.filter((entry) -> !Path.of(entry).endsWith("test-classes"))
				.collect(Collectors.joining(File.pathSeparator));
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
							"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath,
							NotifierApplication.class.getName()));
			command.addAll(arguments);
			Path log = LOGS.resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new Notifier(process, log);
		}

		Path log() {
			return this.log.toAbsolutePath();
		}

		boolean isAlive() {
			return this.process.isAlive();
		}

		/** {@code SIGKILL}: the process ends at once, without shutting down anything. */
		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor();
		}

		/** Shuts down as an operator would, or is killed if that takes too long. */
		void stop() {
			if (!this.process.isAlive()) {
				return;
			}
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					kill();
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}

	}

}
