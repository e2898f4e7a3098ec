package dev.policypulse.notifier.delivery;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.notifier.NotifierApplication;
import dev.policypulse.notifier.email.RenderedEmail;
import dev.policypulse.notifier.subscription.SubscriptionChanged;
import dev.policypulse.notifier.subscription.SubscriptionLinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What subscribing, unsubscribing and matching write to the outbox, seen with the
 * dispatcher idle (one pass at startup, the next in an hour) so that nothing is sent
 * meanwhile. Runs on the notifier's own embedded PostgreSQL and without Kafka.
 */
@SpringBootTest(classes = NotifierApplication.class,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
				"policypulse.notifier.dispatch.interval=1h",
				"policypulse.notifier.links.public-base-url=https://example.org/notifier" })
@AutoConfigureMockMvc
@DirtiesContext
class OutboxWritesIntegrationTests {

	private static final String BASE_URL = "https://example.org/notifier";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private SubscriptionLinks links;

	@Autowired
	private Outbox outbox;

	@Autowired
	private AlertEnqueuer enqueuer;

	@Autowired
	private AlertFanout fanout;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private ApplicationEventPublisher events;

	/**
	 * The outbox is locked so that both requests are inside their transactions at once,
	 * each having written whatever it writes before the confirmation email.
	 */
	@Test
	void identicalSubscribesAtOnceMakeOneSubscriptionAndOnePendingConfirmation() throws Exception {
		String email = "twice-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String body = "{\"email\": \"%s\", \"jurisdictions\": [\"PK\", \"EU\"]}".formatted(email);
		CompletableFuture<Integer> first;
		CompletableFuture<Integer> second;
		// two threads of its own: the common pool may have a single one on a small
		// machine
		ExecutorService requests = Executors.newFixedThreadPool(2);
		try (Connection lock = this.dataSource.getConnection()) {
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("LOCK TABLE outbox IN EXCLUSIVE MODE");
			}
			first = CompletableFuture.supplyAsync(() -> subscribe(body), requests);
			second = CompletableFuture.supplyAsync(() -> subscribe(body), requests);
			await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnLocks() >= 2);
			lock.commit();
		}

		assertThat(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)))
			.containsExactlyInAnyOrder(201, 200);
		requests.shutdown();
		assertThat(this.jdbc.sql("SELECT count(*) FROM subscription WHERE email = :email")
			.param("email", email)
			.query(Long.class)
			.single()).isEqualTo(1L);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM outbox
				WHERE recipient = :email AND kind = 'confirmation' AND status = 'pending'
				""").param("email", email).query(Long.class).single()).isEqualTo(1L);
	}

	@Test
	void unsubscribingCancelsTheSubscriptionsUnsentAlertsAtOnce() throws Exception {
		UUID id = confirmedSubscription("leaving@example.org", "PK");
		this.outbox.enqueueAlert(id, "leaving@example.org", "story-" + UUID.randomUUID(), "item-1", "rules-1", "PK",
				new RenderedEmail("alert", "text", "<p>html</p>"), this.links.unsubscribeUrl(id), Instant.now(),
				Instant.now());
		String path = this.links.unsubscribeUrl(id).substring(BASE_URL.length());

		this.mvc
			.perform(
					post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk());

		assertThat(this.jdbc.sql("SELECT status FROM outbox WHERE subscription_id = :id")
			.param("id", id)
			.query(String.class)
			.list()).containsExactly("cancelled");
	}

	@Test
	void countsAlertsOnlyOnceTheirTransactionCommits() {
		confirmedSubscription("counted-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "NZ");
		Counter enqueued = this.meterRegistry.get("policypulse.notifier.emails.enqueued")
			.tag("kind", "alert")
			.counter();
		double before = enqueued.count();
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);

		transaction.executeWithoutResult((status) -> {
			this.enqueuer.enqueue(newZealandItem());
			status.setRollbackOnly();
		});
		this.fanout.expandDue(1000);
		assertThat(enqueued.count()).isEqualTo(before);

		transaction.executeWithoutResult((status) -> this.enqueuer.enqueue(newZealandItem()));
		// the alert is written when the dispatch pass expands the item
		assertThat(enqueued.count()).isEqualTo(before);
		assertThat(this.fanout.expandDue(1000)).isOne();
		assertThat(enqueued.count()).isEqualTo(before + 1);
	}

	@Test
	void confirmationPageFormPostsToThePublicUrl() throws Exception {
		UUID id = confirmedSubscription("page-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "JP");
		this.jdbc.sql("UPDATE subscription SET status = 'pending' WHERE id = :id").param("id", id).update();
		String link = this.links.confirmUrl(id);

		this.mvc.perform(get(link.substring(BASE_URL.length())).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<form method=\"post\" action=\"" + link + "\">")));
	}

	private int subscribe(String body) {
		try {
			return this.mvc
				.perform(post("/api/v1/subscriptions").header("X-Api-Key", "local-dev-key")
					.contentType(MediaType.APPLICATION_JSON)
					.content(body))
				.andReturn()
				.getResponse()
				.getStatus();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long waitingOnLocks() {
		return this.jdbc.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
				""").query(Long.class).single();
	}

	private UUID confirmedSubscription(String email, String jurisdiction) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at,
				    confirmed_at)
				VALUES (:id, :email, ARRAY[:jurisdiction], ARRAY[]::text[], 'immediate', :rulesKey, 'confirmed', :now,
				    :now)
				""")
			.param("id", id)
			.param("email", email)
			.param("jurisdiction", jurisdiction)
			.param("rulesKey", "immediate|" + jurisdiction + "|")
			.param("now", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
		// written behind the service's back: tell the matching index
		this.events.publishEvent(new SubscriptionChanged(id));
		return id;
	}

	private static PolicyItemClassified newZealandItem() {
		return classified(
				item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(),
						"New Zealand licenses its first exchange", "The regulator granted the licence."),
				List.of(tag("NZ", Role.ACTOR)), "licensing");
	}

}
