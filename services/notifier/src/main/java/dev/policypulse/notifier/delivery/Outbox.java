package dev.policypulse.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.email.OutgoingEmail;
import dev.policypulse.notifier.email.RenderedEmail;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The emails to send and the record of what was sent to whom. Writers insert in the same
 * transaction as the change that calls for the email; the dispatcher sends what is due.
 * <p>
 * Every final outcome of an alert (sent, given up, cancelled) is also written to
 * {@code dispatch_event}, in the statement that records it, and so is every alert not
 * enqueued because the address already had one about the story (suppressed), in the
 * enqueuing transaction; {@link DispatchedEventPublisher} publishes them.
 */
@Repository
class Outbox {

	static final String ALERT = "alert";

	static final String CONFIRMATION = "confirmation";

	static final String DIGEST = "digest";

	/**
	 * Follows a {@code WITH changed AS (UPDATE outbox ... RETURNING ...)} clause: writes
	 * the dispatch event of each changed alert, and of each item listed in each changed
	 * digest (items a full digest only counted get none). {@code changed} returns the
	 * outbox columns the event needs, with {@code attempts} as the event counts them and
	 * {@code occurred_at} the time of the outcome. The event id is derived from
	 * subscription, item and outcome, so recording the same outcome twice adds nothing.
	 */
	private static final String RECORD_EVENTS = """
			, recorded AS (
			    INSERT INTO dispatch_event (event_id, outbox_id, subscription_id, item_id, story_id, outcome, attempts,
			        classifier_version, message_id, enqueued_at, occurred_at)
			    SELECT md5(subscription_id::text || '|' || item_id || '|' || :outcome)::uuid, id, subscription_id,
			        item_id, story_id, :outcome, attempts, classifier_version, message_id, created_at, occurred_at
			    FROM changed
			    WHERE kind = 'alert'
			    ON CONFLICT (event_id) DO NOTHING)
			, recorded_lines AS (
			    INSERT INTO dispatch_event (event_id, outbox_id, subscription_id, item_id, story_id, outcome, attempts,
			        classifier_version, message_id, enqueued_at, occurred_at, channel, digest_id)
			    SELECT md5(c.subscription_id::text || '|' || line.item_id || '|digest|' || :outcome)::uuid, c.id,
			        c.subscription_id, line.item_id, line.story_id, :outcome, c.attempts, source.classifier_version,
			        c.message_id, c.created_at, c.occurred_at, 'digest', c.digest_id
			    FROM changed c
			    JOIN digest_item line ON line.digest_id = c.digest_id AND line.status = 'included'
			    JOIN digest_source source ON source.item_id = line.item_id
			    WHERE c.kind = 'digest'
			    ON CONFLICT (event_id) DO NOTHING)
			SELECT count(*) FROM changed
			""";

	/**
	 * Whether one of the recipient's digests (of any of its subscriptions) that was sent
	 * or is on its way listed the story.
	 */
	private static final String IN_A_DIGEST = """
			SELECT 1 FROM digest_item line JOIN subscription s ON s.id = line.subscription_id
			    JOIN outbox d ON d.digest_id = line.digest_id AND d.status IN ('pending', 'sent')
			WHERE line.story_id = :storyId AND line.status = 'included' AND lower(s.email) = lower(:recipient)
			""";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcOperations batch;

