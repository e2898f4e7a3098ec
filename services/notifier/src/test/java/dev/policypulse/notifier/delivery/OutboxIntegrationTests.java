package dev.policypulse.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.email.RenderedEmail;
import dev.policypulse.notifier.email.TestAlertEmails;
import dev.policypulse.notifier.subscription.TestSubscriptionLinks;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox's rules, straight against PostgreSQL with the notifier's migrations. */
class OutboxIntegrationTests {

	private static final Duration LEASE = Duration.ofMinutes(2);

	private static EmbeddedPostgres postgres;

	private static JdbcClient jdbc;

	private static Outbox outbox;

	@BeforeAll
	static void connect() {
		postgres = MigratedDatabase.postgres();
		jdbc = MigratedDatabase.jdbc();
		outbox = new Outbox(jdbc, MigratedDatabase.named());
	}

	@BeforeEach
	void emptyOutbox() {
		jdbc.sql("DELETE FROM outbox").update();
		jdbc.sql("DELETE FROM alert_fanout").update();
	}

	@Test
	void claimedEmailsAreSkippedUntilTheirLeaseRunsOut() {
		Instant now = Instant.parse("2031-01-01T00:00:00Z");
		long id = confirmation(subscription("lease@example.org", "pending"), now);

		assertThat(ids(outbox.claimDue(now, now.plus(LEASE), 10))).containsExactly(id);
		assertThat(outbox.claimDue(now.plusSeconds(60), now.plusSeconds(60).plus(LEASE), 10)).isEmpty();

		// the claimer died without recording anything: once the lease is over, the email
		// is due again
		Instant later = now.plus(LEASE).plusSeconds(1);
		assertThat(ids(outbox.claimDue(later, later.plus(LEASE), 10))).containsExactly(id);
	}

	@Test
	void alertsOfAPausedSubscriptionAreNotSent() {
		Instant now = Instant.parse("2031-01-02T00:00:00Z");
		UUID subscription = subscription("paused@example.org", "confirmed");
		assertThat(alert(subscription, "paused@example.org", "story-paused", now)).isTrue();
		jdbc.sql("UPDATE subscription SET paused = true WHERE id = :id").param("id", subscription).update();
		// even an alert queued while the pause was being written is not claimed
		assertThat(outbox.claimDue(now, now.plus(LEASE), 10)).isEmpty();

		assertThat(outbox.cancelPendingNews(subscription, now)).isOne();
		jdbc.sql("UPDATE subscription SET paused = false WHERE id = :id").param("id", subscription).update();

		assertThat(outbox.claimDue(now, now.plus(LEASE), 10)).isEmpty();
		assertThat(jdbc.sql("SELECT status FROM outbox WHERE subscription_id = :id")
			.param("id", subscription)
			.query(String.class)
			.single()).isEqualTo("cancelled");
	}

	@Test
	void emailsEnqueuedAsTheirSubscriptionWasCancelledOrPausedAreCancelledLater() {
		Instant now = Instant.parse("2031-01-03T00:00:00Z");
		UUID cancelled = subscription("stranded-cancelled@example.org", "confirmed");
		UUID paused = subscription("stranded-paused@example.org", "confirmed");
		UUID active = subscription("stranded-active@example.org", "confirmed");
		UUID pending = subscription("stranded-pending@example.org", "pending");
		// unsubscribing and pausing committed (cancelling what was pending then), and a
		// transaction that had matched the subscriptions before enqueued alerts after
		jdbc.sql("UPDATE subscription SET status = 'unsubscribed' WHERE id = :id").param("id", cancelled).update();
		jdbc.sql("UPDATE subscription SET paused = true WHERE id = :id").param("id", paused).update();
		alert(cancelled, "stranded-cancelled@example.org", "story-stranded", now);
		long cancelledConfirmation = confirmation(cancelled, now);
		alert(paused, "stranded-paused@example.org", "story-stranded", now);
		long pausedConfirmation = confirmation(paused, now);
		alert(active, "stranded-active@example.org", "story-stranded", now);
		long pendingConfirmation = confirmation(pending, now);

		assertThat(outbox.cancelStranded(now.plusSeconds(1))).isEqualTo(3);
		assertThat(outbox.cancelStranded(now.plusSeconds(2))).isZero();

		assertThat(statuses(cancelled)).containsExactly("cancelled");
		assertThat(status(cancelledConfirmation)).isEqualTo("cancelled");
		assertThat(status(pausedConfirmation)).as("a paused subscriber may still confirm").isEqualTo("pending");
		assertThat(statuses(active)).containsExactly("pending");
		assertThat(status(pendingConfirmation)).isEqualTo("pending");
		assertThat(events(cancelled)).containsExactly("cancelled/0/" + now.plusSeconds(1));
		assertThat(events(paused)).containsExactly("cancelled/0/" + now.plusSeconds(1));
		assertThat(events(active)).isEmpty();
	}

