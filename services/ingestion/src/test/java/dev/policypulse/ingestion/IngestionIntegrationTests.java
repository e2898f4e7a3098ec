package dev.policypulse.ingestion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"policypulse.kafka.topics.partitions=1", "policypulse.api.key=integration-key",
		"policypulse.ingestion.fetch.max-body-size=16KB", "policypulse.ingestion.fetch.read-timeout=3s",
		"policypulse.ingestion.poller.initial-delay=200ms" })
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1)
class IngestionIntegrationTests {

	private static final String API_KEY = "integration-key";

	private static final String SECRET = "TOP-SECRET-KEY-MATERIAL";

	private static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	private static final ExecutorService serverThreads = Executors.newFixedThreadPool(4);

	private static final HttpServer server = startFeedServer();

	private static final List<ConsumerRecord<String, String>> records = Collections.synchronizedList(new ArrayList<>());

	private static KafkaConsumer<String, String> consumer;

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void sources(DynamicPropertyRegistry registry) {
		String[] sources = { "roundup:/rss", "watch:/atom", "hostile:/xxe", "laughs:/laughs", "huge:/huge",
				"desk-a:/desk-a", "desk-b:/desk-b", "flawed:/flawed", "treasury:/json" };
		for (int i = 0; i < sources.length; i++) {
			String[] source = sources[i].split(":");
			String prefix = "policypulse.ingestion.sources[" + i + "].";
			registry.add(prefix + "id", () -> source[0]);
			registry.add(prefix + "url", () -> "http://127.0.0.1:" + server.getAddress().getPort() + source[1]);
			registry.add(prefix + "poll-interval", () -> "300ms");
			// The test server is on this machine.
			registry.add(prefix + "allow-private-network", () -> "true");
		}
		String page = "policypulse.ingestion.sources[" + sources.length + "].";
		registry.add(page + "id", () -> "office");
		registry.add(page + "type", () -> "page");
		registry.add(page + "url", () -> "http://127.0.0.1:" + server.getAddress().getPort() + "/press-releases");
		registry.add(page + "item-selector", () -> "li.release");
		registry.add(page + "poll-interval", () -> "300ms");
		registry.add(page + "allow-private-network", () -> "true");
	}

	@AfterAll
	static void stopFeedServerAndConsumer() {
		server.stop(0);
		serverThreads.shutdownNow();
		if (consumer != null) {
			consumer.close();
			consumer = null;
		}
		records.clear();
	}

	@Test
	void publishesEveryFeedEntryExactlyOnce() {
		awaitHits("/rss", 3);
		awaitHits("/atom", 3);
		// Two complete polls of each feed have happened: the third has started.
		List<ConsumerRecord<String, String>> roundup = recordsFrom("roundup");
		List<ConsumerRecord<String, String>> watch = recordsFrom("watch");
		assertThat(roundup).hasSize(3);
		assertThat(watch).hasSize(2);
		assertThat(roundup).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
		for (ConsumerRecord<String, String> record : concat(roundup, watch)) {
			assertThat(header(record, EventHeaders.ID)).isEqualTo(record.key());
			assertThat(header(record, EventHeaders.TYPE)).isEqualTo(EventHeaders.TYPE_INGESTED);
			assertThat(header(record, EventHeaders.SOURCE)).isEqualTo("/policypulse/ingestion");
			assertThat(header(record, EventHeaders.SPEC_VERSION)).isEqualTo("1.0");
			assertThat(header(record, EventHeaders.TIME)).isNotBlank();
			assertThat(record.value()).contains("\"publishedAt\":\"20");
		}
		PolicyItemIngested stablecoins = item(roundup, "https://roundup.example.org/2025/stablecoin-reserves");
		assertThat(stablecoins.title()).isEqualTo("Island authority opens consultation on stablecoin reserves");
		assertThat(stablecoins.body()).isEqualTo("The Monetary Authority of a fictional island wants comments on"
				+ " how issuers hold reserves.\n\nResponses are due in \"eight weeks\".");
		assertThat(stablecoins.language()).isEqualTo("en");
		assertThat(stablecoins.storyId()).isEqualTo(stablecoins.id());
		PolicyItemIngested cbdc = item(watch, "https://watch.example.net/entries/17");
		assertThat(cbdc.title()).isEqualTo("Central bank pauses retail CBDC pilot");
		assertThat(cbdc.body()).isEqualTo("The pilot stops while privacy rules are rewritten.");
		assertThat(item(watch, "https://watch.example.net/entries/18?page=2").source()).isEqualTo("watch");
		assertThat(itemsCount("roundup", "duplicate")).isGreaterThanOrEqualTo(3);
	}

