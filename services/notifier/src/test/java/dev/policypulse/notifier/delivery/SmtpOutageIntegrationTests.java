package dev.policypulse.notifier.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

import dev.policypulse.notifier.NotifierApplication;
import dev.policypulse.notifier.email.RenderedEmail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An SMTP server that is down delays email but does not lose it. Runs on the notifier's own
 * embedded PostgreSQL (no {@code spring.datasource.url}) and without Kafka.
 */
@SpringBootTest(classes = NotifierApplication.class,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
				"policypulse.notifier.dispatch.interval=100ms", "policypulse.notifier.dispatch.initial-back-off=200ms",
				"policypulse.notifier.dispatch.max-back-off=400ms" })
@DirtiesContext
class SmtpOutageIntegrationTests {

	private static final int SMTP_PORT = freePort();

	@Autowired
	private Outbox outbox;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@Test
	void retriesUntilTheSmtpServerIsBack() {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, status, created_at)
				VALUES (:id, 'patient@example.org', ARRAY['PK'], ARRAY[]::text[], 'immediate', 'pending', :now)
				""").param("id", id).param("now", now.atOffset(ZoneOffset.UTC)).update();
		this.outbox.enqueueConfirmation(id, "patient@example.org",
				new RenderedEmail("[PolicyPulse] Confirm your subscription", "text", "<p>html</p>"), now);

		await().atMost(Duration.ofSeconds(15)).until(() -> attempts(id) >= 2);
		assertThat(this.jdbc.sql("SELECT status FROM outbox WHERE subscription_id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("pending");

		GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length == 1);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.jdbc.sql("SELECT status FROM outbox WHERE subscription_id = :id")
					.param("id", id)
					.query(String.class)
					.single()
					.equals("sent"));
		}
		finally {
			smtp.stop();
		}
	}

	private int attempts(UUID id) {
		return this.jdbc.sql("SELECT attempts FROM outbox WHERE subscription_id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
