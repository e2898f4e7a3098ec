package dev.policypulse.notifier;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code spring.datasource.url} the notifier runs its own PostgreSQL server, and
 * with a data directory what it stored survives a restart.
 */
class EmbeddedPostgresDefaultIntegrationTests {

	@Test
	void startsItsOwnPostgresAndKeepsDataInTheDataDirectory(@TempDir Path dataDirectory) throws IOException {
		UUID id = UUID.randomUUID();
		try (ConfigurableApplicationContext context = start(dataDirectory)) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			// the application's connections go to the server it started, which keeps its
			// files in the configured directory
			assertThat(jdbc.sql("SELECT inet_server_port()").query(Integer.class).single())
				.isEqualTo(context.getBean(EmbeddedPostgres.class).getPort());
			assertThat(Path.of(jdbc.sql("SHOW data_directory").query(String.class).single()).toRealPath())
				.isEqualTo(dataDirectory.toRealPath());
			jdbc.sql("""
					INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at)
					VALUES (:id, 'keeper@example.org', ARRAY['PK'], ARRAY[]::text[], 'immediate', 'immediate|PK|',
					    'confirmed', :now)
					""").param("id", id).param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
		}
		// the first server must be gone, or PostgreSQL would refuse to open the same
		// directory
		try (ConfigurableApplicationContext context = start(dataDirectory)) {
			assertThat(context.getBean(JdbcClient.class)
				.sql("SELECT email FROM subscription WHERE id = :id")
				.param("id", id)
				.query(String.class)
				.single()).isEqualTo("keeper@example.org");
		}
	}

	private static ConfigurableApplicationContext start(Path dataDirectory) {
		return new SpringApplicationBuilder(NotifierApplication.class).run("--server.port=0",
				"--policypulse.embedded-postgres.data-directory=" + dataDirectory,
				"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
				"--policypulse.notifier.dispatch.interval=1h");
	}

}