	@Test
	void theSweepLeavesAnEmailBeingSentToItsPass() {
		Instant now = Instant.parse("2031-01-04T00:00:00Z");
		UUID subscription = subscription("stranded-sending@example.org", "confirmed");
		alert(subscription, "stranded-sending@example.org", "story-sending", now);
		OutboxEmail sending = outbox.claimDue(now, now.plus(LEASE), 10).get(0);
		jdbc.sql("UPDATE subscription SET status = 'unsubscribed' WHERE id = :id").param("id", subscription).update();

		assertThat(outbox.cancelStranded(now.plusSeconds(1))).isZero();
		assertThat(outbox.markSent(sending, now.plusSeconds(2))).isTrue();
		assertThat(events(subscription)).containsExactly("sent/1/" + now.plusSeconds(2));
	}

	@Test
	void recordedOutcomesEndTheClaim() {
		Instant now = Instant.parse("2032-01-01T00:00:00Z");
		long sent = confirmation(subscription("outcome@example.org", "pending"), now);
		long failed = confirmation(subscription("failing@example.org", "pending"), now.plusMillis(1));
		List<OutboxEmail> claimed = outbox.claimDue(now.plusSeconds(1), now.plus(LEASE), 10);
		assertThat(ids(claimed)).containsExactly(sent, failed);

		assertThat(outbox.markSent(claimed.get(0), now.plusSeconds(2))).isTrue();
		assertThat(outbox.markFailed(claimed.get(1), 1, now.plusSeconds(2), now.plusSeconds(10), "refused")).isTrue();

		assertThat(jdbc.sql("SELECT status FROM outbox WHERE id = :id").param("id", sent).query(String.class).single())
			.isEqualTo("sent");
		// due again at its back-off, well before the lease would have ended
		assertThat(ids(outbox.claimDue(now.plusSeconds(10), now.plusSeconds(10).plus(LEASE), 10)))
			.containsExactly(failed);
	}

	@Test
	void releasedClaimsAreDueAtOnce() {
		Instant now = Instant.parse("2033-01-01T00:00:00Z");
		long id = confirmation(subscription("released@example.org", "pending"), now);
		List<OutboxEmail> claimed = outbox.claimDue(now, now.plus(LEASE), 10);

		outbox.release(claimed);

		assertThat(ids(outbox.claimDue(now, now.plus(LEASE), 10))).containsExactly(id);
	}

	@Test
	void claimsTheLongestDueFirstAndNoMoreThanTheBatch() {
		Instant now = Instant.parse("2034-01-01T00:00:00Z");
		long second = confirmation(subscription("batch-second@example.org", "pending"), now.minusSeconds(1));
		long first = confirmation(subscription("batch-first@example.org", "pending"), now.minusSeconds(2));
		long third = confirmation(subscription("batch-third@example.org", "pending"), now);

		assertThat(ids(outbox.claimDue(now, now.plus(LEASE), 2))).containsExactly(first, second);
		assertThat(ids(outbox.claimDue(now, now.plus(LEASE), 2))).containsExactly(third);
	}

