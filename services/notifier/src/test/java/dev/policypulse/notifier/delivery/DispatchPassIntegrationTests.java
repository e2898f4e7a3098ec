package dev.policypulse.notifier.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
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
 * Dispatch passes against PostgreSQL and SMTP servers, some of which misbehave: one that
 * never answers, none at all, one that refuses every recipient, one that loses its reply.
 * Each test runs passes itself, with no scheduler.
 */
class DispatchPassIntegrationTests {

	private static JdbcClient jdbc;

	private static Outbox outbox;

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final List<Dispatcher> dispatchers = new ArrayList<>();

	@BeforeAll
	static void connect() {
		jdbc = MigratedDatabase.jdbc();
		outbox = new Outbox(jdbc, MigratedDatabase.named());
	}

	@BeforeEach
	void emptyOutbox() {
		jdbc.sql("DELETE FROM outbox").update();
	}

	@AfterEach
	void stopSenders() throws InterruptedException {
		for (Dispatcher dispatcher : this.dispatchers) {
			dispatcher.destroy();
		}
	}

	/**
	 * A server that accepts connections but never greets: every email takes the whole
	 * timeout (1s), so six of them sent one after another would outlast the 3s lease and
	 * another pass would take over the rest while this one still sends them.
	 */
	@Test
	void handsTheRestOfTheBatchBackBeforeTheLeaseRunsOut() throws IOException {
		// connections queue in the backlog and complete, but nobody ever reads or writes
		try (ServerSocket silent = new ServerSocket(0, 50)) {
			for (int i = 0; i < 6; i++) {
				confirmation("slow-" + i + "@example.org");
			}
			DispatchProperties properties = properties(Duration.ofMinutes(1), 10, Duration.ofSeconds(3),
					Duration.ofSeconds(1), 1);

			dispatcher(TestEmailSenders.smtp(silent.getLocalPort(), Duration.ofSeconds(1)), properties,
					smtp(1, 20, Duration.ofMinutes(1)))
				.dispatch();
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
					properties(Duration.ofMillis(1), 2, Duration.ofMinutes(1), Duration.ofSeconds(10), 4),
					smtp(3, 2, Duration.ofMinutes(1)));

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
				properties(Duration.ofMillis(1), 2, Duration.ofMinutes(1), Duration.ofSeconds(10), 4),
				smtp(1, 20, Duration.ofMinutes(1)));

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
					properties(Duration.ofMillis(1), 20, Duration.ofMinutes(1), Duration.ofSeconds(10), 4),
					smtp(3, 2, Duration.ofMinutes(1)))
				.dispatch();
		}

		assertThat(row(id)).isEqualTo("failed/1");
		assertThat(
				jdbc.sql("SELECT last_error FROM outbox WHERE id = :id").param("id", id).query(String.class).single())
			.contains("550");
		assertThat(counter("abandoned")).isEqualTo(1);
		assertThat(counter("failed")).isZero();
	}

	/**
	 * Refused recipients say nothing about the server: however many there are, the
	 * circuit breaker stays closed and every email is tried.
	 */
	@Test
	void keepsTheCircuitClosedWhenTheServerRefusesRecipients() throws IOException {
		for (int i = 0; i < 6; i++) {
			confirmation("refused-" + i + "@example.org");
		}
		try (RejectingSmtpServer smtp = new RejectingSmtpServer()) {
			dispatcher(TestEmailSenders.smtp(smtp.port(), Duration.ofSeconds(10)),
					properties(Duration.ofMillis(1), 20, Duration.ofMinutes(1), Duration.ofSeconds(10), 2),
					smtp(3, 2, Duration.ofMinutes(1)))
				.dispatch();
		}

		assertThat(count("status = 'failed' AND attempts = 1")).isEqualTo(6);
		assertThat(breakerState("closed")).isEqualTo(1);
	}

	/**
	 * While the server is away the breaker opens and passes claim nothing, so emails keep
	 * their attempts; when it is back, one probe email closes the breaker and the others
	 * follow at once, each exactly once.
	 */
	@Test
	void opensTheCircuitDuringAnOutageAndClosesItWhenTheServerIsBack() throws IOException {
		int port = closedPort();
		for (int i = 0; i < 4; i++) {
			confirmation("outage-" + i + "@example.org");
		}
		Dispatcher dispatcher = dispatcher(TestEmailSenders.smtp(port, Duration.ofSeconds(1)),
				properties(Duration.ofMinutes(1), 20, Duration.ofMinutes(1), Duration.ofSeconds(10), 4),
				smtp(2, 2, Duration.ofMillis(500)));

		dispatcher.dispatch();
		assertThat(breakerState("open")).isEqualTo(1);
		long attempts = jdbc.sql("SELECT sum(attempts) FROM outbox").query(Long.class).single();
		assertThat(attempts).isBetween(1L, 4L);
		dispatcher.dispatch();
		assertThat(jdbc.sql("SELECT sum(attempts) FROM outbox").query(Long.class).single())
			.as("nothing tried while the breaker is open")
			.isEqualTo(attempts);

		GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				dispatcher.dispatch();
				return count("status = 'sent'") == 4;
			});
			assertThat(breakerState("closed")).isEqualTo(1);
			assertThat(messageIdCounts(smtp)).hasSize(4).allSatisfy((messageId, copies) -> assertThat(copies).isOne());
			assertThat(counter("abandoned")).isZero();
		}
		finally {
			smtp.stop();
		}
	}

	@Test
	void reusesSmtpConnectionsAcrossTheEmailsOfABacklog() {
		for (int i = 0; i < 120; i++) {
			confirmation("pooled-" + i + "@example.org");
		}
		GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
		try {
			dispatcher(TestEmailSenders.smtp(smtp.getSmtp().getPort(), Duration.ofSeconds(5), this.meterRegistry, 1000),
					properties(Duration.ofMinutes(1), 20, Duration.ofMinutes(1), Duration.ofSeconds(10), 4),
					smtp(3, 5, Duration.ofSeconds(30)))
				.dispatch();

			// one pass drains the backlog, batch after batch
			assertThat(count("status = 'sent'")).isEqualTo(120);
			assertThat(messageIdCounts(smtp)).hasSize(120);
			assertThat(this.meterRegistry.get("policypulse.notifier.smtp.connections.opened").counter().count())
				.isBetween(1.0, 4.0);
			assertThat(this.meterRegistry.get("policypulse.notifier.smtp.connections.open").gauge().value())
				.isBetween(1.0, 4.0);
		}
		finally {
			smtp.stop();
		}
	}

	/**
	 * The server received the email but its reply was lost: the sender cannot tell it
	 * from a failure, so it does not send again within the pass but leaves the email to a
	 * later one, and the receiver gets the same {@code Message-ID} twice, which lets it
	 * drop the copy.
	 */
	@Test
	void sendsAgainUnderTheSameMessageIdOnALaterPassWhenTheServersReplyIsLost() throws IOException {
		long id = confirmation("lost-reply@example.org");
		try (LossySmtpServer smtp = new LossySmtpServer()) {
			Dispatcher dispatcher = dispatcher(TestEmailSenders.smtp(smtp.port(), Duration.ofSeconds(5)),
					properties(Duration.ofMillis(1), 20, Duration.ofMinutes(1), Duration.ofSeconds(10), 1),
					smtp(3, 5, Duration.ofSeconds(30)));
			String messageId = jdbc.sql("SELECT message_id FROM outbox WHERE id = :id")
				.param("id", id)
				.query(String.class)
				.single();

			dispatcher.dispatch();

			assertThat(row(id)).isEqualTo("pending/1");
			assertThat(smtp.messageIds()).containsExactly(messageId);

			awaitDue();
			dispatcher.dispatch();

			assertThat(row(id)).isEqualTo("sent/1");
			assertThat(smtp.messageIds()).containsExactly(messageId, messageId);
		}
	}

	/**
	 * An instance told to stop finishes the emails it is sending and hands the rest of
	 * its batch back; the instance that takes over sends each of those once, and none of
	 * the others again.
	 */
	@Test
	void aStopMidBatchHandsTheRestBackAndTheNextInstanceSendsEachEmailOnce() {
		for (int i = 0; i < 200; i++) {
			confirmation("restart-" + i + "@example.org");
		}
		GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
		try {
			int port = smtp.getSmtp().getPort();
			DispatchProperties properties = new DispatchProperties(null, 200, Duration.ofMinutes(1),
					Duration.ofMinutes(1), 20, Duration.ofMinutes(1), Duration.ofSeconds(10), null, 2);
			// 50 emails a second: the batch takes four seconds
			Dispatcher first = dispatcher(TestEmailSenders.smtp(port, Duration.ofSeconds(5)), properties,
					new SmtpResilienceProperties(50, null, null));
			CompletableFuture<Void> pass = CompletableFuture.runAsync(first::dispatch);
			await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= 20);
			first.stop();
			pass.join();

			assertThat(count("status = 'sent'")).isLessThan(200);
			assertThat(count("status = 'pending' AND claim_token IS NULL")).isEqualTo(200 - count("status = 'sent'"));
			Dispatcher next = dispatcher(TestEmailSenders.smtp(port, Duration.ofSeconds(5)), properties,
					new SmtpResilienceProperties(null, null, null));
			next.dispatch();

			assertThat(count("status = 'sent'")).isEqualTo(200);
			assertThat(messageIdCounts(smtp)).hasSize(200)
				.allSatisfy((messageId, copies) -> assertThat(copies).isOne());
		}
		finally {
			smtp.stop();
		}
	}

	private Dispatcher dispatcher(EmailSender sender, DispatchProperties properties, SmtpResilienceProperties smtp) {
		Dispatcher dispatcher = new Dispatcher(outbox, MigratedDatabase.fanout(outbox),
				MigratedDatabase.rendering(outbox), new ResilientSmtp(sender, smtp, this.meterRegistry), properties,
				Clock.systemUTC(), this.meterRegistry);
		this.dispatchers.add(dispatcher);
		return dispatcher;
	}

	private static DispatchProperties properties(Duration backOff, int maxAttempts, Duration lease,
			Duration leaseMargin, int parallelism) {
		return new DispatchProperties(null, null, backOff, backOff, maxAttempts, lease, leaseMargin, null, parallelism);
	}

	private static SmtpResilienceProperties smtp(int attempts, int minimumCalls, Duration openDuration) {
		return new SmtpResilienceProperties(null,
				new SmtpResilienceProperties.CircuitBreaker(null, 20, minimumCalls, openDuration),
				new SmtpResilienceProperties.Retry(attempts, Duration.ofMillis(20)));
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

	/** 1 while the SMTP circuit breaker is in {@code state}, else 0. */
	private double breakerState(String state) {
		return this.meterRegistry.get("resilience4j.circuitbreaker.state")
			.tag("name", ResilientSmtp.NAME)
			.tag("state", state)
			.gauge()
			.value();
	}

	/** How often the server received each {@code Message-ID}. */
	private static Map<String, Long> messageIdCounts(GreenMail smtp) {
		return Arrays.stream(smtp.getReceivedMessages())
			.map(DispatchPassIntegrationTests::messageId)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
