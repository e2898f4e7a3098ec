package dev.policypulse.notifier;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

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
	void startsItsOwnPostgresAndKeepsDataInTheDataDirectory(@TempDir Path dataDirectory) {
		UUID id = UUID.randomUUID();
		try (ConfigurableApplicationContext context = start(dataDirectory)) {
			assertThat(context.getBean(EmbeddedPostgres.class)).isNotNull();
			assertThat(context.getBean(DataSource.class)).isNotNull();
			context.getBean(JdbcClient.class).sql("""
					INSERT INTO subscription (id, email, jurisdictions, topics, delivery, status, created_at)
					VALUES (:id, 'keeper@example.org', ARRAY['PK'], ARRAY[]::text[], 'immediate', 'confirmed', :now)
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
				"--policypulse.notifier.embedded-postgres.data-directory=" + dataDirectory,
				"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
				"--policypulse.notifier.dispatch.interval=1h");
	}

}
