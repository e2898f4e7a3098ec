package dev.policypulse.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.email.TestAlertEmails;
import dev.policypulse.notifier.email.TestEmailSenders;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures how many alerts a dispatcher hands to a real SMTP server (GreenMail) per
 * second: rendering each alert from its stored item and rules, claiming from PostgreSQL,
 * building the MIME message, the SMTP conversation and recording the outcome (with its
 * dispatch event), with the rate limiter out of the way. Prints its figures and asserts
 * only that every alert went out once. Not part of the build (the name matches no test
 * pattern); run it with <pre>
 * ./mvnw -B -pl services/notifier -am test -Dtest=DispatchThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre> adding {@code -Dbenchmark.alerts=5000} for another number of alerts per run.
 */
class DispatchThroughputBenchmark {

	private static final int ALERTS = Integer.getInteger("benchmark.alerts", 2000);

	@Test
	void alertsPerSecondHandedToTheSmtpServer() throws InterruptedException {
		JdbcClient jdbc = MigratedDatabase.jdbc();
		Outbox outbox = new Outbox(jdbc, MigratedDatabase.named());
		System.out.printf(Locale.ROOT, "%n%-44s %7s %9s %11s %12s%n", "configuration", "alerts", "seconds", "alerts/s",
				"connections");
		// warm-up: JIT, connection pool of the database, GreenMail
		run(jdbc, outbox, "warm-up (discarded)", 4, 100, 500, false);
		run(jdbc, outbox, "1 sender, reused connection", 1, 100, ALERTS, false);
		run(jdbc, outbox, "4 senders, a new connection per alert", 4, 1, ALERTS, false);
		run(jdbc, outbox, "4 senders, reused connections (default)", 4, 100, ALERTS, false);
		run(jdbc, outbox, "4 senders, every alert worded differently", 4, 100, ALERTS, true);
		run(jdbc, outbox, "8 senders, reused connections", 8, 100, ALERTS, false);
	}

	private void run(JdbcClient jdbc, Outbox outbox, String configuration, int parallelism, int messagesPerConnection,
			int alerts, boolean wordedDifferently) throws InterruptedException {
		jdbc.sql("DELETE FROM outbox").update();
		enqueue(jdbc, outbox, alerts, wordedDifferently);
		GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
		MeterRegistry meterRegistry = new SimpleMeterRegistry();
		DispatchProperties properties = new DispatchProperties(null, null, null, null, null, null, null, null,
				parallelism);
		Dispatcher dispatcher = new Dispatcher(outbox, MigratedDatabase.fanout(outbox),
				MigratedDatabase.rendering(outbox),
				new ResilientSmtp(
						TestEmailSenders.smtp(smtp.getSmtp().getPort(), Duration.ofSeconds(5), meterRegistry,
								messagesPerConnection),
						new SmtpResilienceProperties(100_000, null, null), meterRegistry),
				properties, Clock.systemUTC(), meterRegistry);
		try {
			long start = System.nanoTime();
			while (smtp.getReceivedMessages().length < alerts && System.nanoTime() - start < 300_000_000_000L) {
				dispatcher.dispatch();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			assertThat(smtp.getReceivedMessages()).hasSize(alerts);
			assertThat(
					jdbc.sql("SELECT count(*) FROM dispatch_event WHERE outcome = 'sent'").query(Long.class).single())
				.isEqualTo(alerts);
			System.out.printf(Locale.ROOT, "%-44s %7d %9.2f %11.0f %12.0f%n", configuration, alerts, seconds,
					alerts / seconds,
					meterRegistry.get("policypulse.notifier.smtp.connections.opened").counter().count());
		}
		finally {
			dispatcher.destroy();
			smtp.stop();
		}
	}

	/**
	 * One confirmed subscriber per alert, all about the same story, written as the
	 * service writes them: not rendered yet, so each pass renders what it sends. The
	 * subscribers follow the same rules, so that their alerts differ only in their links,
	 * unless {@code wordedDifferently}: then each has a keyword of its own, which the
	 * alert names, so that a pass renders the templates once per alert (the worst case).
	 */
	private static void enqueue(JdbcClient jdbc, Outbox outbox, int alerts, boolean wordedDifferently) {
		String story = "story-" + UUID.randomUUID();
		String item = "item-" + UUID.randomUUID();
		Instant now = Instant.now().minusSeconds(1);
		JsonMapper json = JsonMapper.builder().build();
		MatchedRules shared = TestAlertEmails.followsPakistan();
		outbox.storeAlertItem(item, "rules-2026.05", json.writeValueAsString(TestAlertEmails.item()), now);
		for (int i = 0; i < alerts; i++) {
			UUID subscription = UUID.randomUUID();
			MatchedRules own = new MatchedRules(shared.followedJurisdictions(), shared.followedTopics(),
					shared.jurisdictions(), shared.topics(), List.of("keyword" + i), shared.minSeverity(),
					shared.policyMovesOnly());
			String rules = json.writeValueAsString(wordedDifferently ? own : shared);
			String email = "reader-" + i + "-" + subscription + "@example.org";
			jdbc.sql("""
					INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at)
					VALUES (:id, :email, ARRAY['PK'], ARRAY[]::text[], 'immediate', 'immediate|PK|', 'confirmed', now())
					""").param("id", subscription).param("email", email).update();
			outbox.enqueueAlerts(List
				.of(new Outbox.Alert(subscription, email, story, item, "rules-2026.05", "jurisdictions=PK<-PK:actor",
						null, rules, "https://alerts.example.org/api/v1/subscriptions/unsubscribe?token=t", now, now)));
		}
	}

}