	Outbox(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/**
	 * Enqueues an alert unless the recipient already heard of the story: through an alert
	 * to this subscription or another of the same address (compared case-insensitively),
	 * or listed in one of the address's digests. An alert not enqueued for that reason is
	 * recorded as suppressed, unless the alert the address has is this very item's for
	 * this very subscription (the item arrived again).
	 * <p>
	 * A digest composed at the very moment an alert about one of its stories is enqueued
	 * may not see the alert, nor the alert the digest; the address then hears of the
	 * story twice, once in each form.
	 * @return {@link Enqueued#ENQUEUED}, {@link Enqueued#SUPPRESSED} (recorded as such)
	 * or {@link Enqueued#REPEATED} (this subscription already has this item, or a
	 * cancelled alert about its story)
	 */
	Enqueued enqueueAlert(UUID subscriptionId, String recipient, String storyId, String itemId,
			String classifierVersion, String matchedRules, RenderedEmail content, String unsubscribeUrl,
			Instant ingestedAt, Instant now) {
		return enqueueAlerts(List.of(new Alert(subscriptionId, recipient, storyId, itemId, classifierVersion,
				matchedRules, content, null, unsubscribeUrl, ingestedAt, now)))
			.get(0);
	}

	/**
	 * Enqueues several alerts as {@link #enqueueAlert} does each, in the order given, as
	 * two batches of statements (the alerts, then the suppressed records of those not
	 * enqueued) instead of a round trip per alert.
	 * @return what became of each alert, in the same order
	 */
	List<Enqueued> enqueueAlerts(List<Alert> alerts) {
		if (alerts.isEmpty()) {
			return List.of();
		}
		// no conflict target: either uniqueness rule (per subscription, per address)
		// drops the row. PostgreSQL's driver reports the exact count of each INSERT ...
		// SELECT in a batch (it only rewrites INSERT ... VALUES), so 1 means written.
		int[] inserted = this.batch.batchUpdate("""
				INSERT INTO outbox (kind, subscription_id, story_id, item_id, classifier_version, matched_rules,
				    recipient, subject, text_body, html_body, rules, list_unsubscribe, message_id, next_attempt_at,
				    created_at, ingested_at)
				SELECT 'alert', :subscriptionId, :storyId, :itemId, :classifierVersion, :matchedRules,
				    :recipient, :subject, :text, :html, :rules, :unsubscribeUrl, :messageId, :now, :now, :ingestedAt
				WHERE NOT EXISTS (""" + IN_A_DIGEST + """
				    )
				ON CONFLICT DO NOTHING
				""", alerts.stream().map(Outbox::alertParameters).toArray(SqlParameterSource[]::new));
		List<Alert> notInserted = new ArrayList<>();
		for (int i = 0; i < alerts.size(); i++) {
			if (inserted[i] != 1) {
				notInserted.add(alerts.get(i));
			}
		}
		int[] suppressed = recordSuppressed(notInserted);
		List<Enqueued> outcomes = new ArrayList<>(alerts.size());
		int next = 0;
		for (int i = 0; i < alerts.size(); i++) {
			if (inserted[i] == 1) {
				outcomes.add(Enqueued.ENQUEUED);
			}
			else {
				outcomes.add((suppressed[next++] == 1) ? Enqueued.SUPPRESSED : Enqueued.REPEATED);
			}
		}
		return outcomes;
	}

	private static SqlParameterSource alertParameters(Alert alert) {
		return new MapSqlParameterSource().addValue("subscriptionId", alert.subscriptionId())
			.addValue("storyId", alert.storyId())
			.addValue("itemId", alert.itemId())
			.addValue("classifierVersion", alert.classifierVersion())
			.addValue("matchedRules", alert.matchedRules())
			.addValue("recipient", alert.recipient())
			.addValue("subject", (alert.content() != null) ? alert.content().subject() : null)
			.addValue("text", (alert.content() != null) ? alert.content().text() : null)
			.addValue("html", (alert.content() != null) ? alert.content().html() : null)
			.addValue("rules", alert.rules())
			.addValue("unsubscribeUrl", alert.unsubscribeUrl())
			.addValue("messageId", messageId(alert.subscriptionId(), alert.storyId(), ALERT))
			.addValue("ingestedAt", utc(alert.ingestedAt()))
			.addValue("now", utc(alert.now()));
	}

	/**
	 * An alert to enqueue: its subscription, recipient and item, and either its rendered
	 * email or, to be rendered by the dispatch pass ({@link #unrenderedDue}), why the
	 * subscriber gets it as JSON (the item itself stored with {@link #storeAlertItem}).
	 */
	record Alert(UUID subscriptionId, String recipient, String storyId, String itemId, String classifierVersion,
			String matchedRules, @Nullable RenderedEmail content, @Nullable String rules, String unsubscribeUrl,
			Instant ingestedAt, Instant now) {

		Alert {
			if ((content == null) == (rules == null)) {
				throw new IllegalArgumentException("An alert has either its email or the rules to render it with");
			}
		}

	}

	/**
	 * Keeps a verdict (as JSON) for rendering the alerts enqueued about it: one per item
	 * and classifier version, so that an alert caused by a re-classification shows the
	 * verdict that caused it.
	 */
	void storeAlertItem(String itemId, String classifierVersion, String payload, Instant now) {
		this.jdbc.sql("""
				INSERT INTO alert_item (item_id, classifier_version, payload, created_at)
				VALUES (:itemId, :classifierVersion, :payload, :now)
				ON CONFLICT (item_id, classifier_version) DO NOTHING
				""")
			.param("itemId", itemId)
			.param("classifierVersion", classifierVersion)
			.param("payload", payload)
			.param("now", utc(now))
			.update();
	}

	/**
	 * Locks (until the caller's transaction ends) and returns up to {@code limit} pending
	 * alerts that are due and not rendered yet, with their item; rows another pass has
	 * locked are skipped.
	 */
	List<Unrendered> unrenderedDue(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT o.id, o.subscription_id, o.item_id, o.classifier_version, o.rules, a.payload
				FROM outbox o
				    LEFT JOIN alert_item a ON a.item_id = o.item_id AND a.classifier_version = o.classifier_version
				WHERE o.subject IS NULL AND o.status = 'pending' AND o.next_attempt_at <= :now
				ORDER BY o.next_attempt_at, o.id
				LIMIT :limit
				FOR UPDATE OF o SKIP LOCKED
				""")
			.param("now", utc(now))
			.param("limit", limit)
			.query((rs, row) -> new Unrendered(rs.getLong("id"), rs.getObject("subscription_id", UUID.class),
					rs.getString("item_id"), rs.getString("classifier_version"), rs.getString("rules"),
					rs.getString("payload")))
			.list();
	}

	/** Stores the rendered emails of alerts returned by {@link #unrenderedDue}. */
	void storeRendered(List<Rendered> rendered) {
		if (rendered.isEmpty()) {
			return;
		}
		this.batch.batchUpdate("""
				UPDATE outbox SET subject = :subject, text_body = :text, html_body = :html
				WHERE id = :id AND subject IS NULL
				""",
				rendered.stream()
					.map((email) -> new MapSqlParameterSource().addValue("id", email.id())
						.addValue("subject", email.content().subject())
						.addValue("text", email.content().text())
						.addValue("html", email.content().html()))
					.toArray(SqlParameterSource[]::new));
	}

	/**
	 * Gives up an alert that cannot be rendered (its stored item or rules cannot be
	 * read): recorded as failed, like an email the SMTP server refused for good.
	 */
	boolean markUnrenderable(long id, Instant now, String error) {
		return changed(
				"""
						WITH changed AS (
						    UPDATE outbox SET status = 'failed', failed_at = :now, last_error = :error
						    WHERE id = :id AND status = 'pending' AND subject IS NULL
						    RETURNING id, kind, subscription_id, item_id, story_id, classifier_version, message_id, created_at, digest_id,
						        attempts, failed_at AS occurred_at)
						""",
				"failed")
			.param("id", id)
			.param("now", utc(now))
			.param("error", error)
			.query(Integer.class)
			.single() == 1;
	}

	/**
	 * Writes an item's immediate alerts as one row, expanded later by {@link #fanoutsDue}
	 * and {@link #enqueueAlerts}.
	 * @param recipients the recipients as JSON (an array of {@link Recipient})
	 */
	void storeFanout(String itemId, String storyId, String classifierVersion, @Nullable Instant ingestedAt,
			String recipients, Instant now) {
		this.jdbc.sql("""
				INSERT INTO alert_fanout (item_id, story_id, classifier_version, ingested_at, recipients, created_at)
				VALUES (:itemId, :storyId, :classifierVersion, :ingestedAt, :recipients, :now)
				ON CONFLICT (item_id, classifier_version) DO NOTHING
				""")
			.param("itemId", itemId)
			.param("storyId", storyId)
			.param("classifierVersion", classifierVersion)
			.param("ingestedAt", (ingestedAt != null) ? utc(ingestedAt) : null)
			.param("recipients", recipients)
			.param("now", utc(now))
			.update();
	}

	/**
	 * Locks (until the caller's transaction ends) and returns up to {@code limit} items
	 * whose alerts are not expanded yet, oldest first; rows another pass has locked are
	 * skipped.
	 */
	List<Fanout> fanoutsDue(int limit) {
		return this.jdbc.sql("""
				SELECT id, item_id, story_id, classifier_version, ingested_at, recipients
				FROM alert_fanout
				WHERE expanded_at IS NULL
				ORDER BY id
				LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""")
			.param("limit", limit)
			.query((rs, row) -> new Fanout(rs.getLong("id"), rs.getString("item_id"), rs.getString("story_id"),
					rs.getString("classifier_version"), instant(rs.getObject("ingested_at", OffsetDateTime.class)),
					rs.getString("recipients")))
			.list();
	}

	/** Records that an item's alerts were expanded into the outbox. */
	void markExpanded(long fanoutId, Instant now) {
		this.jdbc.sql("UPDATE alert_fanout SET expanded_at = :now WHERE id = :id")
			.param("id", fanoutId)
			.param("now", utc(now))
			.update();
	}

	/** Whether fewer than {@code limit} due alerts wait to be rendered. */
	boolean fewerUnrenderedThan(int limit, Instant now) {
		return this.jdbc.sql("""
				SELECT count(*) FROM (
				    SELECT 1 FROM outbox WHERE subject IS NULL AND status = 'pending' AND next_attempt_at <= :now
				    LIMIT :limit) waiting
				""").param("now", utc(now)).param("limit", limit).query(Long.class).single() < limit;
	}

	/** An item whose immediate alerts wait to be expanded. */
	record Fanout(long id, String itemId, String storyId, String classifierVersion, @Nullable Instant ingestedAt,
			String recipients) {
	}

	/**
	 * One recipient of an item's alert, as the consumer writes it: the subscription, its
	 * address and why it gets the alert (in words for the outbox, and the rules for
	 * rendering). Its unsubscribe link is made when the alert is expanded, to keep the
	 * row the consumer writes small.
	 */
	record Recipient(UUID subscriptionId, String recipient, String matchedRules, MatchedRules rules) {
	}

	/**
	 * A recipient as read back to expand the alert: the rules as JSON, an object (a
	 * string in rows written by earlier versions, which also hold the unsubscribe link).
	 */
	record StoredRecipient(UUID subscriptionId, String recipient, String matchedRules, JsonNode rules,
			@Nullable String unsubscribeUrl) {

		/** The rules as the JSON text an outbox row keeps. */
		String rulesJson(JsonMapper json) {
			return this.rules.isString() ? this.rules.asString() : json.writeValueAsString(this.rules);
		}

	}

	/**
	 * A pending alert to render, with the verdict it is about as stored ({@code null} if
	 * it was not).
	 */
	record Unrendered(long id, UUID subscriptionId, String itemId, String classifierVersion, String rules,
			@Nullable String itemPayload) {
	}

	/** The rendered email of an alert. */
	record Rendered(long id, RenderedEmail content) {
	}

	/** What became of an alert to enqueue. */
	enum Enqueued {

		/** Written to the outbox. */
		ENQUEUED,

		/**
		 * Not written: the address already heard of the story; recorded as suppressed.
		 */
		SUPPRESSED,

		/**
		 * Not written and not recorded: the same item arrived again for the same
		 * subscription, or the subscription's alert about the story was cancelled.
		 */
		REPEATED

	}

	private int[] recordSuppressed(List<Alert> alerts) {
		if (alerts.isEmpty()) {
			return new int[0];
		}
		return this.batch.batchUpdate("""
				INSERT INTO dispatch_event (event_id, outbox_id, digest_id, subscription_id, item_id, story_id, outcome,
				    attempts, classifier_version, occurred_at)
				SELECT md5(CAST(:subscriptionId AS text) || '|' || :itemId || '|suppressed')::uuid, told.outbox_id,
				    told.digest_id, :subscriptionId, :itemId, :storyId, 'suppressed', 0, :classifierVersion, :now
				FROM (
				    (SELECT o.id AS outbox_id, CAST(NULL AS bigint) AS digest_id, 0 AS rank
				     FROM outbox o
				     WHERE o.kind = 'alert' AND o.story_id = :storyId AND o.status <> 'cancelled'
				         AND (lower(o.recipient) = lower(:recipient) OR o.subscription_id = :subscriptionId)
				         AND NOT (o.subscription_id = :subscriptionId AND o.item_id = :itemId)
				     ORDER BY o.id
				     LIMIT 1)
				    UNION ALL
				    (SELECT d.id, line.digest_id, 1
				     FROM digest_item line JOIN subscription s ON s.id = line.subscription_id
				         JOIN outbox d ON d.digest_id = line.digest_id AND d.status IN ('pending', 'sent')
				     WHERE line.story_id = :storyId AND line.status = 'included'
				         AND lower(s.email) = lower(:recipient)
				         AND NOT EXISTS (SELECT 1 FROM outbox o
				                         WHERE o.kind = 'alert' AND o.story_id = :storyId AND o.status <> 'cancelled'
				                             AND o.subscription_id = :subscriptionId AND o.item_id = :itemId)
				     ORDER BY line.id
				     LIMIT 1)) told
				ORDER BY told.rank
				LIMIT 1
				ON CONFLICT (event_id) DO NOTHING
				""",
				alerts.stream()
					.map((alert) -> new MapSqlParameterSource().addValue("subscriptionId", alert.subscriptionId())
						.addValue("recipient", alert.recipient())
						.addValue("storyId", alert.storyId())
						.addValue("itemId", alert.itemId())
						.addValue("classifierVersion", alert.classifierVersion())
						.addValue("now", utc(alert.now())))
					.toArray(SqlParameterSource[]::new));
	}

	/**
	 * Enqueues a digest. Its {@code Message-ID} derives from the subscription and period,
	 * so that one period's digest could not be enqueued twice even if it were composed
	 * twice.
	 * @param digestId the digest's record, whose listed items the email's outcome applies
	 * to
	 * @param period the period's key, such as {@code daily:2026-05-04}
	 * @return whether a row was inserted
	 */
	boolean enqueueDigest(UUID subscriptionId, long digestId, String recipient, String period, RenderedEmail content,
			String unsubscribeUrl, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO outbox (kind, subscription_id, digest_id, recipient, subject, text_body, html_body,
				    list_unsubscribe, message_id, next_attempt_at, created_at)
				VALUES ('digest', :subscriptionId, :digestId, :recipient, :subject, :text, :html, :unsubscribeUrl,
				    :messageId, :now, :now)
				ON CONFLICT DO NOTHING
				""")
			.param("subscriptionId", subscriptionId)
			.param("digestId", digestId)
			.param("recipient", recipient)
			.param("subject", content.subject())
			.param("text", content.text())
			.param("html", content.html())
			.param("unsubscribeUrl", unsubscribeUrl)
			.param("messageId", messageId(subscriptionId, period, DIGEST))
			.param("now", utc(now))
			.update() == 1;
	}