	@Test
	void aClaimTakenOverByAnotherPassRecordsNothing() {
		Instant now = Instant.parse("2037-01-01T00:00:00Z");
		long id = confirmation(subscription("taken-over@example.org", "pending"), now);
		OutboxEmail slow = outbox.claimDue(now, now.plus(LEASE), 10).get(0);
		Instant later = now.plus(LEASE).plusSeconds(1);
		OutboxEmail other = outbox.claimDue(later, later.plus(LEASE), 10).get(0);

		assertThat(outbox.markFailed(slow, 1, later, later, "timed out")).isFalse();
		assertThat(outbox.markSent(slow, later)).isFalse();
		assertThat(outbox.markAbandoned(slow, 1, later, "refused")).isFalse();
		outbox.release(List.of(slow));
		assertThat(status(id)).isEqualTo("pending");
		// still claimed by the other pass
		assertThat(outbox.claimDue(later, later.plus(LEASE), 10)).isEmpty();

		assertThat(outbox.markSent(other, later)).isTrue();
		assertThat(status(id)).isEqualTo("sent");
	}

	@Test
	void anEmailCancelledWhileBeingSentStaysCancelled() {
		Instant now = Instant.parse("2038-01-01T00:00:00Z");
		UUID subscription = subscription("cancelled-in-flight@example.org", "pending");
		long id = confirmation(subscription, now);
		OutboxEmail claimed = outbox.claimDue(now, now.plus(LEASE), 10).get(0);

		assertThat(outbox.cancelPending(subscription, now)).isEqualTo(1);

		assertThat(outbox.markSent(claimed, now.plusSeconds(1))).isFalse();
		assertThat(status(id)).isEqualTo("cancelled");
	}

	@Test
	void enqueuesOneAlertPerAddressAndStoryWhateverTheSubscription() {
		Instant now = Instant.parse("2035-01-01T00:00:00Z");
		UUID first = subscription("Several@Example.org", "confirmed");
		UUID second = subscription("several@example.org", "confirmed", "AE");
		String story = "story-" + UUID.randomUUID();

		assertThat(alert(first, "Several@Example.org", story, now)).isTrue();
		assertThat(alert(first, "Several@Example.org", story, now)).isFalse();
		assertThat(alert(second, "several@example.org", story, now)).isFalse();
		assertThat(alert(second, "several@example.org", "story-" + UUID.randomUUID(), now)).isTrue();

		// an alert cancelled with its subscription no longer stands in the way of the
		// other one
		jdbc.sql("UPDATE subscription SET status = 'unsubscribed' WHERE id = :id").param("id", first).update();
		assertThat(outbox.cancelPending(first, now)).isEqualTo(1);
		assertThat(alert(second, "several@example.org", story, now)).isTrue();
	}

	@Test
	void enqueuesABatchOfAlertsAsIfOneAfterTheOther() {
		Instant now = Instant.parse("2035-01-01T00:00:00Z");
		UUID first = subscription("batch@example.org", "confirmed");
		UUID second = subscription("Batch@Example.org", "confirmed", "AE");
		UUID other = subscription("other-batch@example.org", "confirmed");
		String story = "story-" + UUID.randomUUID();
		String item = "item-" + UUID.randomUUID();

		assertThat(outbox.enqueueAlerts(List.of(batched(first, "batch@example.org", story, item, now),
				batched(second, "Batch@Example.org", story, item, now),
				batched(other, "other-batch@example.org", story, item, now))))
			.containsExactly(Outbox.Enqueued.ENQUEUED, Outbox.Enqueued.SUPPRESSED, Outbox.Enqueued.ENQUEUED);
		// the same item again: nothing new, nothing recorded twice
		assertThat(outbox.enqueueAlerts(List.of(batched(first, "batch@example.org", story, item, now),
				batched(other, "other-batch@example.org", story, item, now))))
			.containsExactly(Outbox.Enqueued.REPEATED, Outbox.Enqueued.REPEATED);
		assertThat(outbox.enqueueAlerts(List.of())).isEmpty();
		assertThat(events(second)).containsExactly("suppressed/0/" + now);
		assertThat(events(first)).isEmpty();
	}

