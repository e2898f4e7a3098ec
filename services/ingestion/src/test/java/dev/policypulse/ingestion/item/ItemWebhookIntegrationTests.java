package dev.policypulse.ingestion.item;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The item endpoints over real HTTP, with a real broker: batches, body limits, and
 * authentication by API key or by signature.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"policypulse.kafka.topics.partitions=1", "policypulse.api.key=" + ItemWebhookIntegrationTests.API_KEY,
				"policypulse.ingestion.webhook.secret=" + ItemWebhookIntegrationTests.SECRET,
				"policypulse.ingestion.webhook.previous-secret=" + ItemWebhookIntegrationTests.PREVIOUS_SECRET,
				"policypulse.ingestion.webhook.max-item-size=8KB", "policypulse.ingestion.webhook.max-batch-size=64KB",
				"policypulse.ingestion.webhook.max-batch-items=20" })
@EmbeddedKafka(partitions = 1)
class ItemWebhookIntegrationTests {

	static final String API_KEY = "webhook-test-key";

	static final String SECRET = "current-webhook-secret-0123456789abcdef";

	static final String PREVIOUS_SECRET = "previous-webhook-secret-0123456789abcdef";

	private static final String ITEMS = "/api/v1/items";

	private static final String BATCH = "/api/v1/items:batch";

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	private static KafkaConsumer<String, String> consumer;

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MeterRegistry meterRegistry;

	@AfterAll
	static void closeConsumer() {
		synchronized (records) {
			if (consumer != null) {
				consumer.close();
				consumer = null;
			}
			records.clear();
		}
	}

	@Test
	void answersEveryItemOfABatchInTheOrderSent() throws Exception {
		HttpResponse<String> earlier = post(ITEMS,
				item("Treasury consults on stablecoin reserves", "https://treasury.example.org/stablecoins"), apiKey());
		assertThat(earlier.statusCode()).isEqualTo(202);
		String earlierId = JsonPath.read(earlier.body(), "$.id");

		String batch = batch(item("Regulator opens custody rule consultation", "https://regulator.example.org/custody"),
				"{\"title\": \" \", \"url\": \"ftp://files.example.org/a\"}",
				item("Treasury consults on stablecoin reserves, again",
						"https://treasury.example.org/stablecoins?utm_source=mail"),
				item("Regulator opens custody rule consultation (copy)", "https://regulator.example.org/custody"),
				"{\"title\": {\"text\": \"nested\"}, \"body\": \"b\", \"url\": \"https://regulator.example.org/x\"}",
				"\"not an item\"",
				"{\"title\": \"Ministry drafts <b>token</b> tax\", \"html\": \"<p>Draft published.</p>\","
						+ " \"url\": \"https://ministry.example.org/token-tax\", \"source\": \"partner-wire\"}");
		HttpResponse<String> response = post(BATCH, batch, apiKey());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		String json = response.body();
		assertThat(JsonPath.<List<String>>read(json, "$.results[*].status")).containsExactly("accepted", "invalid",
				"duplicate", "duplicate", "invalid", "invalid", "accepted");
		assertThat(JsonPath.<List<Integer>>read(json, "$.results[*].index")).containsExactly(0, 1, 2, 3, 4, 5, 6);
		String custodyId = JsonPath.read(json, "$.results[0].id");
		assertThat(JsonPath.<String>read(json, "$.results[2].id")).isEqualTo(earlierId);
		assertThat(JsonPath.<String>read(json, "$.results[3].id")).isEqualTo(custodyId);
		assertThat(JsonPath.<String>read(json, "$.results[1].problem.detail")).isEqualTo(
				"body: either body or html is required; title: must not be blank; url: must be an absolute http or https URL");
		assertThat(JsonPath.<Integer>read(json, "$.results[1].problem.status")).isEqualTo(400);
		assertThat(JsonPath.<String>read(json, "$.results[4].problem.detail")).isEqualTo("title: must be a string");
		assertThat(JsonPath.<String>read(json, "$.results[5].problem.detail"))
			.isEqualTo("an item must be a JSON object");
		assertThat(JsonPath.<Map<String, Integer>>read(json, "$.totals")).containsExactlyInAnyOrderEntriesOf(
				Map.of("received", 7, "accepted", 2, "duplicate", 2, "invalid", 3, "failed", 0));
		assertThat(json).doesNotContain("\"id\":null");

		// Every result was given after the broker acknowledged, so all records are there.
		String tokenTaxId = JsonPath.read(json, "$.results[6].id");
		assertThat(recordsWithKey(custodyId)).hasSize(1)
			.first()
			.satisfies((record) -> assertThat(record.value())
				.contains("\"title\":\"Regulator opens custody rule" + " consultation\""));
		assertThat(recordsWithKey(earlierId)).hasSize(1);
		assertThat(recordsWithKey(tokenTaxId)).hasSize(1)
			.first()
			.satisfies((record) -> assertThat(record.value()).contains("\"source\":\"partner-wire\"")
				.contains("\"title\":\"Ministry drafts token tax\""));
		assertThat(count(BatchPublisher.BATCH_ITEMS_METRIC, "invalid")).isGreaterThanOrEqualTo(3);
	}

