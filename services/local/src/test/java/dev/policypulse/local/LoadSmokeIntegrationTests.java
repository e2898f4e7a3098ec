package dev.policypulse.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A short run of the load harness against the real pipeline, so that the harness keeps
 * working: it asserts what happened to the items and alerts, never how fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadSmokeIntegrationTests {

	private static final LoadHarness.Options OPTIONS = new LoadHarness.Options(1000, Duration.ofSeconds(30), 20, 0.1,
			Duration.ofSeconds(60), 11, false, false, LocalStack.STEADY_STATE_JVM);

	private final JsonMapper json = JsonMapper.builder().build();

	private EmbeddedPostgres postgres;

	private LocalStack stack;

	private LoadHarness.Result result;

	@BeforeAll
	void runTheHarness() throws Exception {
		Path home = Files.createTempDirectory("policypulse-load-smoke");
		this.postgres = EmbeddedPostgres.builder().start();
		this.stack = LoadHarness.startStack(home, this.postgres, OPTIONS.serviceJvm());
		this.result = new LoadHarness(this.stack, jdbcUrl(), this.postgres.getPort(), OPTIONS).run();
		System.out.println(this.result.report());
	}

	@AfterAll
	void stop() throws Exception {
		if (this.stack != null) {
			this.stack.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void everyOfferedItemIsAcceptedClassifiedAndProcessedByTheNotifier() {
		assertThat(this.result.offered()).isGreaterThan(0);
		assertThat(this.result.accepted()).isEqualTo(this.result.offered());
		assertThat(this.result.drained()).as("the pipeline caught up after the load").isTrue();
		assertThat(this.result.classified()).isEqualTo(this.result.offered());
		assertThat(this.result.processed()).isEqualTo(this.result.offered());
		assertThat(this.result.matched()).isPositive().isLessThan(this.result.offered());
	}

	@Test
	void alertsAreSentOnlyToAddressesFollowingTheItemsJurisdictionOrTopic() throws Exception {
		Map<String, LoadSubscriptions.Subscription> subscribers = LoadSubscriptions
			.generate(OPTIONS.subscriptions(), OPTIONS.seed())
			.stream()
			.collect(Collectors.toMap(LoadSubscriptions.Subscription::email, Function.identity()));
		List<String[]> alerts = sentAlerts();
		assertThat(alerts).as("alerts handed to the SMTP server").isNotEmpty();
		Map<String, JsonNode> verdicts = classifiedOfThisRun();
		for (String[] alert : alerts) {
			LoadSubscriptions.Subscription subscription = subscribers.get(alert[0]);
			assertThat(subscription).as("subscriber %s", alert[0]).isNotNull();
			JsonNode verdict = verdicts.get(alert[1]);
			assertThat(verdict).as("classified item %s", alert[1]).isNotNull();
			assertThat(follows(subscription, verdict)).as("%s follows item %s: %s", subscription, alert[1], verdict)
				.isTrue();
		}
		assertThat(this.stack.mailCatcher().messages(alerts.get(0)[0])).as("the mail catcher's inbox").isNotEmpty();
	}

	@Test
	void latencyHistogramHasASampleForEveryAlertSent() {
		assertThat(this.result.latencySamples()).isPositive();
		assertThat(this.result.p99()).isGreaterThanOrEqualTo(this.result.p50()).isPositive();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(pendingAlerts()).isZero();
			String metrics = LoadMetrics.scrape(this.stack.notifierUrl());
			assertThat(LoadMetrics.buckets(metrics, "policypulse_notifier_alert_latency_seconds")
				.get(Double.POSITIVE_INFINITY)).isPositive()
				.isEqualTo(LoadMetrics.sum(metrics, "policypulse_notifier_emails_total", "kind=\"alert\"",
						"outcome=\"sent\""));
		});
	}

	@Test
	void printedReportHasEveryMeasureAndEveryProcess() {
		for (String row : LoadHarness.ROWS) {
			assertThat(this.result.report()).contains("| " + row + " ");
		}
		for (String process : LoadHarness.PROCESSES) {
			assertThat(this.result.report()).containsPattern(
					"\\| " + java.util.regex.Pattern.quote(process) + " +\\| +[0-9.]+ s \\| +[0-9.]+ \\| +[0-9,]+ \\|");
		}
	}

	/** The follower's rules, as the notifier documents them, hold for the verdict. */
	private static boolean follows(LoadSubscriptions.Subscription subscription, JsonNode verdict) {
		Set<String> acting = new HashSet<>();
		for (JsonNode tag : verdict.path("jurisdictions")) {
			String role = tag.path("role").asString();
			if (role.equals("actor") || role.equals("counterparty")) {
				String code = tag.path("code").asString();
				acting.add(code);
				acting.add(code.split("-")[0]);
			}
		}
		Set<String> topics = new HashSet<>();
		verdict.path("topics").forEach((tag) -> topics.add(tag.path("code").asString()));
		boolean jurisdiction = subscription.jurisdictions().isEmpty()
				|| subscription.jurisdictions().stream().anyMatch(acting::contains);
		boolean topic = subscription.topics().isEmpty() || subscription.topics().stream().anyMatch(topics::contains);
		return verdict.path("policyMove").asBoolean() && jurisdiction && topic;
	}

	private long pendingAlerts() throws Exception {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT count(*) FROM outbox WHERE kind = 'alert' AND status = 'pending'")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** Recipient and item id of every alert the notifier handed to the SMTP server. */
	private List<String[]> sentAlerts() throws Exception {
		List<String[]> alerts = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT recipient, item_id FROM outbox WHERE kind = 'alert' AND status = 'sent'")) {
			while (rows.next()) {
				alerts.add(new String[] { rows.getString(1), rows.getString(2) });
			}
		}
		return alerts;
	}

	/** The classified verdicts of this run's items, by item id. */
	private Map<String, JsonNode> classifiedOfThisRun() {
		Map<String, JsonNode> verdicts = new HashMap<>();
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.broker().bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "load-smoke-" + this.result.runId());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.CLASSIFIED));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode verdict = this.json.readTree(record.value());
					verdicts.put(verdict.at("/item/id").asString(), verdict);
				}
				return verdicts.size() >= this.result.classified();
			});
		}
		return verdicts;
	}

	private String jdbcUrl() {
		return this.postgres.getJdbcUrl("postgres", "postgres");
	}

}
