package dev.policypulse.ingestion.item;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch pushed while the broker is gone: what could not be handed over is reported
 * {@code failed}, and none of it is remembered as published. The broker is stopped for
 * good, so this class has a context of its own, closed after it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"policypulse.kafka.topics.partitions=1", "policypulse.api.key=outage-test-key",
				// one item at a time, so which items are attempted is certain
				"policypulse.ingestion.webhook.batch-concurrency=1",
				// the producer gives a record up after 3 s, before the publisher's own
				// timeout
				"policypulse.ingestion.publishing.send-timeout=10s",
				"spring.kafka.producer.properties.delivery.timeout.ms=3000",
				"spring.kafka.producer.properties.request.timeout.ms=2000",
				"spring.kafka.producer.properties.max.block.ms=2000" })
@EmbeddedKafka(partitions = 1)
@DirtiesContext
class ItemBatchBrokerOutageIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Test
	void reportsItemsNotHandedToTheBrokerAsFailedAndDoesNotRememberThem() throws Exception {
		String known = item("Known before the outage", "https://outage.example.org/known");
		HttpResponse<String> before = post("/api/v1/items:batch", "{\"items\": [" + known + "]}");
		assertThat(before.statusCode()).isEqualTo(200);
		String knownId = JsonPath.read(before.body(), "$.results[0].id");

		this.broker.destroy();

		String lost = item("Sent during the outage", "https://outage.example.org/lost");
		HttpResponse<String> during = post("/api/v1/items:batch",
				"{\"items\": [" + known + ", " + lost + ", {\"title\": \"\"}, "
						+ item("Not attempted", "https://outage.example.org/skipped-1") + ", "
						+ item("Not attempted either", "https://outage.example.org/skipped-2") + "]}");

		assertThat(during.statusCode()).isEqualTo(503);
		assertThat(during.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		String json = during.body();
		assertThat(JsonPath.<List<String>>read(json, "$.results[*].status")).containsExactly("duplicate", "failed",
				"invalid", "failed", "failed");
		assertThat(JsonPath.<String>read(json, "$.results[0].id")).isEqualTo(knownId);
		assertThat(JsonPath.<String>read(json, "$.results[1].id")).matches("[0-9a-f]{32}");
		assertThat(JsonPath.<Integer>read(json, "$.results[1].problem.status")).isEqualTo(503);
		assertThat(JsonPath.<String>read(json, "$.results[3].problem.detail")).startsWith(
				"The item was not attempted because the broker did not acknowledge an earlier item of this batch");
		assertThat(JsonPath.<Map<String, Integer>>read(json, "$.totals")).containsExactlyInAnyOrderEntriesOf(
				Map.of("received", 5, "accepted", 0, "duplicate", 1, "invalid", 1, "failed", 3));
		assertThat(JsonPath.<String>read(json, "$.detail"))
			.startsWith("3 of 5 items could not be handed to the broker");

		// Not remembered as published: sent again, it is attempted again instead of being
		// called a duplicate.
		HttpResponse<String> again = post("/api/v1/items", lost);
		assertThat(again.statusCode()).isEqualTo(503);
		assertThat(JsonPath.<String>read(again.body(), "$.title")).isEqualTo("Item not accepted yet");
	}

	private static String item(String title, String url) {
		return "{\"title\": \"" + title + "\", \"body\": \"Text.\", \"url\": \"" + url + "\"}";
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", "outage-test-key")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