	@Test
	void alertsWrittenWithTheirRulesAreRenderedBeforeTheyCanBeClaimed() {
		Instant now = Instant.now().minusSeconds(1);
		UUID subscription = subscription("rendered@example.org", "confirmed");
		UUID broken = subscription("broken@example.org", "confirmed");
		UUID orphan = subscription("orphan@example.org", "confirmed");
		PolicyItemClassified item = TestAlertEmails.item();
		JsonMapper json = JsonMapper.builder().build();
		String itemId = "item-" + UUID.randomUUID();
		String story = "story-" + UUID.randomUUID();
		String version = item.classifierVersion();
		outbox.storeAlertItem(itemId, version, json.writeValueAsString(item), now);
		assertThat(outbox.enqueueAlerts(List.of(
				new Outbox.Alert(subscription, "rendered@example.org", story, itemId, version, "PK", null,
						json.writeValueAsString(TestAlertEmails.followsPakistan()),
						"https://alerts.example.org/unsubscribe", now.minusSeconds(2), now),
				new Outbox.Alert(broken, "broken@example.org", story, itemId, version, "PK", null,
						"{\"followedJurisdictions\": 7}", "https://alerts.example.org/unsubscribe", now.minusSeconds(2),
						now),
				// a verdict that was never stored
				new Outbox.Alert(orphan, "orphan@example.org", story, itemId, "rules-0", "PK", null,
						json.writeValueAsString(TestAlertEmails.followsPakistan()),
						"https://alerts.example.org/unsubscribe", now.minusSeconds(2), now))))
			.containsOnly(Outbox.Enqueued.ENQUEUED);
		assertThat(outbox.claimDue(now.plusSeconds(1), now.plusSeconds(60), 10)).isEmpty();

		assertThat(MigratedDatabase.rendering(outbox).renderDue(10)).isOne();

		List<OutboxEmail> claimed = outbox.claimDue(Instant.now(), Instant.now().plusSeconds(60), 10);
		assertThat(claimed).singleElement().satisfies((email) -> {
			assertThat(email.email().to()).isEqualTo("rendered@example.org");
			RenderedEmail content = email.email().content();
			assertThat(content.subject()).contains("Islamabad sets up a crypto regulator");
			// the subscriber's own links, signed for this subscription
			Matcher unsubscribe = Pattern.compile("unsubscribe\\?token=([A-Za-z0-9_-]+)\\.").matcher(content.text());
			assertThat(unsubscribe.find()).isTrue();
			assertThat(new String(Base64.getUrlDecoder().decode(unsubscribe.group(1)), StandardCharsets.UTF_8))
				.startsWith(subscription + "|UNSUBSCRIBE|");
			assertThat(content.html()).contains("Islamabad sets up a crypto regulator");
		});
		for (UUID givenUp : List.of(broken, orphan)) {
			assertThat(jdbc.sql("SELECT status FROM outbox WHERE subscription_id = :id")
				.param("id", givenUp)
				.query(String.class)
				.single()).isEqualTo("failed");
			assertThat(events(givenUp)).singleElement().asString().startsWith("failed/");
		}
		assertThat(MigratedDatabase.rendering(outbox).renderDue(10)).isZero();
	}

	@Test
	void expandsAlertsWithTheirRulesAndASignedUnsubscribeLink() {
		Instant now = Instant.now().minusSeconds(1);
		UUID subscription = subscription("links@example.org", "confirmed");
		JsonMapper json = JsonMapper.builder().build();
		MatchedRules rules = TestAlertEmails.followsPakistan();
		String story = "story-" + UUID.randomUUID();
		outbox.storeFanout("item-links", story, "rules-1", now.minusSeconds(5),
				json.writeValueAsString(List.of(new Outbox.Recipient(subscription, "links@example.org", "PK", rules))),
				now);

		assertThat(MigratedDatabase.fanout(outbox).expandDue(10)).isOne();
		Map<String, Object> row = jdbc.sql("SELECT rules, list_unsubscribe FROM outbox WHERE story_id = :story")
			.param("story", story)
			.query()
			.singleRow();
		assertThat(json.readValue((String) row.get("rules"), MatchedRules.class)).isEqualTo(rules);
		String token = ((String) row.get("list_unsubscribe")).replaceAll(".*token=([A-Za-z0-9_.-]+).*", "$1");
		assertThat(TestSubscriptionLinks.unsubscribedBy(token)).isEqualTo(subscription);
	}