	/**
	 * Records as suppressed each item a digest left out because the address already heard
	 * of its story (status {@code alerted}).
	 */
	void recordLeftOutOfDigest(long digestId, Instant now) {
		this.jdbc.sql("""
				INSERT INTO dispatch_event (event_id, digest_id, subscription_id, item_id, story_id, outcome, attempts,
				    classifier_version, occurred_at, channel)
				SELECT md5(line.subscription_id::text || '|' || line.item_id || '|digest|suppressed')::uuid,
				    line.digest_id, line.subscription_id, line.item_id, line.story_id, 'suppressed', 0,
				    source.classifier_version, :now, 'digest'
				FROM digest_item line JOIN digest_source source ON source.item_id = line.item_id
				WHERE line.digest_id = :digestId AND line.status = 'alerted'
				ON CONFLICT (event_id) DO NOTHING
				""").param("digestId", digestId).param("now", utc(now)).update();
	}

	/**
	 * Enqueues a confirmation email. An older one for the same subscription that has not
	 * gone out yet is cancelled: its link is superseded and one email is enough.
	 */
	void enqueueConfirmation(UUID subscriptionId, String recipient, RenderedEmail content, Instant now) {
		this.jdbc.sql("""
				UPDATE outbox SET status = 'cancelled', cancelled_at = :now, claimed_until = NULL, claim_token = NULL
				WHERE subscription_id = :subscriptionId AND kind = 'confirmation' AND status = 'pending'
				    AND (claimed_until IS NULL OR claimed_until <= :now)
				""").param("subscriptionId", subscriptionId).param("now", utc(now)).update();
		this.jdbc.sql("""
				INSERT INTO outbox (kind, subscription_id, recipient, subject, text_body, html_body, message_id,
				    next_attempt_at, created_at)
				VALUES ('confirmation', :subscriptionId, :recipient, :subject, :text, :html, :messageId, :now, :now)
				""")
			.param("subscriptionId", subscriptionId)
			.param("recipient", recipient)
			.param("subject", content.subject())
			.param("text", content.text())
			.param("html", content.html())
			// a subscription may be sent several confirmations; each row keeps its own id
			// for retries
			.param("messageId", messageId(subscriptionId, UUID.randomUUID().toString(), CONFIRMATION))
			.param("now", utc(now))
			.update();
	}

