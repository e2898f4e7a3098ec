package dev.policypulse.notifier.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Topics;
import dev.policypulse.notifier.NotifierApplication;
import dev.policypulse.notifier.ReceivedMail;
import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.subscription.ActiveSubscriptions;
import dev.policypulse.notifier.subscription.Subscription;
import dev.policypulse.notifier.subscription.SubscriptionChanged;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Digests end to end: items from the broker recorded for daily and weekly subscribers,
 * composed at each subscriber's local hour by a clock the tests move, stored in the real
 * PostgreSQL outbox and sent to a real SMTP server. The scheduler's own looks are an hour
 * apart, so that the tests decide when to look.
 */
@SpringBootTest(classes = { NotifierApplication.class, DigestIntegrationTests.Clocks.class },
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"policypulse.kafka.topics.partitions=1", "policypulse.notifier.dispatch.interval=100ms",
				"policypulse.notifier.digest.interval=1h", "policypulse.notifier.digest.max-items=3",
				"policypulse.notifier.links.public-base-url=https://alerts.example.org" })
@EmbeddedKafka(partitions = 1)
@DirtiesContext
class DigestIntegrationTests {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@Autowired
	private MutableClock clock;

	@Autowired
	private DueDigests dueDigests;

	@Autowired
	private DigestComposer composer;

	@Autowired
	private DigestRepository repository;

	@Autowired
	private DigestItems digestItems;

	@Autowired
	private DigestProperties properties;

	@Autowired
	private ActiveSubscriptions subscriptions;

