package dev.policypulse.notifier.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import dev.policypulse.notifier.NotifierApplication;
import dev.policypulse.notifier.ReceivedMail;
import dev.policypulse.notifier.email.RenderedEmail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher against a real SMTP server that comes and goes. Runs on the notifier's
 * own embedded PostgreSQL (no {@code spring.datasource.url}) and without Kafka.
 */
@SpringBootTest(classes = NotifierApplication.class,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
				"policypulse.notifier.dispatch.interval=100ms", "policypulse.notifier.dispatch.initial-back-off=200ms",
				"policypulse.notifier.dispatch.max-back-off=400ms", "policypulse.notifier.dispatch.lease=2s",
				"policypulse.notifier.dispatch.lease-margin=1s",
				"policypulse.notifier.dispatch.smtp.circuit-breaker.open-duration=500ms",
				"policypulse.notifier.dispatch.smtp.retry.back-off=50ms" })
@DirtiesContext
class DispatcherIntegrationTests {

	private static final int SMTP_PORT = freePort();

	@Autowired
	private Outbox outbox;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@Test
	void retriesUntilTheSmtpServerIsBack() {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at)
				VALUES (:id, 'patient@example.org', ARRAY['PK'], ARRAY[]::text[], 'immediate', 'immediate|PK|',
				    'pending', :now)
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

	/**
	 * A pass that dies after the SMTP server accepted some of its emails must not take
	 * their sent marks with it. The death is played by a trigger that makes recording the
	 * second email fail.
	 */
	@Test
	void keepsEarlierEmailsMarkedSentWhenThePassDiesHalfway() {
		String first = "first-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String second = "second-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		this.jdbc.sql("""
				CREATE FUNCTION fail_to_mark_sent() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF NEW.status = 'sent' AND NEW.recipient = '%s' THEN
				        RAISE EXCEPTION 'the dispatcher died here';
				    END IF;
				    RETURN NEW;
				END $$
				""".formatted(second)).update();
		this.jdbc.sql("""
				CREATE TRIGGER dies_while_marking BEFORE UPDATE ON outbox
				FOR EACH ROW EXECUTE FUNCTION fail_to_mark_sent()
				""").update();
		GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			UUID firstId = UUID.randomUUID();
			UUID secondId = UUID.randomUUID();
			Instant now = Instant.now();
			// both become due at once, so one pass takes them, the first one first
			new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				confirmation(firstId, first, now.minusSeconds(2));
				confirmation(secondId, second, now.minusSeconds(1));
			});

			await().atMost(Duration.ofSeconds(15)).until(() -> ReceivedMail.to(smtp, second).size() >= 1);
			// sent alongside the second one, on another connection
			await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(statusOf(firstId)));
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> ReceivedMail.to(smtp, first).size() == 1);

			// the email whose mark was lost is sent again when its lease ends, under the
			// same Message-ID
			dropTrigger();
			await().atMost(Duration.ofSeconds(15)).until(() -> "sent".equals(statusOf(secondId)));
			List<MimeMessage> copies = ReceivedMail.to(smtp, second);
			assertThat(copies).hasSizeGreaterThanOrEqualTo(2);
			assertThat(copies.stream().map(DispatcherIntegrationTests::messageId).distinct()).hasSize(1);
		}
		finally {
			dropTrigger();
			smtp.stop();
		}
	}

	private void confirmation(UUID id, String email, Instant dueAt) {
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at)
				VALUES (:id, :email, ARRAY['PK'], ARRAY[]::text[], 'immediate', 'immediate|PK|', 'pending', :now)
				""").param("id", id).param("email", email).param("now", dueAt.atOffset(ZoneOffset.UTC)).update();
		this.outbox.enqueueConfirmation(id, email,
				new RenderedEmail("[PolicyPulse] Confirm your subscription", "text", "<p>html</p>"), dueAt);
	}

	private void dropTrigger() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS dies_while_marking ON outbox").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS fail_to_mark_sent()").update();
	}

	private String statusOf(UUID subscriptionId) {
		return this.jdbc.sql("SELECT status FROM outbox WHERE subscription_id = :id")
			.param("id", subscriptionId)
			.query(String.class)
			.single();
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
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