	/**
	 * Cancels every email of the subscription that has not gone out yet, including one
	 * being sent at this moment: that one may still reach the SMTP server, but is not
	 * marked sent afterwards.
	 * @return how many emails were cancelled
	 */
	int cancelPending(UUID subscriptionId, Instant now) {
		return cancelPending(subscriptionId, now, true);
	}

	/**
	 * Cancels the alerts and digests of the subscription that have not gone out yet, as
	 * {@link #cancelPending(UUID, Instant)} does, but no confirmation email.
	 * @return how many emails were cancelled
	 */
	int cancelPendingNews(UUID subscriptionId, Instant now) {
		return cancelPending(subscriptionId, now, false);
	}

	private int cancelPending(UUID subscriptionId, Instant now, boolean confirmations) {
		return changed(
				"""
						WITH changed AS (
						    UPDATE outbox SET status = 'cancelled', cancelled_at = :now, claimed_until = NULL,
						        claim_token = NULL
						    WHERE subscription_id = :subscriptionId AND status = 'pending'
						        AND (:confirmations OR kind <> 'confirmation')
						    RETURNING id, kind, subscription_id, item_id, story_id, classifier_version, message_id, created_at, digest_id,
						        attempts, cancelled_at AS occurred_at)
						""",
				"cancelled")
			.param("subscriptionId", subscriptionId)
			.param("confirmations", confirmations)
			.param("now", utc(now))
			.query(Integer.class)
			.single();
	}