	@Autowired
	private FailingComposition failingComposition;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
	}

	@Test
	void sendsADailySubscriberOneDigestAtTheirLocalHourInsteadOfAlerts() throws Exception {
		this.clock.set("2026-05-04T05:00:00Z");
		String email = address("daily");
		UUID daily = subscribe(email, "daily", "Europe/Berlin", 8, "PK");
		String first = "story-" + UUID.randomUUID();
		publish(classified(item("item-" + UUID.randomUUID(), first, "Pakistan licenses its first exchange", "..."),
				List.of(tag("PK", Role.ACTOR)), "licensing"));
		// another outlet's item of the same story adds nothing
		publish(classified(item("item-" + UUID.randomUUID(), first, "Pakistan's first exchange licence", "..."),
				List.of(tag("PK", Role.ACTOR)), "licensing"));
		publish(classified(item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "Pakistan bans mining",
				"The cabinet banned crypto mining."), List.of(tag("PK", Role.ACTOR)), "ban_restriction"));
		publish(classified(item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "Japan acts", "..."),
				List.of(tag("JP", Role.ACTOR)), "licensing"));
		await().atMost(Duration.ofSeconds(30)).until(() -> recorded(daily) == 2);

		// 07:59 in Berlin
		this.clock.set("2026-05-04T05:59:00Z");
		this.dueDigests.composeDue();
		assertThat(outbox(daily, "digest")).isZero();

		// 08:00 in Berlin
		this.clock.set("2026-05-04T06:00:00Z");
		this.dueDigests.composeDue();
		this.clock.set("2026-05-04T06:30:00Z");
		this.dueDigests.composeDue();

		MimeMessage digest = awaitMessages(email, 1).get(0);
		assertThat(digest.getSubject()).isEqualTo("[PolicyPulse] Daily digest, 4 May 2026: 2 items — Pakistan");
		assertThat(digest.getHeader("List-Unsubscribe")[0])
			.matches("<https://alerts\\.example\\.org/api/v1/subscriptions/unsubscribe\\?token=[A-Za-z0-9_.-]+>");
		assertThat(digest.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(digest.getMessageID()).matches("<[0-9a-f]{32}@policypulse>");
		assertThat(ReceivedMail.part(digest, "text/plain")).containsSubsequence("== Pakistan ==", "-- licensing --",
				"* Pakistan licenses its first exchange", "-- ban or restriction --", "* Pakistan bans mining",
				"You get this digest every day at 08:00 (Europe/Berlin).",
				"Change what you receive: https://alerts.example.org/api/v1/subscriptions/preferences?token=");
		assertThat(outbox(daily, "alert")).isZero();
		assertThat(outbox(daily, "digest")).isOne();
		assertThat(this.jdbc.sql("SELECT period_start || ' ' || item_count FROM digest WHERE subscription_id = :id")
			.param("id", daily)
			.query(String.class)
			.list()).containsExactly("2026-05-04 2");
		assertThat(
				this.meterRegistry.get("policypulse.notifier.emails.enqueued").tag("kind", "digest").counter().count())
			.isPositive();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> ReceivedMail.to(greenMail, email).size() == 1);
	}

	@Test
	void leavesOutWhatTheAddressAlreadyHasAndSendsNoEmptyDigest() throws Exception {
		this.clock.set("2026-06-01T04:00:00Z");
		// an address with immediate alerts about Pakistani enforcement and a daily digest
		// about anything Pakistani
		String both = address("both");
		UUID immediate = subscribe(both, "immediate", "UTC", 8, "PK", "enforcement");
		UUID daily = subscribe(both, "daily", "UTC", 6, "PK");
		// an address that gets everything Japanese both ways
		String twice = address("twice");
		UUID japanImmediate = subscribe(twice, "immediate", "UTC", 8, "JP");
		UUID japanDaily = subscribe(twice, "daily", "UTC", 6, "JP");
		// an address with two daily digests that both follow China
		String china = address("china");
		UUID early = subscribe(china, "daily", "UTC", 6, "CN");
		UUID later = subscribe(china, "daily", "UTC", 7, "CN", "licensing");
		// an address whose rules nothing matches
		UUID quiet = subscribe(address("quiet"), "daily", "UTC", 6, "NZ");

		publish(classified(
				item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "Pakistan fines exchange", "..."),
				List.of(tag("PK", Role.ACTOR)), "enforcement"));
		publish(classified(
				item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "Pakistan licenses broker", "..."),
				List.of(tag("PK", Role.ACTOR)), "licensing"));
		publish(classified(item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "Japan taxes tokens", "..."),
				List.of(tag("JP", Role.ACTOR)), "taxation"));
		publish(classified(
				item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), "China licenses banks", "..."),
				List.of(tag("CN", Role.ACTOR)), "licensing"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> outbox(immediate, "alert") == 1 && outbox(japanImmediate, "alert") == 1 && recorded(daily) == 2
					&& recorded(japanDaily) == 1 && recorded(early) == 1 && recorded(later) == 1);

		this.clock.set("2026-06-01T06:00:00Z");
		this.dueDigests.composeDue();
		this.clock.set("2026-06-01T07:00:00Z");
		this.dueDigests.composeDue();

		// the alerted story is left out of the digest
		MimeMessage digest = awaitMessages(both, 2).stream()
			.filter((message) -> subject(message).startsWith("[PolicyPulse] Daily digest"))
			.findFirst()
			.orElseThrow();
		assertThat(digest.getSubject()).isEqualTo("[PolicyPulse] Daily digest, 1 June 2026: 1 item — Pakistan");
		assertThat(ReceivedMail.part(digest, "text/plain")).contains("Pakistan licenses broker")
			.doesNotContain("Pakistan fines exchange");
		assertThat(statuses(daily)).containsExactlyInAnyOrder("alerted", "included");
		// nothing new for the others: no email at all
		assertThat(outbox(japanDaily, "digest")).isZero();
		assertThat(statuses(japanDaily)).containsExactly("alerted");
		assertThat(outbox(early, "digest")).isOne();
		assertThat(outbox(later, "digest")).isZero();
		assertThat(statuses(later)).containsExactly("alerted");
		assertThat(this.jdbc.sql("SELECT item_count FROM digest WHERE subscription_id IN (:ids)")
			.param("ids", List.of(japanDaily, later))
			.query(Integer.class)
			.list()).containsExactly(0, 0);
		assertThat(this.jdbc.sql("SELECT count(*) FROM digest WHERE subscription_id = :id")
			.param("id", quiet)
			.query(Long.class)
			.single()).isZero();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> ReceivedMail.to(greenMail, twice).size() == 1);
	}

	@Test
	void reportsEachDigestLineAndRepeatsAlertedStoriesOnlyWhenAsked() throws Exception {
		this.clock.set("2026-06-08T04:00:00Z");
		// two addresses with immediate alerts about Swiss licensing and a daily digest
		// about Switzerland; only the second asked digests to repeat what alerts told
		String plain = address("plain");
		subscribe(plain, "immediate", "UTC", 8, "CH", "licensing");
		UUID plainDaily = subscribe(plain, "daily", "UTC", 6, "CH");
		String repeating = address("repeating");
		subscribe(repeating, "immediate", "UTC", 8, "CH", "licensing");
		UUID repeatingDaily = subscribe(repeating, "daily", "UTC", 6, "CH");
		this.jdbc.sql("UPDATE subscription SET digest_repeats = true WHERE id = :id")
			.param("id", repeatingDaily)
			.update();
		this.events.publishEvent(new SubscriptionChanged(repeatingDaily));
		String licensed = "item-" + UUID.randomUUID();
		String taxed = "item-" + UUID.randomUUID();
		publish(classified(item(licensed, "story-" + UUID.randomUUID(), "FINMA licenses a crypto bank", "..."),
				List.of(tag("CH", Role.ACTOR)), "licensing"));
		publish(classified(item(taxed, "story-" + UUID.randomUUID(), "Zug taxes staking income", "..."),
				List.of(tag("CH", Role.ACTOR)), "taxation"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> recorded(plainDaily) == 2 && recorded(repeatingDaily) == 2
					&& ReceivedMail.to(greenMail, plain).size() == 1
					&& ReceivedMail.to(greenMail, repeating).size() == 1);

		lookAt("2026-06-08T06:00:00Z");

		MimeMessage plainDigest = awaitMessages(plain, 2).get(1);
		assertThat(ReceivedMail.part(plainDigest, "text/plain")).contains("Zug taxes staking income")
			.doesNotContain("FINMA licenses a crypto bank");
		MimeMessage repeatingDigest = awaitMessages(repeating, 2).get(1);
		assertThat(ReceivedMail.part(repeatingDigest, "text/plain")).contains("Zug taxes staking income")
			.contains("FINMA licenses a crypto bank");
		// every line's outcome is recorded for the audit, none with an address
		await().atMost(Duration.ofSeconds(10))
			.until(() -> digestEvents(plainDaily).size() == 2 && digestEvents(repeatingDaily).size() == 2);
		String period = "daily:2026-06-08";
		assertThat(digestEvents(plainDaily)).containsExactlyInAnyOrder(taxed + "/sent/" + period,
				licensed + "/suppressed/" + period);
		assertThat(digestEvents(repeatingDaily)).containsExactlyInAnyOrder(taxed + "/sent/" + period,
				licensed + "/sent/" + period);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM dispatch_event e JOIN outbox o ON o.id = e.outbox_id
				WHERE e.subscription_id = :id AND e.outcome = 'sent' AND e.message_id = o.message_id
				    AND o.kind = 'digest' AND e.attempts = 1
				""").param("id", plainDaily).query(Long.class).single()).isOne();
	}

	@Test
	void anAlertDoesNotRepeatAStoryTheAddressHadInADigest() throws Exception {
		this.clock.set("2026-06-15T04:00:00Z");
		String email = address("digest-first");
		UUID daily = subscribe(email, "daily", "UTC", 6, "AU");
		String story = "story-" + UUID.randomUUID();
		publish(classified(item("item-" + UUID.randomUUID(), story, "ASIC licenses a custodian", "..."),
				List.of(tag("AU", Role.ACTOR)), "licensing"));
		await().atMost(Duration.ofSeconds(30)).until(() -> recorded(daily) == 1);
		lookAt("2026-06-15T06:00:00Z");
		awaitMessages(email, 1);

		// later the address also asks for immediate alerts, and another outlet reports
		// the story
		UUID immediate = subscribe(email, "immediate", "UTC", 8, "AU");
		String secondOutlet = "item-" + UUID.randomUUID();
		publish(classified(item(secondOutlet, story, "Australian custodian gets ASIC licence", "..."),
				List.of(tag("AU", Role.ACTOR)), "licensing"));
		String fresh = "item-" + UUID.randomUUID();
		publish(classified(item(fresh, "story-" + UUID.randomUUID(), "Australia consults on stablecoins", "..."),
				List.of(tag("AU", Role.ACTOR)), "stablecoin"));

		await().atMost(Duration.ofSeconds(30)).until(() -> outbox(immediate, "alert") == 1);
		await().atMost(Duration.ofSeconds(15)).until(() -> ReceivedMail.to(greenMail, email).size() == 2);
		assertThat(subject(ReceivedMail.to(greenMail, email).get(1))).contains("Australia consults on stablecoins");
		assertThat(this.jdbc.sql("""
				SELECT e.item_id || '/' || e.outcome || '/' || e.channel || '/' || (e.digest_id IS NOT NULL)
				FROM dispatch_event e WHERE e.subscription_id = :id AND e.outcome = 'suppressed'
				""").param("id", immediate).query(String.class).list())
			.containsExactly(secondOutlet + "/suppressed/alert/true");
	}

	/**
	 * Composers share nothing but the database, so two at once play two instances, and
	 * one that comes later plays an instance after a restart; one whose composition fails
	 * halfway (the event listener throws, as a dying instance would stop) leaves nothing
	 * behind.
	 */
	@Test
	void composesEachPeriodOnceAcrossInstancesRestartsAndFailuresHalfway() throws Exception {
		this.clock.set("2026-07-01T09:00:00Z");
		UUID contended = subscribe(address("contended"), "daily", "UTC", 10, "PK");
		UUID crashing = subscribe(address("crashing"), "daily", "UTC", 11, "PK");
		for (UUID id : List.of(contended, crashing)) {
			record(id, "Pakistan acts");
			record(id, "Pakistan acts again");
		}

		this.clock.set("2026-07-01T10:00:00Z");
		DueDigests otherInstance = new DueDigests(this.repository, this.composer, this.subscriptions, this.properties,
				this.clock, this.meterRegistry);
		CyclicBarrier start = new CyclicBarrier(2);
		CompletableFuture<Void> one = CompletableFuture.runAsync(() -> {
			arrive(start);
			this.dueDigests.composeDue();
		});
		CompletableFuture<Void> two = CompletableFuture.runAsync(() -> {
			arrive(start);
			otherInstance.composeDue();
		});
		CompletableFuture.allOf(one, two).get();
		assertThat(outbox(contended, "digest")).isOne();

		// a composition that fails halfway is left as it was, and made by the next look
		this.failingComposition.failNext.add(crashing);
		this.clock.set("2026-07-01T11:00:00Z");
		this.dueDigests.composeDue();
		assertThat(outbox(crashing, "digest") + digests(crashing)).isZero();
		assertThat(statuses(crashing)).containsOnly("pending");
		DueDigests afterRestart = new DueDigests(this.repository, this.composer, this.subscriptions, this.properties,
				this.clock, this.meterRegistry);
		this.clock.set("2026-07-01T11:05:00Z");
		afterRestart.composeDue();
		this.clock.set("2026-07-01T23:59:00Z");
		afterRestart.composeDue();
		this.dueDigests.composeDue();

		for (UUID id : List.of(contended, crashing)) {
			assertThat(outbox(id, "digest")).isOne();
			assertThat(digests(id)).isOne();
			assertThat(statuses(id)).containsOnly("included");
		}
		assertThat(this.meterRegistry.get("policypulse.notifier.digests")
			.tag("cadence", "daily")
			.tag("outcome", "failed")
			.counter()
			.count()).isPositive();
	}

	@Test
	void followsTheSubscribersHourAcrossTheChangeToSummerTimeAndSendsWeeklyOnMondays() {
		UUID berlin = subscribe(address("berlin"), "daily", "Europe/Berlin", 8, "PK");
		UUID weekly = subscribe(address("weekly"), "weekly", "UTC", 8, "PK");
		this.clock.set("2026-03-27T12:00:00Z");
		record(berlin, "Friday's move");
		record(weekly, "Friday's move");

		// Saturday 28 March: 08:00 in Berlin is 07:00 UTC
		lookAt("2026-03-28T06:59:00Z");
		assertThat(dueTimes(berlin)).isEmpty();
		lookAt("2026-03-28T07:00:00Z");
		assertThat(dueTimes(berlin)).containsExactly("2026-03-28T07:00:00Z");
		this.clock.set("2026-03-28T12:00:00Z");
		record(berlin, "Saturday's move");

		// Sunday 29 March, summer time from 02:00: 08:00 in Berlin is 06:00 UTC
		lookAt("2026-03-29T05:59:00Z");
		assertThat(dueTimes(berlin)).hasSize(1);
		lookAt("2026-03-29T06:00:00Z");
		lookAt("2026-03-29T07:00:00Z");
		assertThat(dueTimes(berlin)).containsExactly("2026-03-28T07:00:00Z", "2026-03-29T06:00:00Z");
		// a day without news makes no digest
		lookAt("2026-03-30T06:00:00Z");
		assertThat(dueTimes(berlin)).hasSize(2);

		// the weekly digest waited for Monday 30 March
		assertThat(dueTimes(weekly)).isEmpty();
		lookAt("2026-03-30T07:59:00Z");
		assertThat(dueTimes(weekly)).isEmpty();
		lookAt("2026-03-30T08:00:00Z");
		assertThat(dueTimes(weekly)).containsExactly("2026-03-30T08:00:00Z");
		assertThat(this.jdbc.sql("SELECT subject FROM outbox WHERE subscription_id = :id AND kind = 'digest'")
			.param("id", weekly)
			.query(String.class)
			.single()).isEqualTo("[PolicyPulse] Weekly digest, week of 30 March 2026: 1 item — Pakistan");
	}

	@Test
	void cancelledAndImmediateSubscriptionsGetNoDigestAndTheirItemsAreDropped() {
		this.clock.set("2026-08-01T05:00:00Z");
		UUID cancelled = subscribe(address("cancelled"), "daily", "UTC", 6, "PK");
		UUID switched = subscribe(address("switched"), "daily", "UTC", 6, "PK");
		UUID paused = subscribe(address("paused"), "daily", "UTC", 6, "PK");
		for (UUID id : List.of(cancelled, switched, paused)) {
			record(id, "Pakistan acts");
		}
		this.jdbc.sql("UPDATE subscription SET status = 'unsubscribed' WHERE id = :id").param("id", cancelled).update();
		this.jdbc.sql("UPDATE subscription SET delivery = 'immediate' WHERE id = :id").param("id", switched).update();
		this.jdbc.sql("UPDATE subscription SET paused = true WHERE id = :id").param("id", paused).update();

		lookAt("2026-08-01T06:00:00Z");

		assertThat(statuses(cancelled)).containsExactly("discarded");
		assertThat(statuses(switched)).containsExactly("discarded");
		// a paused subscriber gets what waits once they resume
		assertThat(statuses(paused)).containsExactly("pending");
		this.jdbc.sql("UPDATE subscription SET paused = false WHERE id = :id").param("id", paused).update();
		lookAt("2026-08-01T06:01:00Z");
		assertThat(statuses(paused)).containsExactly("included");
		assertThat(outbox(cancelled, "digest") + outbox(switched, "digest")).isZero();
	}

	private void lookAt(String now) {
		this.clock.set(now);
		this.dueDigests.composeDue();
	}

	/** A confirmed subscription, known to the matching index. */
	private UUID subscribe(String email, String delivery, String timezone, int digestHour, String jurisdiction,
			String... topics) {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, timezone, digest_hour, rules_key,
				    status, created_at, confirmed_at)
				VALUES (:id, :email, ARRAY[:jurisdiction], :topics, :delivery, :timezone, :digestHour, :rulesKey,
				    'confirmed', :now, :now)
				""")
			.param("id", id)
			.param("email", email)
			.param("jurisdiction", jurisdiction)
			.param("topics", topics)
			.param("delivery", delivery)
			.param("timezone", timezone)
			.param("digestHour", digestHour)
			.param("rulesKey", "test|" + id)
			.param("now", now)
			.update();
		this.events.publishEvent(new SubscriptionChanged(id));
		return id;
	}

	/** Records an item for a subscription, as matching a classified item does. */
	private void record(UUID subscriptionId, String title) {
		Subscription subscription = this.subscriptions.find(subscriptionId).orElseThrow();
		PolicyItemClassified item = classified(
				item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), title, "..."),
				List.of(tag("PK", Role.ACTOR)), "licensing");
		MatchedRules rules = new MatchedRules(List.of("PK"), List.of(),
				List.of(new MatchedRules.MatchedJurisdiction("PK", "PK", Role.ACTOR)), List.of());
		assertThat(this.digestItems.record(item, List.of(new DigestItems.Matched(subscription, rules)))).isOne();
	}

	private void publish(PolicyItemClassified item) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(this.broker),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.CLASSIFIED, item.id(), this.jsonMapper.writeValueAsString(item)))
				.get();
		}
	}

	private long recorded(UUID subscriptionId) {
		return this.jdbc.sql("SELECT count(*) FROM digest_item WHERE subscription_id = :id")
			.param("id", subscriptionId)
			.query(Long.class)
			.single();
	}

	/**
	 * The subscription's digest-line events as {@code item/outcome/period}, published.
	 */
	private List<String> digestEvents(UUID subscriptionId) {
		return this.jdbc.sql("""
				SELECT e.item_id || '/' || e.outcome || '/' || d.cadence || ':' || d.period_start
				FROM dispatch_event e JOIN digest d ON d.id = e.digest_id
				WHERE e.subscription_id = :id AND e.channel = 'digest' AND e.published_at IS NOT NULL
				""").param("id", subscriptionId).query(String.class).list();
	}

	private List<String> statuses(UUID subscriptionId) {
		return this.jdbc.sql("SELECT status FROM digest_item WHERE subscription_id = :id ORDER BY id")
			.param("id", subscriptionId)
			.query(String.class)
			.list();
	}

	private long outbox(UUID subscriptionId, String kind) {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE subscription_id = :id AND kind = :kind")
			.param("id", subscriptionId)
			.param("kind", kind)
			.query(Long.class)
			.single();
	}

	private long digests(UUID subscriptionId) {
		return this.jdbc.sql("SELECT count(*) FROM digest WHERE subscription_id = :id")
			.param("id", subscriptionId)
			.query(Long.class)
			.single();
	}

	private List<String> dueTimes(UUID subscriptionId) {
		return this.jdbc.sql("SELECT due_at FROM digest WHERE subscription_id = :id ORDER BY due_at")
			.param("id", subscriptionId)
			.query((rs, row) -> rs.getObject("due_at", OffsetDateTime.class).toInstant().toString())
			.list();
	}

	private static List<MimeMessage> awaitMessages(String email, int count) {
		await().atMost(Duration.ofSeconds(15)).until(() -> ReceivedMail.to(greenMail, email).size() >= count);
		return ReceivedMail.to(greenMail, email);
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void arrive(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String address(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	/** The clock the tests move, and a way to make a composition fail halfway. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.parse("2026-05-04T00:00:00Z"));
		}

		@Bean
		FailingComposition failingComposition() {
			return new FailingComposition();
		}

	}

	/**
	 * Fails the next composition of the listed subscriptions, as a dying instance would.
	 */
	static class FailingComposition {

		final Set<UUID> failNext = ConcurrentHashMap.newKeySet();

		@EventListener
		void onComposed(DigestComposed digest) {
			if (this.failNext.remove(digest.subscriptionId())) {
				throw new IllegalStateException("the instance died while composing");
			}
		}

	}

}