	@Test
	void refusesABatchOverTheItemLimitWithoutPublishingAnyOfIt() throws Exception {
		String batch = batch(IntStream.range(0, 21)
			.mapToObj((i) -> item("Bulletin " + i, "https://bulk.example.org/bulletins/" + i))
			.toArray(String[]::new));
		HttpResponse<String> response = post(BATCH, batch, apiKey());
		assertProblem(response, 413);
		assertThat(JsonPath.<String>read(response.body(), "$.detail"))
			.isEqualTo("A batch holds at most 20 items; this one holds more. Send them in smaller batches.");
		assertThat(allRecords()).noneSatisfy((record) -> assertThat(record.value()).contains("bulk.example.org"));
	}

	@Test
	void refusesMalformedBatches() throws Exception {
		HttpResponse<String> unreadable = post(BATCH, "{\"items\": [", apiKey());
		assertProblem(unreadable, 400);
		assertThat(JsonPath.<String>read(unreadable.body(), "$.detail"))
			.startsWith("The request body could not be read: ");
		HttpResponse<String> bareArray = post(BATCH, "[" + item("t", "https://a.example.org/") + "]", apiKey());
		assertProblem(bareArray, 400);
		assertThat(JsonPath.<String>read(bareArray.body(), "$.detail"))
			.isEqualTo("The body must be a JSON object whose \"items\" field is an array of items.");
		HttpResponse<String> empty = post(BATCH, "{\"items\": []}", apiKey());
		assertProblem(empty, 400);
		assertThat(JsonPath.<String>read(empty.body(), "$.detail")).isEqualTo("The batch holds no items.");
		assertProblem(post(BATCH, "", apiKey()), 400);
	}

	@Test
	void refusesOversizedBodiesWhetherOrNotTheirLengthIsDeclared() throws Exception {
		String bigItem = item("Long item", "https://long.example.org/", "x".repeat(9 * 1024));
		HttpResponse<String> declared = post(ITEMS, bigItem, apiKey());
		assertProblem(declared, 413);
		assertThat(JsonPath.<String>read(declared.body(), "$.detail"))
			.isEqualTo("The request body is larger than this endpoint's limit of 8KB.");
		assertProblem(send(ITEMS, chunked(bigItem), apiKey()), 413);

		String bigBatch = batch(IntStream.range(0, 10)
			.mapToObj((i) -> item("Long item " + i, "https://long.example.org/" + i, "y".repeat(7 * 1024)))
			.toArray(String[]::new));
		assertProblem(post(BATCH, bigBatch, apiKey()), 413);
		assertProblem(send(BATCH, chunked(bigBatch), apiKey()), 413);
		assertProblem(post(BATCH, bigBatch, signed(SECRET, now(), bigBatch)), 413);
		assertThat(allRecords()).noneSatisfy((record) -> assertThat(record.value()).contains("long.example.org"));
	}

