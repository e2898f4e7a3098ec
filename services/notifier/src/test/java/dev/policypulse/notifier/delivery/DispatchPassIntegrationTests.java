package dev.policypulse.notifier.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.policypulse.notifier.email.EmailSender;
import dev.policypulse.notifier.email.RenderedEmail;
import dev.policypulse.notifier.email.TestEmailSenders;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dispatch passes against PostgreSQL and SMTP servers that misbehave: one that never
 * answers, none at all, one that refuses every recipient. Each test runs passes itself,
 * with no scheduler.
 */
class DispatchPassIntegrationTests {

	private static JdbcClient jdbc;

	private static Outbox outbox;

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	@BeforeAll
	static void connect() {
		jdbc = MigratedDatabase.jdbc();
		outbox = new Outbox(jdbc);
	}

	@BeforeEach
	void emptyOutbox() {
		jdbc.sql("DELETE FROM outbox").update();
	}

	/**
	 * A server that accepts connections but never greets: every email takes the whole
	 * timeout (1s), so six of them would outlast the 3s lease and another pass would take
	 * over the rest while this one still sends them.
	 */
	@Test
	void handsTheRestOfTheBatchBackBeforeTheLeaseRunsOut() throws IOException {
		// connections queue in the backlog and complete, but nobody ever reads or writes
		try (ServerSocket silent = new ServerSocket(0, 50)) {
			for (int i = 0; i < 6; i++) {
				confirmation("slow-" + i + "@example.org");
			}
			DispatchProperties properties = properties(Duration.ofMinutes(1), 10, Duration.ofSeconds(3),
					Duration.ofSeconds(1));

			dispatcher(TestEmailSenders.smtp(silent.getLocalPort(), Duration.ofSeconds(1)), properties).dispatch();
		}

		long attempted = count("attempts = 1");
		assertThat(attempted).isLessThan(6);
		// the others were handed back untouched, free for the next pass at once
		assertThat(count("attempts = 0 AND claimed_until IS NULL AND claim_token IS NULL AND status = 'pending'"))
			.isEqualTo(6 - attempted);
		// the attempted ones wait out their back-off
		assertThat(outbox.claimDue(Instant.now(), Instant.now().plusSeconds(60), 10)).hasSize((int) (6 - attempted));
	}

	@Test
	void givesUpAnEmailTheServerKeepsDeferringAfterTheLastAttemptAllowed() throws IOException {
		long id = confirmation("deferred@example.org");
		try (RejectingSmtpServer smtp = RejectingSmtpServer.temporarily()) {
			Dispatcher dispatcher = dispatcher(TestEmailSenders.smtp(smtp.port(), Duration.ofSeconds(10)),
					properties(Duration.ofMillis(1), 2, Duration.ofMinutes(1), Duration.ofSeconds(10)));

			dispatcher.dispatch();
			assertThat(row(id)).isEqualTo("pending/1");
			// due again after the 1ms back-off
			awaitDue();
			dispatcher.dispatch();
		}

		assertThat(row(id)).isEqualTo("failed/2");
		assertThat(counter("failed")).isEqualTo(1);
		assertThat(counter("abandoned")).isEqualTo(1);
		awaitDue();
		assertThat(outbox.claimDue(Instant.now(), Instant.now().plusSeconds(60), 10)).isEmpty();
	}

	@Test
	void waitsThroughAnOutageHoweverManyAttemptsItTakes() throws IOException {
		long id = confirmation("unreachable@example.org");
		Dispatcher dispatcher = dispatcher(TestEmailSenders.smtp(closedPort(), Duration.ofSeconds(1)),
				properties(Duration.ofMillis(1), 2, Duration.ofMinutes(1), Duration.ofSeconds(10)));

		for (int attempt = 1; attempt <= 3; attempt++) {
			dispatcher.dispatch();
			assertThat(row(id)).isEqualTo("pending/" + attempt);
			awaitDue();
		}
		assertThat(counter("abandoned")).isZero();
	}

	@Test
	void givesUpAtOnceWhenTheServerRefusesTheRecipient() throws IOException {
		long id = confirmation("nobody@example.org");
		try (RejectingSmtpServer smtp = new RejectingSmtpServer()) {
			dispatcher(TestEmailSenders.smtp(smtp.port(), Duration.ofSeconds(10)),
					properties(Duration.ofMillis(1), 20, Duration.ofMinutes(1), Duration.ofSeconds(10)))
				.dispatch();
		}

		assertThat(row(id)).isEqualTo("failed/1");
		assertThat(
				jdbc.sql("SELECT last_error FROM outbox WHERE id = :id").param("id", id).query(String.class).single())
			.contains("550");
		assertThat(counter("abandoned")).isEqualTo(1);
		assertThat(counter("failed")).isZero();
	}

	private Dispatcher dispatcher(EmailSender sender, DispatchProperties properties) {
		return new Dispatcher(outbox, sender, properties, Clock.systemUTC(), this.meterRegistry);
	}

	private static DispatchProperties properties(Duration backOff, int maxAttempts, Duration lease,
			Duration leaseMargin) {
		return new DispatchProperties(null, null, backOff, backOff, maxAttempts, lease, leaseMargin, null);
	}

	private static long confirmation(String email) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at)
				VALUES (:id, :email, ARRAY['PK'], ARRAY[]::text[], 'immediate', 'immediate|PK|', 'pending', now())
				""").param("id", id).param("email", email).update();
		outbox.enqueueConfirmation(id, email, new RenderedEmail("Confirm", "text", "<p>html</p>"),
				Instant.now().minusSeconds(1));
		return jdbc.sql("SELECT id FROM outbox WHERE subscription_id = :id").param("id", id).query(Long.class).single();
	}

	private static long count(String condition) {
		return jdbc.sql("SELECT count(*) FROM outbox WHERE " + condition).query(Long.class).single();
	}

	private static String row(long id) {
		return jdbc.sql("SELECT status || '/' || attempts FROM outbox WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	/** Waits until the database's clock has passed every back-off (1ms). */
	private static void awaitDue() {
		await().atMost(Duration.ofSeconds(5)).until(() -> count("status = 'pending' AND next_attempt_at > now()") == 0);
	}

	private double counter(String outcome) {
		Counter counter = this.meterRegistry.find("policypulse.notifier.emails")
			.tag("kind", "confirmation")
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
