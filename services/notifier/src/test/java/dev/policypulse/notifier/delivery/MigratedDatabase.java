package dev.policypulse.notifier.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.notifier.email.TestAlertEmails;
import dev.policypulse.notifier.subscription.TestSubscriptionLinks;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One embedded PostgreSQL with the notifier's migrations applied, shared by the outbox
 * tests that need no Spring context, started on first use and stopped with the JVM.
 */
final class MigratedDatabase {

	private static EmbeddedPostgres postgres;

	private static JdbcClient jdbc;

	private static NamedParameterJdbcTemplate named;

	private static TransactionTemplate transactions;

	private MigratedDatabase() {
	}

	static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
			// pooled, as in the service: a new connection per statement would dwarf the
			// statements themselves
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
			pool.setMaximumPoolSize(10);
			jdbc = JdbcClient.create(pool);
			named = new NamedParameterJdbcTemplate(pool);
			transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
			EmbeddedPostgres started = postgres;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ex) {
					// the JVM is going away anyway
				}
			}));
		}
		return postgres;
	}

	static synchronized JdbcClient jdbc() {
		postgres();
		return jdbc;
	}

	static synchronized NamedParameterJdbcTemplate named() {
		postgres();
		return named;
	}

	/**
	 * Expansion of items into alerts as in the service, over this database.
	 */
	static synchronized AlertFanout fanout(Outbox outbox) {
		postgres();
		return new AlertFanout(outbox, JsonMapper.builder().build(), transactions, TestSubscriptionLinks.create(),
				Clock.systemUTC(), new SimpleMeterRegistry());
	}

	/**
	 * Alert rendering as in the service: real templates and links, over this database.
	 */
	static synchronized AlertRendering rendering(Outbox outbox) {
		postgres();
		return new AlertRendering(outbox, TestAlertEmails.create(), TestSubscriptionLinks.create(),
				JsonMapper.builder().build(), transactions, Clock.systemUTC());
	}

}