	@Test
	void acceptsSignedItemsAndBatchesWithoutAnApiKey() throws Exception {
		String single = item("Signed: central bank extends CBDC pilot", "https://bank.example.org/cbdc");
		HttpResponse<String> accepted = post(ITEMS, single, signed(SECRET, now(), single));
		assertThat(accepted.statusCode()).isEqualTo(202);
		String id = JsonPath.read(accepted.body(), "$.id");
		assertThat(recordsWithKey(id)).hasSize(1);

		String batch = batch(item("Signed batch item", "https://bank.example.org/batch"), single);
		HttpResponse<String> batchResponse = post(BATCH, batch, signed(SECRET, now(), batch));
		assertThat(batchResponse.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(batchResponse.body(), "$.results[*].status")).containsExactly("accepted",
				"duplicate");
		assertThat(count(SignatureFilter.SIGNATURES_METRIC, "valid")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void acceptsThePreviousSecretDuringRotation() throws Exception {
		String single = item("Signed with the previous secret", "https://rotation.example.org/previous");
		assertThat(post(ITEMS, single, signed(PREVIOUS_SECRET, now(), single)).statusCode()).isEqualTo(202);
	}

	@Test
	void answersAReplayedSignedRequestAsADuplicate() throws Exception {
		String single = item("Replayed item", "https://replay.example.org/once");
		Map<String, String> headers = signed(SECRET, now(), single);
		HttpResponse<String> first = post(ITEMS, single, headers);
		HttpResponse<String> replay = post(ITEMS, single, headers);
		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(replay.body(), "$.status")).isEqualTo("duplicate");
		assertThat(recordsWithKey(JsonPath.read(first.body(), "$.id"))).hasSize(1);
	}

	@Test
	void refusesASignatureMadeWithAnotherSecret() throws Exception {
		String single = item("Wrong secret", "https://forged.example.org/wrong-secret");
		HttpResponse<String> response = post(ITEMS, single,
				signed("some-other-secret-0123456789abcdefgh", now(), single));
		assertProblem(response, 401);
		assertThat(JsonPath.<String>read(response.body(), "$.detail"))
			.isEqualTo("The signature does not match the request body and timestamp.");
		assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
		assertNothingPublishedFrom("forged.example.org");
	}

	@Test
	void refusesATamperedBody() throws Exception {
		String original = item("Original", "https://forged.example.org/original");
		String tampered = original.replace("Original", "Altered!");
		HttpResponse<String> single = post(ITEMS, tampered, signed(SECRET, now(), original));
		assertProblem(single, 401);
		String batch = batch(original);
		HttpResponse<String> batchResponse = post(BATCH, batch.replace("Original", "Altered!"),
				signed(SECRET, now(), batch));
		assertProblem(batchResponse, 401);
		assertNothingPublishedFrom("forged.example.org");
	}

	@Test
	void refusesStaleAndFutureTimestamps() throws Exception {
		String single = item("Stale", "https://forged.example.org/stale");
		for (long timestamp : new long[] { now() - 400, now() + 400 }) {
			HttpResponse<String> response = post(ITEMS, single, signed(SECRET, timestamp, single));
			assertProblem(response, 401);
			assertThat(JsonPath.<String>read(response.body(), "$.detail"))
				.isEqualTo("The timestamp in X-PolicyPulse-Timestamp is more than 300 seconds from the server's time;"
						+ " sign the request again.");
		}
		assertNothingPublishedFrom("forged.example.org");
	}

	@Test
	void refusesASignatureWithoutItsTimestamp() throws Exception {
		String single = item("No timestamp", "https://forged.example.org/no-timestamp");
		Map<String, String> headers = signed(SECRET, now(), single);
		headers.remove("X-PolicyPulse-Timestamp");
		HttpResponse<String> response = post(ITEMS, single, headers);
		assertProblem(response, 401);
		assertThat(JsonPath.<String>read(response.body(), "$.detail")).startsWith(
				"A signed request needs X-PolicyPulse-Timestamp (Unix time in seconds) and X-PolicyPulse-Signature");
		assertNothingPublishedFrom("forged.example.org");
	}

	@Test
	void refusesAnInvalidSignatureEvenWithAValidApiKey() throws Exception {
		String single = item("Key and bad signature", "https://forged.example.org/key-and-bad-signature");
		Map<String, String> headers = signed("some-other-secret-0123456789abcdefgh", now(), single);
		headers.putAll(apiKey());
		assertProblem(post(ITEMS, single, headers), 401);
		assertNothingPublishedFrom("forged.example.org");
	}

	@Test
	void refusesAWrongApiKeyEvenWithAValidSignature() throws Exception {
		String single = item("Signature and bad key", "https://forged.example.org/signature-and-bad-key");
		Map<String, String> headers = signed(SECRET, now(), single);
		headers.put("X-Api-Key", "not-the-key");
		HttpResponse<String> response = post(ITEMS, single, headers);
		assertProblem(response, 401);
		assertThat(JsonPath.<String>read(response.body(), "$.detail"))
			.isEqualTo("The API key in the X-Api-Key header is not valid.");
		assertNothingPublishedFrom("forged.example.org");
	}

	@Test
	void refusesRequestsWithNeitherKeyNorSignature() throws Exception {
		String single = item("Anonymous", "https://forged.example.org/anonymous");
		assertProblem(post(ITEMS, single, Map.of()), 401);
		assertProblem(post(BATCH, batch(single), Map.of()), 401);
		assertNothingPublishedFrom("forged.example.org");
	}

	@Test
	void refusesSignaturesOnOtherEndpoints() throws Exception {
		String body = "{}";
		HttpResponse<String> response = post("/api/v1/sources", body, signed(SECRET, now(), body));
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void pathTricksDoNotGetPastTheApiKey() throws Exception {
		String item = item("Sneaked in", "https://sneaky.example.org/item");
		for (String path : List.of("/api/v1/items;x", "/api/v1/items%3Abatch", "/api/v1/items/;x", "//api/v1/items",
				"/api/v1/../api/v1/items")) {
			HttpResponse<String> response = post(path, path.contains("batch") ? batch(item) : item, Map.of());
			assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(400, 499);
		}
		for (String path : List.of("/api/v1/sources/x;:pause", "/api/v1/sources/x%3Apause")) {
			HttpResponse<String> response = post(path, "", Map.of());
			assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(400, 499);
		}
		for (String path : List.of("//api/v1/sources", "/api/v1/../api/v1/sources", "/api/v1/sources;x",
				"/x/../api/v1/sources")) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
					.timeout(Duration.ofSeconds(30))
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isBetween(400, 499);
			assertThat(response.body()).as("GET %s", path).doesNotContain("\"pollInterval\"");
		}
		assertNothingPublishedFrom("sneaky.example.org");
	}

	private static String item(String title, String url) {
		return item(title, url, "Text of the item.");
	}

	private static String item(String title, String url, String body) {
		return "{\"title\": \"" + title + "\", \"body\": \"" + body + "\", \"url\": \"" + url + "\"}";
	}

	private static String batch(String... items) {
		return "{\"items\": [" + String.join(", ", items) + "]}";
	}

	private static long now() {
		return Instant.now().getEpochSecond();
	}

	private static Map<String, String> apiKey() {
		return Map.of("X-Api-Key", API_KEY);
	}

	/** The signature headers, computed the way the documentation tells senders to. */
	private static Map<String, String> signed(String secret, long timestamp, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] signature = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-PolicyPulse-Timestamp", Long.toString(timestamp));
		headers.put("X-PolicyPulse-Signature", "sha256=" + HexFormat.of().formatHex(signature));
		return headers;
	}

	private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
		return send(path, BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
	}

	/** A body sent in chunks, so that its length is not known before it is read. */
	private static BodyPublisher chunked(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
	}

	private HttpResponse<String> send(String path, BodyPublisher body, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(body);
		headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(status);
	}

	private void assertNothingPublishedFrom(String host) {
		assertThat(allRecords()).noneSatisfy((record) -> assertThat(record.value()).contains(host));
	}

	private double count(String metric, String outcome) {
		Counter counter = this.meterRegistry.find(metric).tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private List<ConsumerRecord<String, String>> recordsWithKey(String key) {
		return allRecords().stream().filter((record) -> key.equals(record.key())).collect(Collectors.toList());
	}

	/**
	 * Every record on the ingested topic so far, read up to the current end of the
	 * partition.
	 */
	private List<ConsumerRecord<String, String>> allRecords() {
		synchronized (records) {
			TopicPartition partition = new TopicPartition(Topics.INGESTED, 0);
			if (consumer == null) {
				Map<String, Object> config = KafkaTestUtils.consumerProps(this.broker, "webhook-test", false);
				config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
				consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
				consumer.assign(List.of(partition));
			}
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return List.copyOf(records);
		}
	}

}