	@Test
	void refusesHostileAndOversizedFeedsWhileOthersAreIngested() {
		awaitHits("/xxe", 2);
		awaitHits("/laughs", 2);
		awaitHits("/huge", 2);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recordsFrom("roundup")).hasSize(3));
		assertThat(recordsFrom("hostile")).isEmpty();
		assertThat(recordsFrom("laughs")).isEmpty();
		assertThat(recordsFrom("huge")).isEmpty();
		assertThat(allRecords()).noneSatisfy((record) -> assertThat(record.value()).contains(SECRET));
		assertThat(allRecords()).noneSatisfy((record) -> assertThat(record.value()).contains("hahaha"));
		assertThat(fetches("hostile", "refused")).isGreaterThanOrEqualTo(1);
		assertThat(fetches("laughs", "refused")).isGreaterThanOrEqualTo(1);
		assertThat(fetches("huge", "refused")).isGreaterThanOrEqualTo(1);
		assertThat(fetches("roundup", "ok")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void ingestsJsonFeedsAndPageSources() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(recordsFrom("treasury")).hasSize(4);
			assertThat(recordsFrom("office")).hasSize(3);
		});
		PolicyItemIngested note = item(recordsFrom("treasury"), "https://treasury.example.com/notes/2025-031");
		assertThat(note.title()).isEqualTo("Treasury proposes reporting rule for crypto brokers");
		assertThat(note.body()).isEqualTo("Brokers would report gross proceeds.");
		assertThat(note.publishedAt()).hasToString("2025-03-10T14:00:00Z");
		assertThat(note.publishedAtEstimated()).isFalse();
		PolicyItemIngested undated = recordsFrom("treasury").stream()
			.map((record) -> this.jsonMapper.readValue(record.value(), PolicyItemIngested.class))
			.filter((item) -> "Undated note".equals(item.title()))
			.findFirst()
			.orElseThrow();
		assertThat(undated.publishedAtEstimated()).as("stamped with the ingestion time").isTrue();
		assertThat(undated.publishedAt()).isEqualTo(undated.ingestedAt());
		PolicyItemIngested register = item(recordsFrom("office"),
				"http://127.0.0.1:" + server.getAddress().getPort() + "/news/2025/stablecoin-register");
		assertThat(register.title()).isEqualTo("Office opens register for stablecoin issuers");
		assertThat(register.body()).contains("Issuers must register within six months.", "The register is public.")
			.doesNotContain("do not publish", "no scripts in items", "Copyright");
		awaitHits("/press-releases", hits.get("/press-releases").get() + 2);
		assertThat(hits.get("/news/2025/stablecoin-register").get()).as("each linked page is fetched once").isOne();
	}

	@Test
	void reportsSourceHealthOverTheApi() throws Exception {
		awaitHits("/xxe", 2);
		awaitHits("/huge", 2);
		awaitHits("/rss", 2);
		this.mockMvc.perform(get("/api/v1/sources/hostile/health").header("X-Api-Key", API_KEY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sourceId").value("hostile"))
			.andExpect(jsonPath("$.status").value("failing"))
			.andExpect(jsonPath("$.lastErrorMessage").value("XML DOCTYPE refused"));
		this.mockMvc.perform(get("/api/v1/sources/huge/health").header("X-Api-Key", API_KEY))
			.andExpect(jsonPath("$.status").value("failing"))
			.andExpect(jsonPath("$.lastErrorMessage").value("body larger than the limit of 16384 bytes"));
		this.mockMvc.perform(get("/api/v1/sources/roundup/health").header("X-Api-Key", API_KEY))
			.andExpect(jsonPath("$.status").value("ok"))
			.andExpect(jsonPath("$.consecutiveFailures").value(0))
			.andExpect(jsonPath("$.lastSuccess").isNotEmpty())
			.andExpect(jsonPath("$.itemsPerDay").isNumber());
		assertThat(this.meterRegistry.get("policypulse.ingestion.source.up").tag("source", "hostile").gauge().value())
			.isZero();
		assertThat(this.meterRegistry.get("policypulse.ingestion.source.up").tag("source", "roundup").gauge().value())
			.isOne();
	}

	@Test
	void identifiesLinkedItemsByUrlAndScopesGuidsToTheirFeed() throws Exception {
		awaitHits("/desk-a", 2);
		awaitHits("/desk-b", 2);
		// Both feeds use the GUIDs 1234 and bulletin-7, and desk B republishes desk A's
		// note 1234.
		List<PolicyItemIngested> desks = concat(recordsFrom("desk-a"), recordsFrom("desk-b")).stream()
			.map((record) -> this.jsonMapper.readValue(record.value(), PolicyItemIngested.class))
			.toList();
		assertThat(desks).extracting(PolicyItemIngested::url)
			.containsExactlyInAnyOrder("https://desk-a.example.org/notes/1234", "https://desk-b.example.com/items/1234",
					"https://desk-a.example.org/", "https://desk-b.example.com/");
		assertThat(desks).extracting(PolicyItemIngested::id).doesNotHaveDuplicates();
		// Entries without a link: first 32 hex characters of SHA-256("guid:<feed
		// id>:bulletin-7").
		PolicyItemIngested bulletinA = item(recordsFrom("desk-a"), "https://desk-a.example.org/");
		assertThat(bulletinA.id()).isEqualTo("cfc90b67447f2c9ed1b4fc6f15a3ebc4");
		assertThat(bulletinA.title()).isEqualTo("Desk A weekly bulletin");
		PolicyItemIngested bulletinB = item(recordsFrom("desk-b"), "https://desk-b.example.com/");
		assertThat(bulletinB.id()).isEqualTo("78417b6a3b8defd247df0f551d163fad");
		assertThat(bulletinB.title()).isEqualTo("Desk B weekly bulletin");

		String noteId = desks.stream()
			.filter((item) -> item.url().equals("https://desk-a.example.org/notes/1234"))
			.findFirst()
			.orElseThrow()
			.id();
		this.mockMvc.perform(postItem("""
				{"title": "Agency A asks for views on wallet screening", "body": "Pushed by a partner.",
				 "url": "https://DESK-A.example.org/notes/1234?fbclid=partner#comments"}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(noteId))
			.andExpect(jsonPath("$.status").value("duplicate"));
		assertThat(recordsWithKey(noteId)).hasSize(1);
	}

	@Test
	void countsInvalidFeedEntriesWhilePublishingTheRest() {
		// a whole poll of the feed
		awaitHits("/flawed", hits.computeIfAbsent("/flawed", (p) -> new AtomicInteger()).get() + 2);
		assertThat(recordsFrom("flawed")).hasSize(1)
			.first()
			.satisfies((record) -> assertThat(record.value()).contains("https://careless.example.net/usable"));
		assertThat(itemsCount("flawed", "invalid")).isGreaterThanOrEqualTo(3);
		assertThat(itemsCount("flawed", "failed")).isZero();
	}

	@Test
	void acceptsAPushedItemOnceAndAnswersRepeatsWithTheSameId() throws Exception {
		String item = """
				{"title": "Senate panel drafts <i>market structure</i> bill",
				 "html": "<p>Draft splits oversight between two agencies.</p><p>A vote is planned.</p>",
				 "url": "https://Capitol.example.com/news/market-structure?utm_campaign=x",
				 "publishedAt": "2025-02-07T10:15:00+01:00"}""";
		MvcResult accepted = this.mockMvc.perform(postItem(item))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.status").value("accepted"))
			.andReturn();
		String id = JsonPath.read(accepted.getResponse().getContentAsString(), "$.id");
		await().atMost(Duration.ofSeconds(30)).until(() -> recordsWithKey(id).size() == 1);
		PolicyItemIngested published = this.jsonMapper.readValue(recordsWithKey(id).get(0).value(),
				PolicyItemIngested.class);
		assertThat(published.source()).isEqualTo("webhook");
		assertThat(published.url()).isEqualTo("https://capitol.example.com/news/market-structure");
		assertThat(published.title()).isEqualTo("Senate panel drafts market structure bill");
		assertThat(published.body()).isEqualTo("Draft splits oversight between two agencies.\n\nA vote is planned.");
		assertThat(published.publishedAt()).hasToString("2025-02-07T09:15:00Z");

		String sameItemOtherLink = item.replace("?utm_campaign=x", "#top");
		this.mockMvc.perform(postItem(sameItemOtherLink))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.status").value("duplicate"));

		// Records on the single partition are ordered: once a later item is there, a
		// duplicate would be too.
		MvcResult marker = this.mockMvc.perform(postItem("""
				{"title": "Regulator publishes custody rule FAQ", "body": "Plain answers.",
				 "url": "https://capitol.example.com/news/custody-faq", "source": "partner-wire"}"""))
			.andExpect(status().isAccepted())
			.andReturn();
		String markerId = JsonPath.read(marker.getResponse().getContentAsString(), "$.id");
		await().atMost(Duration.ofSeconds(30)).until(() -> recordsWithKey(markerId).size() == 1);
		assertThat(recordsWithKey(id)).hasSize(1);
		assertThat(recordsFrom("partner-wire")).hasSize(1);
		assertThat(itemsCount("webhook", "duplicate")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void publishesConcurrentCopiesOfAnItemOnce() throws Exception {
		String item = """
				{"title": "Finance ministry sets date for travel-rule enforcement",
				 "body": "Transfers above a threshold need sender data.",
				 "url": "https://ministry.example.com/travel-rule"}""";
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(callers
					.submit(() -> this.mockMvc.perform(postItem(item)).andReturn().getResponse().getContentAsString()));
			}
			List<String> statuses = new ArrayList<>();
			List<String> ids = new ArrayList<>();
			for (Future<String> answer : answers) {
				String json = answer.get(30, TimeUnit.SECONDS);
				statuses.add(JsonPath.read(json, "$.status"));
				ids.add(JsonPath.read(json, "$.id"));
			}
			assertThat(ids).containsOnly(ids.get(0));
			assertThat(statuses).containsOnlyOnce("accepted").filteredOn("duplicate"::equals).hasSize(7);
			// Every answer came after the broker acknowledged, so any extra copy would
			// already be readable.
			assertThat(recordsWithKey(ids.get(0))).hasSize(1);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void rejectsRequestsWithoutTheApiKey() throws Exception {
		this.mockMvc
			.perform(post("/api/v1/items").contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\": \"t\", \"body\": \"b\", \"url\": \"https://capitol.example.com/x\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void rejectsInvalidItemsWithAProblem() throws Exception {
		this.mockMvc.perform(postItem("{\"title\": \" \", \"url\": \"ftp://files.example.com/a\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.detail").value(
					"body: either body or html is required; title: must not be blank; url: must be an absolute http or https URL"));
		this.mockMvc.perform(postItem("{\"title\": \"Unclosed\", "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", startsWith("The request body could not be read: Unexpected end-of-input")));
		this.mockMvc
			.perform(postItem("{\"title\": \"t\", \"body\": \"b\", \"url\": \"https://capitol.example.com/x\","
					+ " \"publishedAt\": \"yesterday\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail")
				.value("publishedAt: must be an RFC 3339 date-time with an offset, such as 2025-02-07T10:15:00+01:00"));
	}

	private static org.springframework.test.web.servlet.RequestBuilder postItem(String json) {
		return post("/api/v1/items").header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON).content(json);
	}

	private PolicyItemIngested item(List<ConsumerRecord<String, String>> from, String url) {
		return from.stream()
			.map((record) -> this.jsonMapper.readValue(record.value(), PolicyItemIngested.class))
			.filter((item) -> item.url().equals(url))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No item with URL " + url));
	}

	private double fetches(String source, String outcome) {
		return count("policypulse.ingestion.source.fetches", source, outcome);
	}

	private double itemsCount(String source, String outcome) {
		return count("policypulse.ingestion.items", source, outcome);
	}

	private double count(String name, String source, String outcome) {
		var counter = this.meterRegistry.find(name).tag("source", source).tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static void awaitHits(String path, int count) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> hits.computeIfAbsent(path, (p) -> new AtomicInteger()).get() >= count);
	}

	private List<ConsumerRecord<String, String>> recordsFrom(String source) {
		return allRecords().stream()
			.filter((record) -> record.value().contains("\"source\":\"" + source + "\""))
			.toList();
	}

	private List<ConsumerRecord<String, String>> recordsWithKey(String key) {
		return allRecords().stream().filter((record) -> key.equals(record.key())).toList();
	}

	/**
	 * Every record on the ingested topic so far, read up to the current end of the
	 * partition.
	 */
	private List<ConsumerRecord<String, String>> allRecords() {
		synchronized (records) {
			if (consumer == null) {
				Map<String, Object> config = KafkaTestUtils.consumerProps(this.broker, "ingestion-test", false);
				config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
				consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
				consumer.assign(List.of(new TopicPartition(Topics.INGESTED, 0)));
			}
			TopicPartition partition = new TopicPartition(Topics.INGESTED, 0);
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return List.copyOf(records);
		}
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static HttpServer startFeedServer() {
		try {
			Path secret = Files.createTempFile("ingestion-secret", ".txt");
			secret.toFile().deleteOnExit();
			Files.writeString(secret, SECRET);
			byte[] xxe = new String(Fixtures.feed("xxe.rss"), StandardCharsets.UTF_8)
				.replace("SECRET_FILE_URI", secret.toUri().toString())
				.getBytes(StandardCharsets.UTF_8);
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			serve(server, "/rss", Fixtures.feed("regulators.rss"), "application/rss+xml", false);
			serve(server, "/atom", Fixtures.feed("policy-watch.atom"), "application/atom+xml", true);
			serve(server, "/xxe", xxe, "application/rss+xml", false);
			serve(server, "/laughs", Fixtures.feed("billion-laughs.rss"), "application/rss+xml", false);
			serve(server, "/huge", hugeFeed(), "application/rss+xml", false);
			serve(server, "/desk-a", Fixtures.feed("desk-a.rss"), "application/rss+xml", false);
			serve(server, "/desk-b", Fixtures.feed("desk-b.rss"), "application/rss+xml", false);
			serve(server, "/flawed", Fixtures.feed("flawed.rss"), "application/rss+xml", false);
			serve(server, "/json", Fixtures.feed("json-feed-11.json"), "application/feed+json", true);
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			serve(server, "/press-releases",
					new String(Fixtures.file("pages/press-releases.html"), StandardCharsets.UTF_8)
						.replace("BASE_URL", base)
						.getBytes(StandardCharsets.UTF_8),
					"text/html", false);
			for (String article : new String[] { "stablecoin-register", "exchange-warning", "custody-rules" }) {
				serve(server, "/news/2025/" + article, Fixtures.file("pages/news/2025/" + article + ".html"),
						"text/html", false);
			}
			server.setExecutor(serverThreads);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Serves a fixed body, chunked so that the client learns its size only by reading it,
	 * and gzip-compressed if {@code gzip} and the client accepts it.
	 */
	private static void serve(HttpServer server, String path, byte[] body, String contentType, boolean gzip) {
		server.createContext(path, (exchange) -> {
			hits.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
			try (exchange) {
				exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=UTF-8");
				byte[] payload = body;
				if (gzip && acceptsGzip(exchange)) {
					exchange.getResponseHeaders().set("Content-Encoding", "gzip");
					payload = gzip(body);
				}
				exchange.sendResponseHeaders(200, 0);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(payload);
				}
			}
			catch (IOException ex) {
				// The client gave up reading, as it should for oversized feeds.
			}
		});
	}

	private static boolean acceptsGzip(HttpExchange exchange) {
		String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
		return accepted != null && accepted.contains("gzip");
	}

	private static byte[] gzip(byte[] body) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(body);
		}
		return bytes.toByteArray();
	}

	/**
	 * A valid feed larger than the test's 16KB limit, which would be published if it were
	 * read.
	 */
	private static byte[] hugeFeed() {
		String filler = "Regulators keep publishing guidance on digital assets. ".repeat(1_000);
		return ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>"
				+ "<link>https://huge.example.com/</link><description>Too big</description><item>"
				+ "<title>Very long guidance</title><link>https://huge.example.com/guidance</link>" + "<description>"
				+ filler + "</description></item></channel></rss>")
			.getBytes(StandardCharsets.UTF_8);
	}

}
