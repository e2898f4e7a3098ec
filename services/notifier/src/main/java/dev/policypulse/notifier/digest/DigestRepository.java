package dev.policypulse.notifier.digest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.policypulse.contracts.PolicyItemClassified;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The items that wait for a digest, and the record of the digests composed. */
@Repository
class DigestRepository {

	/**
	 * A subscription's waiting items recorded up to the due time, each with whether the
	 * address already has its story ({@code told}): from an alert that was sent or is on
	 * its way, or listed in another of its digests.
	 */
	private static final String PENDING = """
			SELECT d.id, source.item::text AS item, d.matched_rules::text AS rules,
			    (EXISTS (SELECT 1 FROM outbox o
			             WHERE o.kind = 'alert' AND o.story_id = d.story_id AND lower(o.recipient) = lower(:recipient)
			                 AND o.status IN ('pending', 'sent'))
			     OR EXISTS (SELECT 1 FROM digest_item e JOIN subscription t ON t.id = e.subscription_id
			                    JOIN outbox m ON m.digest_id = e.digest_id AND m.status IN ('pending', 'sent')
			                WHERE e.story_id = d.story_id AND e.status = 'included' AND e.id <> d.id
			                    AND lower(t.email) = lower(:recipient))) AS told
			FROM digest_item d JOIN digest_source source ON source.item_id = d.item_id
			WHERE d.subscription_id = :subscriptionId AND d.status = 'pending' AND d.recorded_at <= :dueAt
			ORDER BY d.recorded_at, d.id
			FOR UPDATE OF d
			""";

	private final JdbcClient jdbc;

	DigestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records an item for the next digest of each of the subscriptions, unless a
	 * subscription already has one of the story. The item itself is stored once.
	 * @param subscriptionIds the subscriptions
	 * @param rulesJson for each subscription, the rules the item hit, as JSON
	 * @return how many subscriptions it was recorded for
	 */
	int recordItem(PolicyItemClassified item, String itemJson, List<UUID> subscriptionIds, List<String> rulesJson,
			Instant now) {
		this.jdbc.sql("""
				INSERT INTO digest_source (item_id, story_id, classifier_version, item, recorded_at)
				VALUES (:itemId, :storyId, :classifierVersion, CAST(:item AS jsonb), :now)
				ON CONFLICT DO NOTHING
				""")
			.param("itemId", item.id())
			.param("storyId", item.item().storyId())
			.param("classifierVersion", item.classifierVersion())
			.param("item", itemJson)
			.param("now", utc(now))
			.update();
		return this.jdbc.sql("""
				INSERT INTO digest_item (subscription_id, story_id, item_id, matched_rules, recorded_at)
				SELECT matched.subscription_id, :storyId, :itemId, CAST(matched.rules AS jsonb), :now
				FROM unnest(CAST(:subscriptionIds AS uuid[]), CAST(:rules AS text[])) AS matched(subscription_id, rules)
				ON CONFLICT DO NOTHING
				""")
			.param("storyId", item.item().storyId())
			.param("itemId", item.id())
			.param("subscriptionIds", subscriptionIds.stream().map(UUID::toString).toArray(String[]::new))
			.param("rules", rulesJson.toArray(String[]::new))
			.param("now", utc(now))
			.update();
	}

	/**
	 * Gives up the waiting items of subscriptions that were cancelled or went back to
	 * immediate alerts: they would never be sent.
	 * @return how many were given up
	 */
	int discardUnwanted() {
		return this.jdbc.sql("""
				UPDATE digest_item d SET status = 'discarded'
				FROM subscription s
				WHERE s.id = d.subscription_id AND d.status = 'pending'
				    AND (s.status = 'unsubscribed' OR s.delivery NOT IN ('daily', 'weekly'))
				""").update();
	}

	/**
	 * The confirmed, unpaused daily and weekly subscriptions that have items waiting,
	 * with what decides when their digests are due.
	 */
	List<Waiting> waiting() {
		return this.jdbc.sql("""
				SELECT d.subscription_id, s.delivery, s.timezone, s.digest_hour, min(d.recorded_at) AS oldest
				FROM digest_item d JOIN subscription s ON s.id = d.subscription_id
				WHERE d.status = 'pending' AND s.status = 'confirmed' AND NOT s.paused
				    AND s.delivery IN ('daily', 'weekly')
				GROUP BY d.subscription_id, s.delivery, s.timezone, s.digest_hour
				ORDER BY oldest, d.subscription_id
				""")
			.query((rs, row) -> new Waiting(rs.getObject("subscription_id", UUID.class), rs.getString("delivery"),
					ZoneId.of(rs.getString("timezone")), rs.getInt("digest_hour"),
					rs.getObject("oldest", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Claims the period for its digest. Of two composers at once, the second waits for
	 * the first to commit and then gets nothing; so does any composer after it.
	 * @return the digest's id, or empty if the period was claimed before
	 */
	Optional<Long> start(UUID subscriptionId, DigestPeriod period, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO digest (subscription_id, cadence, period_start, due_at, composed_at)
				VALUES (:subscriptionId, :cadence, :start, :dueAt, :now)
				ON CONFLICT DO NOTHING
				RETURNING id
				""")
			.param("subscriptionId", subscriptionId)
			.param("cadence", period.cadence())
			.param("start", period.start())
			.param("dueAt", utc(period.dueAt()))
			.param("now", utc(now))
			.query(Long.class)
			.optional();
	}

	/**
	 * The subscription's items recorded up to {@code dueAt} that wait for a digest,
	 * locked, oldest first, each saying whether the address already has its story.
	 */
	List<Pending> pending(UUID subscriptionId, String recipient, Instant dueAt) {
		return this.jdbc.sql(PENDING)
			.param("subscriptionId", subscriptionId)
			.param("recipient", recipient)
			.param("dueAt", utc(dueAt))
			.query((rs, row) -> new Pending(rs.getLong("id"), rs.getString("item"), rs.getString("rules"),
					rs.getBoolean("told")))
			.list();
	}

	/** Marks items as taken by a digest, with what became of them. */
	void assign(List<Long> itemIds, String status, long digestId) {
		if (itemIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("UPDATE digest_item SET status = :status, digest_id = :digestId WHERE id IN (:ids)")
			.param("status", status)
			.param("digestId", digestId)
			.param("ids", itemIds)
			.update();
	}

	/** Gives up items that cannot be shown (their stored form no longer reads). */
	void discard(List<Long> itemIds) {
		if (itemIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("UPDATE digest_item SET status = 'discarded' WHERE id IN (:ids)").param("ids", itemIds).update();
	}

	/** Records how many items the digest told about. */
	void finish(long digestId, int itemCount) {
		this.jdbc.sql("UPDATE digest SET item_count = :count WHERE id = :id")
			.param("id", digestId)
			.param("count", itemCount)
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A subscription with items waiting.
	 *
	 * @param subscriptionId the subscription
	 * @param delivery {@code daily} or {@code weekly}
	 * @param timezone its time zone
	 * @param digestHour its digest hour
	 * @param oldest when its oldest waiting item was recorded
	 */
	record Waiting(UUID subscriptionId, String delivery, ZoneId timezone, int digestHour, Instant oldest) {
	}

	/**
	 * An item waiting for a digest.
	 *
	 * @param id the row id
	 * @param item the classified item as JSON
	 * @param rules the rules it hit as JSON
	 * @param told whether the address already has its story
	 */
	record Pending(long id, String item, String rules, boolean told) {
	}

}
