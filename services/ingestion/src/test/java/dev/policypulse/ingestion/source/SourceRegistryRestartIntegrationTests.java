package dev.policypulse.ingestion.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.IngestionApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Stops the service and starts it again, with changed configuration, against the same
 * PostgreSQL server: sources created through the API survive, configuration stays
 * authoritative for its own sources, and the shipped list comes and goes with its
 * setting. The requests go to the real HTTP server.
 */
class SourceRegistryRestartIntegrationTests {

	private static final String API_KEY = "restart-key";

	private static EmbeddedPostgres postgres;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@Test
	void keepsApiSourcesAndFollowsConfigurationAcrossRestarts() throws Exception {
		try (ConfigurableApplicationContext first = start(
				List.of(source(0, "kept-config", "https://kept.example/v1.rss"),
						source(1, "dropped-config", "https://dropped.example/rss")),
				false)) {
			assertThat(post(first, "", "{\"id\": \"api-made\", \"url\": \"https://api-made.example/rss\"}"))
				.isEqualTo(201);
			assertThat(post(first, "", "{\"id\": \"claimed\", \"url\": \"https://claimed.example/api.rss\"}"))
				.isEqualTo(201);
			assertThat(post(first, "/kept-config:pause", "")).isEqualTo(200);
			assertThat(registry(first).find("kept-config")).map((found) -> found.source().paused()).contains(true);
		}

		List<PublicSourceList.Entry> listed = PublicSourceList.load();
		String listedId = listed.get(0).id();
		try (ConfigurableApplicationContext second = start(
				List.of(source(0, "kept-config", "https://kept.example/v2.rss"),
						source(1, "added-config", "https://added.example/rss"),
						source(2, "claimed", "https://claimed.example/config.rss")),
				true)) {
			SourceRegistry registry = registry(second);
			assertThat(registry.find("api-made")).map(RegisteredSource::origin).contains(Origin.API);
			assertThat(registry.find("dropped-config")).isEmpty();
			RegisteredSource kept = registry.find("kept-config").orElseThrow();
			assertThat(kept.source().url()).hasToString("https://kept.example/v2.rss");
			// Configuration still says paused: false, as before: the pause through the
			// API stands.
			assertThat(kept.source().paused()).isTrue();
			assertThat(registry.find("added-config")).map(RegisteredSource::origin).contains(Origin.CONFIG);
			RegisteredSource claimed = registry.find("claimed").orElseThrow();
			assertThat(claimed.origin()).isEqualTo(Origin.CONFIG);
			assertThat(claimed.source().url()).hasToString("https://claimed.example/config.rss");
			assertThat(registry.find(listedId)).map(RegisteredSource::origin).contains(Origin.CATALOGUE);
			assertThat(registry.list(0, 500).total()).isEqualTo(4 + listed.size());
			assertThat(post(second, "/kept-config:resume", "")).isEqualTo(200);
			assertThat(post(second, "/" + listedId + ":pause", "")).isEqualTo(200);
		}

		try (ConfigurableApplicationContext third = start(List.<String[]>of(source(0, "kept-config",
				"https://kept.example/v2.rss", "--policypulse.ingestion.sources[0].paused=true")), false)) {
			SourceRegistry registry = registry(third);
			// Configuration changed its paused value: it wins over the resume through
			// the API.
			assertThat(registry.find("kept-config")).map((found) -> found.source().paused()).contains(true);
			assertThat(registry.find(listedId)).isEmpty();
			assertThat(registry.find("added-config")).isEmpty();
			assertThat(registry.find("claimed")).isEmpty();
			assertThat(registry.find("api-made")).map(RegisteredSource::origin).contains(Origin.API);
			assertThat(registry.list(0, 500).sources()).extracting((found) -> found.source().id())
				.containsExactly("api-made", "kept-config");
			assertThat(registry.activeSources()).extracting(Source::id).containsExactly("api-made");
		}
	}

	@Test
	void refusesToStartWithTheRetiredFeedList() {
		assertThatException()
			.isThrownBy(() -> start(List.<String[]>of(new String[] { "--policypulse.ingestion.feeds[0].id=old-style",
					"--policypulse.ingestion.feeds[0].url=https://old-style.example/rss" }), false))
			.havingRootCause()
			.withMessageContaining("policypulse.ingestion.feeds is no longer read")
			.withMessageContaining("policypulse.ingestion.sources");
	}

	private static String[] source(int index, String id, String url, String... more) {
		List<String> args = new ArrayList<>(List.of("--policypulse.ingestion.sources[" + index + "].id=" + id,
				"--policypulse.ingestion.sources[" + index + "].url=" + url));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	private static ConfigurableApplicationContext start(List<String[]> sources, boolean publicSources) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--policypulse.api.key=" + API_KEY,
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--policypulse.ingestion.publishing.seed-timeout=0", "--spring.kafka.admin.auto-create=false",
				"--spring.kafka.bootstrap-servers=127.0.0.1:9",
				"--policypulse.ingestion.public-sources.enabled=" + publicSources));
		sources.forEach((source) -> args.addAll(List.of(source)));
		return new SpringApplicationBuilder(IngestionApplication.class).run(args.toArray(String[]::new));
	}

	private static SourceRegistry registry(ConfigurableApplicationContext context) {
		return context.getBean(SourceRegistry.class);
	}

	private int post(ConfigurableApplicationContext context, String path, String json) throws Exception {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + SourceController.PATH + path))
			.timeout(Duration.ofSeconds(30))
			.header("X-Api-Key", API_KEY)
			.header("Content-Type", "application/json")
			.POST(Optional.of(json)
				.filter((body) -> !body.isEmpty())
				.map(HttpRequest.BodyPublishers::ofString)
				.orElseGet(HttpRequest.BodyPublishers::noBody))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
