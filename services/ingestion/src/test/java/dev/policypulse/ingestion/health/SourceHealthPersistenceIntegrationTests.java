package dev.policypulse.ingestion.health;

import dev.policypulse.ingestion.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Source health written to a real PostgreSQL, migrated by the service's own migrations,
 * and read back by a new tracker as after a restart.
 */
class SourceHealthPersistenceIntegrationTests {

	private static final Instant START = Instant.parse("2025-06-02T08:00:00Z");

	private static EmbeddedPostgres postgres;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void startDatabase() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
		Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
		jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
	}

	@AfterAll
	static void stopDatabase() throws IOException {
		postgres.close();
	}

	@Test
	void keepsHealthAndHistoryAcrossARestart() {
		MutableClock clock = new MutableClock(START);
		SourceHealthTracker first = tracker(clock);
		first.start();
		List<Instant> daily = new ArrayList<>();
		for (int i = 5; i >= 1; i--) {
			daily.add(START.minus(Duration.ofDays(i)));
		}
		first.recordSuccess("daily", daily);
		first.recordFailure("broken", "XML DOCTYPE refused");
		first.recordFailure("broken", "HTTP 503");
		first.stop();

		SourceHealthTracker second = tracker(clock);
		second.start();
		try {
			SourceHealth broken = second.health("broken").orElseThrow();
			assertThat(broken.status()).isEqualTo("failing");
			assertThat(broken.consecutiveFailures()).isEqualTo(2);
			assertThat(broken.lastErrorMessage()).isEqualTo("HTTP 503");
			assertThat(broken.lastError()).isEqualTo(START);
			SourceHealth restored = second.health("daily").orElseThrow();
			assertThat(restored.lastSuccess()).isEqualTo(START);
			assertThat(restored.lastNewItem()).isEqualTo(START);
			assertThat(restored.itemsPerDay()).isEqualTo(first.health("daily").orElseThrow().itemsPerDay());
			// The usual gap is known at once: silence is judged without relearning it.
			clock.advance(Duration.ofDays(4).plusHours(1));
			assertThat(second.health("daily").orElseThrow().status()).isEqualTo("silent");
		}
		finally {
			second.stop();
		}
	}

	@Test
	void writesChangesPeriodicallyAndOnlyWhatChanged() {
		MutableClock clock = new MutableClock(START);
		SourceHealthTracker tracker = tracker(clock);
		tracker.recordSuccess("periodic", List.of(START));
		tracker.flush();
		assertThat(count("periodic")).isOne();
		jdbc.update("update source_health set last_error_message = 'marker' where source_id = 'periodic'");
		tracker.flush();
		assertThat(jdbc.queryForObject("select last_error_message from source_health where source_id = 'periodic'",
				String.class))
			.as("unchanged health is not written again")
			.isEqualTo("marker");
		tracker.recordFailure("periodic", "HTTP 500");
		tracker.flush();
		assertThat(jdbc.queryForObject("select last_error_message from source_health where source_id = 'periodic'",
				String.class))
			.isEqualTo("HTTP 500");
	}

	private static SourceHealthTracker tracker(MutableClock clock) {
		return new SourceHealthTracker(new HealthProperties(null, null, null, Duration.ofMinutes(10)),
				new SimpleMeterRegistry(), new JdbcSourceHealthStore(jdbc), clock);
	}

	private static int count(String sourceId) {
		return jdbc.queryForObject("select count(*) from source_health where source_id = ?", Integer.class, sourceId);
	}

}
