package dev.policypulse.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.contracts.Topics;
import dev.policypulse.local.LocalStackSettings.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline as users run it: a real KRaft broker, the three services as separate
 * processes, a real PostgreSQL (given to the notifier by URL) and GreenMail as the SMTP
 * server. A feed served over HTTP carries a Pakistan–El Salvador partnership story and an
 * unrelated one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIntegrationTests {

	private static final String API_KEY = "pipeline-test-key";

	private static final String PAKISTAN = "pk-follower@example.test";

	private static final String JAPAN = "jp-follower@example.test";

	private static final String UNCONFIRMED = "unconfirmed@example.test";

	private static final String PARTNERSHIP_URL = "https://wire.example.net/2025/07/pakistan-el-salvador-crypto-pact";

	private final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final List<ConsumerRecord<String, String>> classified = new CopyOnWriteArrayList<>();

	private final AtomicReference<Instant> feedFirstServed = new AtomicReference<>();

	private Duration firstAlertLatency;

	private EmbeddedPostgres postgres;

	private HttpServer feedServer;

	private LocalStack stack;

	private KafkaConsumer<String, String> consumer;

	@BeforeAll
	void startPipeline() throws IOException {
		Path home = Files.createTempDirectory("policypulse-pipeline");
		this.postgres = EmbeddedPostgres.builder().start();
		this.feedServer = serveFeed();
		LocalStackSettings settings = new LocalStackSettings(home,
				Path.of(System.getProperty("policypulse.services-dir")),
				Path.of(System.getProperty("policypulse.greenmail-jar")),
				LocalStackSettings.readClassPath(Path.of(System.getProperty("policypulse.kafka-classpath-file"))),
				freePorts(), API_KEY,
				List.of("--spring.datasource.url=" + this.postgres.getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
		this.stack = new LocalStack(settings);
		this.stack.startInfrastructure();
		this.stack.startNotifierAndClassifier();
		DemoSubscriber subscribers = new DemoSubscriber(this.stack.notifierUrl(), API_KEY, this.stack.mailCatcher());
		subscribers.subscribe(PAKISTAN, List.of("PK"), List.of());
		subscribers.subscribe(JAPAN, List.of("JP"), List.of());
		subscribers.subscribe(UNCONFIRMED, List.of("PK"), List.of());
		subscribers.confirm(PAKISTAN, Duration.ofSeconds(30));
		subscribers.confirm(JAPAN, Duration.ofSeconds(30));
		this.stack.startIngestion(
				List.of("wire=http://127.0.0.1:" + this.feedServer.getAddress().getPort() + "/feed.xml"),
				Duration.ofMinutes(10));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !partnershipAlerts().isEmpty());
		this.firstAlertLatency = Duration.between(this.feedFirstServed.get(), Instant.now());
	}

	@AfterAll
	void stopPipeline() throws IOException {
		if (this.consumer != null) {
			this.consumer.close();
		}
		if (this.stack != null) {
			this.stack.close();
		}
		if (this.feedServer != null) {
			this.feedServer.stop(0);
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void confirmedPakistanFollowerGetsExactlyOneAlertNamingPakistanWithin15Seconds() {
		assertThat(this.firstAlertLatency).as("from the feed being served to the alert in the inbox")
			.isLessThan(Duration.ofSeconds(15));
		MimeMessage alert = partnershipAlerts().get(0);
		assertThat(MailMessages.subject(alert)).contains("Pakistan");
		assertThat(MailMessages.plainText(alert)).contains(PARTNERSHIP_URL);
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(partnershipAlerts()).hasSize(1));
	}

	@Test
	void classifiedRecordNamesPakistanAsActorAndElSalvadorAsCounterparty() {
		PolicyItemClassified verdict = awaitClassified("El Salvador");
		assertThat(verdict.primaryJurisdiction()).isEqualTo("PK");
		assertThat(verdict.policyMove()).isTrue();
		assertThat(verdict.jurisdictions()).extracting(JurisdictionTag::code, JurisdictionTag::role)
			.contains(org.assertj.core.groups.Tuple.tuple("PK", Role.ACTOR),
					org.assertj.core.groups.Tuple.tuple("SV", Role.COUNTERPARTY));
		assertThat(verdict.topics()).extracting(TopicTag::code)
			.contains("international_cooperation", "regulator_formation");
		assertThat(verdict.item().url()).isEqualTo(PARTNERSHIP_URL);
		ConsumerRecord<String, String> record = this.classified.stream()
			.filter((each) -> each.value().contains(PARTNERSHIP_URL))
			.findFirst()
			.orElseThrow();
		assertThat(record.key()).isEqualTo(verdict.item().id());
		assertThat(header(record, EventHeaders.TYPE)).isEqualTo(EventHeaders.TYPE_CLASSIFIED);
		assertThat(header(record, EventHeaders.ID)).isEqualTo(verdict.item().id());
	}

	@Test
	void unrelatedStoryIsClassifiedButIsNoPolicyMove() {
		PolicyItemClassified verdict = awaitClassified("stadium");
		assertThat(verdict.policyMove()).isFalse();
	}

	@Test
	void japanFollowerGetsOnlyTheConfirmation() {
		awaitClassified("El Salvador");
		awaitClassified("stadium");
		await().atMost(Duration.ofSeconds(15)).until(() -> partnershipAlerts().size() == 1);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(subjects(JAPAN)).singleElement()
				.satisfies((subject) -> assertThat(subject).containsIgnoringCase("confirm")));
	}

	@Test
	void unconfirmedSubscriberGetsOnlyTheConfirmation() {
		await().atMost(Duration.ofSeconds(15)).until(() -> partnershipAlerts().size() == 1);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(subjects(UNCONFIRMED)).singleElement()
				.satisfies((subject) -> assertThat(subject).containsIgnoringCase("confirm")));
	}

	@Test
	void documentedKcatCommandsReadEveryTopic() throws Exception {
		awaitClassified("El Salvador");
		DocCommands.toolOrAbort("kcat");
		Map<String, String> outputs = new HashMap<>();
		for (String command : DocCommands.shellBlocks(docs("docs/events.md"), "kcat ")) {
			assertThat(command).as("documented commands stop at the end of the topic").contains(" -e ");
			Matcher topic = Pattern.compile("-t\\s+(\\S+)").matcher(command);
			assertThat(topic.find()).as(command).isTrue();
			outputs.merge(topic.group(1), docCommands().run(command), String::concat);
		}
		assertThat(outputs).as("every topic has a tested example")
			.containsOnlyKeys(Topics.INGESTED, Topics.CLASSIFIED, Topics.deadLetter(Topics.INGESTED),
					Topics.deadLetter(Topics.CLASSIFIED), Topics.DISPATCHED);
		assertThat(outputs.get(Topics.INGESTED)).contains("Pakistan and El Salvador sign crypto cooperation pact")
			.contains("ce_type=" + EventHeaders.TYPE_INGESTED);
		assertThat(outputs.get(Topics.CLASSIFIED)).contains("\"primaryJurisdiction\":\"PK\"");
		// the Pakistan follower's alert, in the inbox by now, named without its address
		assertThat(outputs.get(Topics.DISPATCHED)).contains("\"outcome\":\"sent\"").doesNotContain(PAKISTAN);
	}

	@Test
	void readmeTryItCommandsGiveAnAlertWithin30Seconds() throws Exception {
		DocCommands.toolOrAbort("curl");
		List<String> steps = DocCommands.steps(DocCommands.shellBlocks(docs("README.md"), "# follow Pakistan").get(0));
		assertThat(steps).hasSize(3);
		assertThat(docCommands().run(steps.get(0))).contains("\"status\":\"pending\"");
		String reader = "me@example.com";
		new DemoSubscriber(this.stack.notifierUrl(), API_KEY, this.stack.mailCatcher()).confirm(reader,
				Duration.ofSeconds(30));
		Instant posted = Instant.now();
		assertThat(docCommands().run(steps.get(1))).contains("\"status\":\"accepted\"");
		await().atMost(Duration.ofSeconds(30)).until(() -> !alerts(reader).isEmpty());
		assertThat(Duration.between(posted, Instant.now())).isLessThan(Duration.ofSeconds(30));
		assertThat(MailMessages.subject(alerts(reader).get(0))).contains("Pakistan");
		assertThat(docCommands().run(steps.get(2))).contains("\"primaryJurisdiction\":\"JP\"");
	}

	/**
	 * A real Prometheus scrapes the running services and loads the alert rules; every
	 * query of every dashboard panel returns data, every rule and annotation query
	 * parses, and every metric they name is one the services expose.
	 */
	@Test
	void dashboardAndAlertRuleQueriesWorkAgainstARealPrometheusScrapingTheServices() throws Exception {
		Path binary = DocCommands.toolOrAbort("prometheus");
		Path monitoring = docs("k8s/base/monitoring");
		Map<String, String> panelQueries = PrometheusServer.Dashboards.panelQueries(monitoring.resolve("dashboards"));
		assertThat(panelQueries).as("queries of the dashboards' panels").isNotEmpty();
		Ports ports = this.stack.settings().ports();
		Map<String, Integer> jobs = Map.of("ingestion", ports.ingestion(), "classifier", ports.classifier(), "notifier",
				ports.notifier());
		List<Path> ruleFiles = PrometheusServer.ruleFiles(monitoring.resolve("rules"));
		try (PrometheusServer prometheus = PrometheusServer.start(binary, jobs, ruleFiles)) {
			await().atMost(Duration.ofSeconds(20)).until(prometheus::allTargetsUp);
			causeWhatPanelsCountOnlyOnceItHappened();
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(failing(prometheus, panelQueries, true))
					.as("panel queries that fail or return no data")
					.isEmpty());

			Map<String, String> otherQueries = new LinkedHashMap<>(
					PrometheusServer.Dashboards.annotationQueries(monitoring.resolve("dashboards")));
			Set<String> recorded = new HashSet<>();
			List<JsonNode> rules = prometheus.rules();
			assertThat(rules.isEmpty()).as("rules loaded from %s", ruleFiles).isEqualTo(ruleFiles.isEmpty());
			for (JsonNode rule : rules) {
				String name = rule.path("name").asString();
				otherQueries.put(rule.path("query").asString(), "rule " + name);
				if ("recording".equals(rule.path("type").asString())) {
					recorded.add(name);
				}
				assertThat(rule.path("health").asString()).as("health of rule %s: %s", name, rule.path("lastError"))
					.isNotEqualTo("err");
			}
			assertThat(failing(prometheus, otherQueries, false)).as("rule and annotation queries that fail").isEmpty();

			Map<String, String> all = new LinkedHashMap<>(panelQueries);
			all.putAll(otherQueries);
			// the Kafka clients' per-partition metrics are bound up to a minute after the
			// partitions were assigned
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
				Set<String> exposed = prometheus.metricNames();
				Map<String, String> unknown = new TreeMap<>();
				all.forEach((expr, where) -> PrometheusServer.PromQl.metricNames(expr)
					.stream()
					.filter((metric) -> !exposed.contains(metric) && !recorded.contains(metric))
					.filter((metric) -> !metric.equals("ALERTS") && !metric.equals("ALERTS_FOR_STATE"))
					.forEach((metric) -> unknown.put(metric, where)));
				assertThat(unknown).as("metrics that no service exposes").isEmpty();
			});
		}
	}

	/**
	 * Some series exist only once something happened: a duplicate pushed to the webhook,
	 * a batch, a text classified through the API, and a record that cannot be read on
	 * each consumed topic (so that both services dead-letter one).
	 */
	private void causeWhatPanelsCountOnlyOnceItHappened() throws Exception {
		String item = """
				{"title":"Pakistan securities regulator bans crypto lending products",
				 "body":"The Securities and Exchange Commission of Pakistan banned crypto lending products for retail investors.",
				 "url":"https://markets.example.org/pk-crypto-lending-ban"}""";
		assertThat(post(this.stack.ingestionUrl() + "/api/v1/items", item)).contains("\"accepted\"");
		assertThat(post(this.stack.ingestionUrl() + "/api/v1/items", item)).contains("\"duplicate\"");
		assertThat(post(this.stack.ingestionUrl() + "/api/v1/items:batch",
				"""
						{"items":[{"title":"Singapore MAS consults on stablecoin reserve rules",
						 "body":"The Monetary Authority of Singapore opened a consultation on reserve rules for stablecoin issuers.",
						 "url":"https://markets.example.org/sg-stablecoin-reserves"}]}"""))
			.contains("\"accepted\"");
		assertThat(post(this.stack.classifierUrl() + "/api/v1/classify",
				"{\"title\":\"Japan FSA fines crypto exchange\",\"body\":\"\"}"))
			.contains("primaryJurisdiction");
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.broker().bootstrapServers());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			// JSON, so that this class's own reader of the classified topic skips it
			producer.send(new ProducerRecord<>(Topics.INGESTED, "unreadable", "[]")).get();
			producer.send(new ProducerRecord<>(Topics.CLASSIFIED, "unreadable", "[]")).get();
		}
	}

	/**
	 * The queries Prometheus refuses, or (when {@code needData}) answers with no series,
	 * with why, by where they are.
	 */
	private static Map<String, String> failing(PrometheusServer prometheus, Map<String, String> queries,
			boolean needData) {
		Map<String, String> failing = new TreeMap<>();
		queries.forEach((expr, where) -> {
			JsonNode answer = prometheus.query(expr);
			if (!"success".equals(answer.path("status").asString())) {
				failing.put(where, answer.path("error").asString() + ": " + expr);
			}
			else if (needData && answer.path("data").path("result").isEmpty()) {
				failing.put(where, "no data: " + expr);
			}
		});
		return failing;
	}

	private String post(String url, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url))
				.header("X-Api-Key", API_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isBetween(200, 299);
		return response.body();
	}

	private DocCommands docCommands() {
		Ports ports = this.stack.settings().ports();
		Map<String, String> replacements = new LinkedHashMap<>();
		replacements.put("127.0.0.1:9092", this.stack.broker().bootstrapServers());
		replacements.put("127.0.0.1:8081", "127.0.0.1:" + ports.ingestion());
		replacements.put("127.0.0.1:8082", "127.0.0.1:" + ports.classifier());
		replacements.put("127.0.0.1:8083", "127.0.0.1:" + ports.notifier());
		replacements.put("127.0.0.1:8085", "127.0.0.1:" + ports.mailApi());
		replacements.put("local-dev-key", API_KEY);
		return new DocCommands(replacements);
	}

	private static Path docs(String file) {
		return Path.of(System.getProperty("policypulse.services-dir")).resolve("..").resolve(file).normalize();
	}

	private PolicyItemClassified awaitClassified(String titleWord) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			pollClassified();
			return this.classified.stream().anyMatch((record) -> titleOf(record).contains(titleWord));
		});
		ConsumerRecord<String, String> record = this.classified.stream()
			.filter((each) -> titleOf(each).contains(titleWord))
			.findFirst()
			.orElseThrow();
		return this.json.readValue(record.value(), PolicyItemClassified.class);
	}

	private String titleOf(ConsumerRecord<String, String> record) {
		return this.json.readTree(record.value()).at("/item/title").asString();
	}

	private synchronized void pollClassified() {
		if (this.consumer == null) {
			Properties config = new Properties();
			config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.broker().bootstrapServers());
			config.put(ConsumerConfig.GROUP_ID_CONFIG, "pipeline-test");
			config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
			this.consumer.subscribe(List.of(Topics.CLASSIFIED));
		}
		this.consumer.poll(Duration.ofMillis(500)).forEach(this.classified::add);
	}

	/**
	 * Alerts to the Pakistan follower about the feed's partnership story (other tests
	 * post others).
	 */
	private List<MimeMessage> partnershipAlerts() {
		return alerts(PAKISTAN).stream()
			.filter((alert) -> MailMessages.plainText(alert).contains(PARTNERSHIP_URL))
			.toList();
	}

	private List<MimeMessage> alerts(String address) {
		List<MimeMessage> alerts = new ArrayList<>();
		this.stack.mailCatcher().messages(address).forEach((message) -> {
			MimeMessage mime = MailMessages.parse(message);
			if (!MailMessages.subject(mime).toLowerCase().contains("confirm")) {
				alerts.add(mime);
			}
		});
		return alerts;
	}

	private List<String> subjects(String address) {
		return this.stack.mailCatcher()
			.messages(address)
			.stream()
			.map((message) -> MailMessages.subject(MailMessages.parse(message)))
			.toList();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private HttpServer serveFeed() throws IOException {
		byte[] feed;
		try (InputStream in = PipelineIntegrationTests.class.getResourceAsStream("/feeds/pipeline-feed.xml")) {
			feed = in.readAllBytes();
		}
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/feed.xml", (exchange) -> {
			this.feedFirstServed.compareAndSet(null, Instant.now());
			exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
			exchange.sendResponseHeaders(200, feed.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(feed);
			}
		});
		server.start();
		return server;
	}

	/** Eight ports that are free right now, for a stack of its own. */
	static Ports freePorts() throws IOException {
		int[] ports = new int[8];
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < ports.length; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
		return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7]);
	}

}