	/**
	 * Cancels the emails left pending for subscriptions that were cancelled (every kind)
	 * or are paused (alerts and digests). Unsubscribing and pausing cancel what is
	 * pending in their own transaction, but an alert enqueued by a transaction that
	 * matched the subscription just before that commit lands just after it: without this
	 * it would wait for ever, or go out once the pause ends. Emails being sent at this
	 * moment are left to their pass.
	 * @return how many emails were cancelled
	 */
	int cancelStranded(Instant now) {
		return changed("""
				WITH changed AS (
				    UPDATE outbox o SET status = 'cancelled', cancelled_at = :now, claimed_until = NULL,
				        claim_token = NULL
				    FROM subscription s
				    WHERE s.id = o.subscription_id AND o.status = 'pending'
				        AND (o.claimed_until IS NULL OR o.claimed_until <= :now)
				        AND (s.status = 'unsubscribed' OR (s.paused AND o.kind <> 'confirmation'))
				    RETURNING o.id, o.kind, o.subscription_id, o.item_id, o.story_id, o.classifier_version,
				        o.message_id, o.created_at, o.digest_id, o.attempts, o.cancelled_at AS occurred_at)
				""", "cancelled").param("now", utc(now)).query(Integer.class).single();
	}

	/**
	 * Claims up to {@code limit} due emails until {@code leaseEnd}, in one short
	 * statement: other dispatchers skip them until then, and no lock is held while they
	 * are sent. Rows another dispatcher is claiming at this moment are skipped; a claim
	 * whose lease ran out (its holder died or was too slow) can be taken again, under a
	 * new token, which voids the old one. Alerts and digests are only due while their
	 * subscription is confirmed and not paused: pausing cancels them, and this guards
	 * against any queued while the pause was being written.
	 * @return the claimed emails, the longest due first
	 */
	List<OutboxEmail> claimDue(Instant now, Instant leaseEnd, int limit) {
		UUID token = UUID.randomUUID();
		return this.jdbc.sql("""
				UPDATE outbox o SET claimed_until = :leaseEnd, claim_token = :token
				WHERE o.id IN (
				    SELECT d.id
				    FROM outbox d JOIN subscription s ON s.id = d.subscription_id
				    WHERE d.status = 'pending' AND d.next_attempt_at <= :now AND d.subject IS NOT NULL
				        AND (d.claimed_until IS NULL OR d.claimed_until <= :now)
				        AND (d.kind = 'confirmation' OR (s.status = 'confirmed' AND NOT s.paused))
				    ORDER BY d.next_attempt_at, d.id
				    LIMIT :limit
				    FOR UPDATE OF d SKIP LOCKED)
				RETURNING o.id, o.kind, o.attempts, o.next_attempt_at, o.recipient, o.subject, o.text_body,
				    o.html_body, o.message_id, o.list_unsubscribe, o.ingested_at
				""")
			.param("now", utc(now))
			.param("leaseEnd", utc(leaseEnd))
			.param("token", token)
			.param("limit", limit)
			.query((rs, row) -> new Claimed(rs.getObject("next_attempt_at", OffsetDateTime.class),
					new OutboxEmail(rs.getLong("id"), token, rs.getString("kind"), rs.getInt("attempts"),
							new OutgoingEmail(rs.getString("recipient"),
									new RenderedEmail(rs.getString("subject"), rs.getString("text_body"),
											rs.getString("html_body")),
									rs.getString("message_id"), rs.getString("list_unsubscribe")),
							instant(rs.getObject("ingested_at", OffsetDateTime.class)))))
			.list()
			.stream()
			// RETURNING keeps no order
			.sorted(Comparator.comparing(Claimed::nextAttemptAt).thenComparing((claimed) -> claimed.email().id()))
			.map(Claimed::email)
			.toList();
	}