	@Test
	void expandsRowsInTheFormatOfEarlierVersions() {
		Instant now = Instant.now().minusSeconds(1);
		UUID subscription = subscription("earlier@example.org", "confirmed");
		JsonMapper json = JsonMapper.builder().build();
		String rules = json.writeValueAsString(TestAlertEmails.followsPakistan());
		String story = "story-" + UUID.randomUUID();
		// rules as a JSON string, and the unsubscribe link made by the consumer
		String recipients = json.writeValueAsString(List.of(Map.of("subscriptionId", subscription.toString(),
				"recipient", "earlier@example.org", "matchedRules", "PK", "rules", rules, "unsubscribeUrl",
				"https://alerts.example.org/api/v1/subscriptions/unsubscribe?token=earlier")));
		outbox.storeFanout("item-earlier", story, "rules-1", now.minusSeconds(5), recipients, now);

		assertThat(MigratedDatabase.fanout(outbox).expandDue(10)).isOne();
		Map<String, Object> row = jdbc.sql("SELECT rules, list_unsubscribe FROM outbox WHERE story_id = :story")
			.param("story", story)
			.query()
			.singleRow();
		assertThat(row.get("rules")).isEqualTo(rules);
		assertThat((String) row.get("list_unsubscribe")).contains("token=earlier");
	}

	@Test
	void anItemsRecipientsAreExpandedIntoAlertsInTheOrderTheItemsCame() {
		Instant now = Instant.now().minusSeconds(1);
		UUID first = subscription("fanout@example.org", "confirmed");
		UUID sameAddress = subscription("Fanout@Example.org", "confirmed", "AE");
		UUID other = subscription("other-fanout@example.org", "confirmed");
		JsonMapper json = JsonMapper.builder().build();
		MatchedRules rules = TestAlertEmails.followsPakistan();
		String story = "story-" + UUID.randomUUID();
		outbox.storeFanout("item-a", story, "rules-1", now.minusSeconds(5),
				json.writeValueAsString(List.of(new Outbox.Recipient(first, "fanout@example.org", "PK", rules),
						new Outbox.Recipient(sameAddress, "Fanout@Example.org", "PK", rules))),
				now);
		// the same story from another outlet, for one address that has it and one that
		// has not
		outbox.storeFanout("item-b", story, "rules-1", now.minusSeconds(4),
				json.writeValueAsString(List.of(new Outbox.Recipient(first, "fanout@example.org", "PK", rules),
						new Outbox.Recipient(other, "other-fanout@example.org", "PK", rules))),
				now);
		AlertFanout fanout = MigratedDatabase.fanout(outbox);

		assertThat(fanout.expandDue(1)).isOne();
		assertThat(jdbc.sql("SELECT subscription_id FROM outbox WHERE story_id = :story")
			.param("story", story)
			.query(UUID.class)
			.list()).containsExactly(first);
		assertThat(fanout.expandDue(100)).isOne();
		assertThat(jdbc.sql("SELECT subscription_id FROM outbox WHERE story_id = :story ORDER BY id")
			.param("story", story)
			.query(UUID.class)
			.list()).containsExactly(first, other);
		// the second subscription of the address, and the second outlet's report to it
		assertThat(events(sameAddress)).singleElement().asString().startsWith("suppressed/");
		assertThat(events(first)).singleElement().asString().startsWith("suppressed/");
		assertThat(fanout.expandDue(100)).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM alert_fanout WHERE expanded_at IS NULL").query(Long.class).single())
			.isZero();
	}

	private static Outbox.Alert batched(UUID subscription, String recipient, String story, String item, Instant now) {
		return new Outbox.Alert(subscription, recipient, story, item, "rules-1", "PK", email(), null,
				"https://alerts.example.org/unsubscribe", now.minusSeconds(2), now);
	}

