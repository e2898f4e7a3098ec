package dev.policypulse.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API-key guard behind a real Tomcat, which routes on the decoded, normalised path:
 * spellings of a guarded path that the container still routes to it must not get past the
 * guard.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "policypulse.api.key=http-test-key")
class ApiKeyGuardHttpTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/things", "/api;x=1/v1/things", "/%61pi/v1/things", "/api/v1;/things",
			"/api/v1/x/../things", "//api/v1/things" })
	void everySpellingOfAGuardedPathNeedsTheKey(String path) throws Exception {
		HttpResponse<String> response = post(path, null);
		assertThat(response.statusCode()).as(path).isIn(401, 400, 404);
		assertThat(response.body()).doesNotContain("done");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/things", "/api;x=1/v1/things", "/%61pi/v1/things" })
	void theKeyOpensEverySpelling(String path) throws Exception {
		HttpResponse<String> response = post(path, "http-test-key");
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(response.body()).isEqualTo("done");
	}

	private HttpResponse<String> post(String path, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (key != null) {
			request.header("X-Api-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(exclude = { KafkaAutoConfiguration.class, KafkaSupportAutoConfiguration.class })
	static class GuardedApp {

		@RestController
		static class Things {

			@PostMapping("/api/v1/things")
			String things() {
				return "done";
			}

		}

	}

}