	/**
	 * Gives up claims without an attempt, so that the next pass can take the emails at
	 * once. Emails claimed anew by another pass meanwhile are left alone.
	 */
	void release(List<OutboxEmail> emails) {
		if (emails.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				UPDATE outbox SET claimed_until = NULL, claim_token = NULL
				WHERE id IN (:ids) AND claim_token = :token AND status = 'pending'
				""")
			.param("ids", emails.stream().map(OutboxEmail::id).toList())
			.param("token", emails.get(0).claim())
			.update();
	}

	/**
	 * Records that the SMTP server accepted the email, provided the claim still holds: an
	 * email cancelled meanwhile stays cancelled, and one claimed anew by another pass
	 * (after this claim's lease ran out) is that pass's to record.
	 * @return whether the row was marked sent
	 */
	boolean markSent(OutboxEmail email, Instant now) {
		// the event counts the successful attempt too
		return changed(
				"""
						WITH changed AS (
						    UPDATE outbox SET status = 'sent', sent_at = :now, last_attempt_at = :now, last_error = NULL,
						        claimed_until = NULL, claim_token = NULL
						    WHERE id = :id AND claim_token = :token AND status = 'pending'
						    RETURNING id, kind, subscription_id, item_id, story_id, classifier_version, message_id, created_at, digest_id,
						        attempts + 1 AS attempts, sent_at AS occurred_at)
						""",
				"sent")
			.param("id", email.id())
			.param("token", email.claim())
			.param("now", utc(now))
			.query(Integer.class)
			.single() == 1;
	}

	/** Records a failed attempt and when to try again, provided the claim still holds. */
	boolean markFailed(OutboxEmail email, int attempts, Instant now, Instant nextAttemptAt, String error) {
		return this.jdbc.sql("""
				UPDATE outbox SET attempts = :attempts, next_attempt_at = :next, last_attempt_at = :now,
				    last_error = :error, claimed_until = NULL, claim_token = NULL
				WHERE id = :id AND claim_token = :token AND status = 'pending'
				""")
			.param("id", email.id())
			.param("token", email.claim())
			.param("attempts", attempts)
			.param("now", utc(now))
			.param("next", utc(nextAttemptAt))
			.param("error", error)
			.update() == 1;
	}

	/**
	 * Gives the email up for good (status {@code failed}), provided the claim still
	 * holds.
	 */
	boolean markAbandoned(OutboxEmail email, int attempts, Instant now, String error) {
		return changed(
				"""
						WITH changed AS (
						    UPDATE outbox SET status = 'failed', failed_at = :now, last_attempt_at = :now, attempts = :attempts,
						        last_error = :error, claimed_until = NULL, claim_token = NULL
						    WHERE id = :id AND claim_token = :token AND status = 'pending'
						    RETURNING id, kind, subscription_id, item_id, story_id, classifier_version, message_id, created_at, digest_id,
						        attempts, failed_at AS occurred_at)
						""",
				"failed")
			.param("id", email.id())
			.param("token", email.claim())
			.param("attempts", attempts)
			.param("now", utc(now))
			.param("error", error)
			.query(Integer.class)
			.single() == 1;
	}

	/**
	 * A statement that changes outbox rows (the {@code changed} CTE) and records the
	 * outcome of the alerts among them; it answers how many rows changed.
	 */
	private JdbcClient.StatementSpec changed(String changedCte, String outcome) {
		return this.jdbc.sql(changedCte + RECORD_EVENTS).param("outcome", outcome);
	}

	/** {@code <hex@policypulse>}, the same for every attempt at the same email. */
	static String messageId(UUID subscriptionId, String storyId, String kind) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((subscriptionId + "|" + storyId + "|" + kind).getBytes(StandardCharsets.UTF_8));
			return "<" + HexFormat.of().formatHex(digest).substring(0, 32) + "@policypulse>";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private record Claimed(OffsetDateTime nextAttemptAt, OutboxEmail email) {
	}

}