	@Test
	void recordsTheFinalOutcomeOfEachAlertOnceWithoutTheAddress() {
		Instant now = Instant.parse("2039-01-01T00:00:00Z");
		UUID sent = subscription("audit-sent@example.org", "confirmed");
		UUID failed = subscription("audit-failed@example.org", "confirmed");
		UUID cancelled = subscription("audit-cancelled@example.org", "confirmed");
		String story = "story-" + UUID.randomUUID();
		alert(sent, "audit-sent@example.org", story, now);
		alert(failed, "audit-failed@example.org", story, now.plusMillis(1));
		alert(cancelled, "audit-cancelled@example.org", story, now.plusMillis(2));
		confirmation(sent, now);
		List<OutboxEmail> claimed = outbox.claimDue(now.plusSeconds(1), now.plus(LEASE), 10);
		OutboxEmail sentAlert = claimed.stream()
			.filter((email) -> email.email().to().startsWith("audit-sent"))
			.findFirst()
			.orElseThrow();
		OutboxEmail failedAlert = claimed.stream()
			.filter((email) -> email.email().to().startsWith("audit-failed"))
			.findFirst()
			.orElseThrow();
		assertThat(outbox.markFailed(sentAlert, 1, now.plusSeconds(2), now.plusSeconds(3), "timed out")).isTrue();
		OutboxEmail retried = outbox.claimDue(now.plusSeconds(3), now.plus(LEASE), 10).get(0);

		assertThat(outbox.markSent(retried, now.plusSeconds(4))).isTrue();
		assertThat(outbox.markSent(retried, now.plusSeconds(5))).isFalse();
		assertThat(outbox.markAbandoned(failedAlert, 1, now.plusSeconds(4), "550 unknown user")).isTrue();
		assertThat(outbox.cancelPending(cancelled, now.plusSeconds(6))).isEqualTo(1);
		assertThat(outbox.cancelPending(cancelled, now.plusSeconds(7))).isZero();

		assertThat(events(sent)).containsExactly("sent/2/" + now.plusSeconds(4));
		assertThat(events(failed)).containsExactly("failed/1/" + now.plusSeconds(4));
		assertThat(events(cancelled)).containsExactly("cancelled/0/" + now.plusSeconds(6));
		assertThat(jdbc.sql("SELECT count(*) FROM dispatch_event WHERE subscription_id IN (:ids)")
			.param("ids", List.of(sent, failed, cancelled))
			.query(Long.class)
			.single()).as("none for the confirmation").isEqualTo(3L);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM dispatch_event e JOIN outbox o ON o.id = e.outbox_id
				WHERE e.subscription_id = :id AND e.message_id = o.message_id AND e.enqueued_at = o.created_at
				    AND e.story_id = :story AND e.item_id = o.item_id AND e.classifier_version = 'rules-1'
				    AND e.published_at IS NULL
				""").param("id", sent).param("story", story).query(Long.class).single()).isEqualTo(1L);
	}

	@Test
	void recordsAnAlertSuppressedBecauseTheAddressHadOneAboutTheStory() {
		Instant now = Instant.parse("2040-01-01T00:00:00Z");
		UUID first = subscription("Suppressed@Example.org", "confirmed");
		UUID second = subscription("suppressed@example.org", "confirmed", "AE");
		String story = "story-" + UUID.randomUUID();
		String item = "item-" + UUID.randomUUID();
		assertThat(alert(first, "Suppressed@Example.org", story, item, now)).isTrue();

		// the same item again for the same subscription is a redelivery, not a duplicate
		assertThat(enqueue(first, "Suppressed@Example.org", story, item, now.plusSeconds(1)))
			.isEqualTo(Outbox.Enqueued.REPEATED);
		assertThat(events(first)).isEmpty();

		// another outlet's report for the same subscription, and the item for the
		// address's other subscription, are duplicates; recorded once however often
		String secondOutlet = "item-" + UUID.randomUUID();
		assertThat(enqueue(first, "Suppressed@Example.org", story, secondOutlet, now.plusSeconds(2)))
			.isEqualTo(Outbox.Enqueued.SUPPRESSED);
		// the same report again is a redelivery: nothing more to record or count
		assertThat(enqueue(first, "Suppressed@Example.org", story, secondOutlet, now.plusSeconds(3)))
			.isEqualTo(Outbox.Enqueued.REPEATED);
		assertThat(alert(second, "suppressed@example.org", story, item, now.plusSeconds(4))).isFalse();

		assertThat(events(first)).containsExactly("suppressed/0/" + now.plusSeconds(2));
		assertThat(events(second)).containsExactly("suppressed/0/" + now.plusSeconds(4));
		assertThat(jdbc.sql("""
				SELECT count(*) FROM dispatch_event e JOIN outbox o ON o.id = e.outbox_id
				WHERE e.subscription_id = :id AND o.subscription_id = :first AND e.message_id IS NULL
				    AND e.enqueued_at IS NULL
				""").param("id", second).param("first", first).query(Long.class).single()).isEqualTo(1L);
	}

	@Test
	void aNewConfirmationSupersedesAnUnsentOneAndHasItsOwnMessageId() {
		Instant now = Instant.parse("2036-01-01T00:00:00Z");
		UUID subscription = subscription("again@example.org", "pending");
		long first = confirmation(subscription, now);
		long second = confirmation(subscription, now.plusSeconds(1));

		assertThat(jdbc.sql("SELECT status FROM outbox WHERE id = :id").param("id", first).query(String.class).single())
			.isEqualTo("cancelled");
		List<OutboxEmail> claimed = outbox.claimDue(now.plusSeconds(1), now.plus(LEASE), 10);
		assertThat(ids(claimed)).containsExactly(second);
		String firstMessageId = jdbc.sql("SELECT message_id FROM outbox WHERE id = :id")
			.param("id", first)
			.query(String.class)
			.single();
		assertThat(claimed.get(0).email().messageId()).isNotEqualTo(firstMessageId);
	}

	@Test
	void migratingKeepsOneAlertPerAddressAndStoryPreferringTheSentOne() {
		jdbc.sql("CREATE DATABASE migration_check").update();
		DataSource dataSource = postgres.getDatabase("postgres", "migration_check");
		Flyway.configure().dataSource(dataSource).target("1").load().migrate();
		JdbcClient old = JdbcClient.create(dataSource);
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		for (UUID id : List.of(first, second)) {
			old.sql("""
					INSERT INTO subscription (id, email, jurisdictions, topics, delivery, status, created_at)
					VALUES (:id, 'Dup@example.org', ARRAY['PK'], ARRAY[]::text[], 'immediate', 'confirmed', now())
					""").param("id", id).update();
		}
		String insert = """
				INSERT INTO outbox (kind, subscription_id, story_id, recipient, subject, text_body, html_body,
				    message_id, status, next_attempt_at, created_at)
				VALUES ('alert', :subscription, 'story-1', :recipient, 's', 't', 'h', :messageId, :status, now(), now())
				""";
		old.sql(insert)
			.param("subscription", first)
			.param("recipient", "Dup@example.org")
			.param("messageId", "<a@test>")
			.param("status", "pending")
			.update();
		old.sql(insert)
			.param("subscription", second)
			.param("recipient", "dup@example.org")
			.param("messageId", "<b@test>")
			.param("status", "sent")
			.update();

		Flyway.configure().dataSource(dataSource).load().migrate();

		assertThat(old.sql("SELECT message_id FROM outbox WHERE story_id = 'story-1'").query(String.class).list())
			.containsExactly("<b@test>");
	}

	@Test
	void migratingKeepsOneLiveSubscriptionPerAddressAndRules() {
		jdbc.sql("CREATE DATABASE rules_key_check").update();
		DataSource dataSource = postgres.getDatabase("postgres", "rules_key_check");
		Flyway.configure().dataSource(dataSource).target("2").load().migrate();
		JdbcClient old = JdbcClient.create(dataSource);
		String insert = """
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, status, created_at)
				VALUES (:id, :email, CAST(:jurisdictions AS text[]), ARRAY['licensing'], 'immediate', :status,
				    now() + CAST(:offset AS interval))
				""";
		UUID pending = UUID.randomUUID();
		UUID confirmed = UUID.randomUUID();
		old.sql(insert)
			.param("id", pending)
			.param("email", "Twice@example.org")
			.param("jurisdictions", new String[] { "PK", "EU", "PK" })
			.param("status", "pending")
			.param("offset", "0 seconds")
			.update();
		old.sql(insert)
			.param("id", confirmed)
			.param("email", "twice@example.org")
			.param("jurisdictions", new String[] { "EU", "PK" })
			.param("status", "confirmed")
			.param("offset", "1 second")
			.update();
		old.sql("""
				INSERT INTO outbox (kind, subscription_id, recipient, subject, text_body, html_body, message_id,
				    next_attempt_at, created_at)
				VALUES ('confirmation', :id, 'Twice@example.org', 's', 't', 'h', '<c@test>', now(), now())
				""").param("id", pending).update();

		Flyway.configure().dataSource(dataSource).load().migrate();

		assertThat(old.sql("SELECT status FROM subscription WHERE id = :id")
			.param("id", confirmed)
			.query(String.class)
			.single()).isEqualTo("confirmed");
		assertThat(old.sql("SELECT status FROM subscription WHERE id = :id")
			.param("id", pending)
			.query(String.class)
			.single()).isEqualTo("unsubscribed");
		assertThat(old.sql("SELECT rules_key FROM subscription WHERE id = :id")
			.param("id", confirmed)
			.query(String.class)
			.single()).isEqualTo("immediate|EU,PK|licensing");
		assertThat(old.sql("SELECT status FROM outbox WHERE message_id = '<c@test>'").query(String.class).single())
			.isEqualTo("cancelled");
	}

	private static UUID subscription(String email, String status) {
		return subscription(email, status, "PK");
	}

	private static UUID subscription(String email, String status, String jurisdiction) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at)
				VALUES (:id, :email, ARRAY[:jurisdiction], ARRAY[]::text[], 'immediate', :rulesKey, :status, now())
				""")
			.param("id", id)
			.param("email", email)
			.param("jurisdiction", jurisdiction)
			.param("rulesKey", "immediate|" + jurisdiction + "|")
			.param("status", status)
			.update();
		return id;
	}

	private static String status(long id) {
		return jdbc.sql("SELECT status FROM outbox WHERE id = :id").param("id", id).query(String.class).single();
	}

	private static List<String> statuses(UUID subscription) {
		return jdbc.sql("SELECT status FROM outbox WHERE subscription_id = :id AND kind = 'alert' ORDER BY id")
			.param("id", subscription)
			.query(String.class)
			.list();
	}

	private static long confirmation(UUID subscription, Instant dueAt) {
		outbox.enqueueConfirmation(subscription, "someone@example.org", email(), dueAt);
		return jdbc.sql("SELECT max(id) FROM outbox WHERE subscription_id = :id")
			.param("id", subscription)
			.query(Long.class)
			.single();
	}

	private static boolean alert(UUID subscription, String recipient, String story, Instant now) {
		return alert(subscription, recipient, story, "item-" + UUID.randomUUID(), now);
	}

	private static boolean alert(UUID subscription, String recipient, String story, String item, Instant now) {
		return enqueue(subscription, recipient, story, item, now) == Outbox.Enqueued.ENQUEUED;
	}

	private static Outbox.Enqueued enqueue(UUID subscription, String recipient, String story, String item,
			Instant now) {
		return outbox.enqueueAlert(subscription, recipient, story, item, "rules-1", "PK", email(),
				"https://alerts.example.org/unsubscribe", now.minusSeconds(2), now);
	}

	/** The subscription's recorded outcomes as {@code outcome/attempts/occurredAt}. */
	private static List<String> events(UUID subscription) {
		return jdbc
			.sql("SELECT outcome, attempts, occurred_at FROM dispatch_event WHERE subscription_id = :id ORDER BY id")
			.param("id", subscription)
			.query((rs, row) -> rs.getString("outcome") + "/" + rs.getInt("attempts") + "/"
					+ rs.getObject("occurred_at", OffsetDateTime.class).toInstant())
			.list();
	}

	private static RenderedEmail email() {
		return new RenderedEmail("subject", "text", "<p>html</p>");
	}

	private static List<Long> ids(List<OutboxEmail> emails) {
		return emails.stream().map(OutboxEmail::id).toList();
	}

}
