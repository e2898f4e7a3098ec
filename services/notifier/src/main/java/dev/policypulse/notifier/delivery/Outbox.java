package dev.policypulse.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.policypulse.notifier.email.OutgoingEmail;
import dev.policypulse.notifier.email.RenderedEmail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The emails to send and the record of what was sent to whom. Writers insert in the same
 * transaction as the change that calls for the email; the dispatcher sends what is due.
 */
@Repository
class Outbox {

	static final String ALERT = "alert";

	static final String CONFIRMATION = "confirmation";

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Enqueues an alert unless this subscription already has one for the story.
	 * @return whether a row was inserted
	 */
	boolean enqueueAlert(UUID subscriptionId, String recipient, String storyId, String itemId,
			String classifierVersion, String matchedRules, RenderedEmail content, String unsubscribeUrl, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO outbox (kind, subscription_id, story_id, item_id, classifier_version, matched_rules,
				    recipient, subject, text_body, html_body, list_unsubscribe, message_id, next_attempt_at, created_at)
				VALUES ('alert', :subscriptionId, :storyId, :itemId, :classifierVersion, :matchedRules,
				    :recipient, :subject, :text, :html, :unsubscribeUrl, :messageId, :now, :now)
				ON CONFLICT (subscription_id, story_id) DO NOTHING
				""")
			.param("subscriptionId", subscriptionId)
			.param("storyId", storyId)
			.param("itemId", itemId)
			.param("classifierVersion", classifierVersion)
			.param("matchedRules", matchedRules)
			.param("recipient", recipient)
			.param("subject", content.subject())
			.param("text", content.text())
			.param("html", content.html())
			.param("unsubscribeUrl", unsubscribeUrl)
			.param("messageId", messageId(subscriptionId, storyId, ALERT))
			.param("now", utc(now))
			.update() == 1;
	}

	void enqueueConfirmation(UUID subscriptionId, String recipient, RenderedEmail content, Instant now) {
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
			.param("messageId", messageId(subscriptionId, "-", CONFIRMATION))
			.param("now", utc(now))
			.update();
	}

	/** Drops pending alerts of subscriptions that were cancelled after the alert was enqueued. */
	int cancelAlertsOfInactiveSubscriptions() {
		return this.jdbc.sql("""
				UPDATE outbox o SET status = 'cancelled'
				FROM subscription s
				WHERE s.id = o.subscription_id AND o.status = 'pending' AND o.kind = 'alert'
				    AND s.status <> 'confirmed'
				""").update();
	}

	/**
	 * Locks up to {@code limit} due emails for the current transaction, skipping rows that another
	 * dispatcher holds. Alerts are only due while their subscription is confirmed.
	 */
	List<OutboxEmail> claimDue(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT o.id, o.kind, o.attempts, o.recipient, o.subject, o.text_body, o.html_body,
				    o.message_id, o.list_unsubscribe
				FROM outbox o JOIN subscription s ON s.id = o.subscription_id
				WHERE o.status = 'pending' AND o.next_attempt_at <= :now
				    AND (o.kind = 'confirmation' OR s.status = 'confirmed')
				ORDER BY o.next_attempt_at, o.id
				LIMIT :limit
				FOR UPDATE OF o SKIP LOCKED
				""")
			.param("now", utc(now))
			.param("limit", limit)
			.query((rs, row) -> new OutboxEmail(rs.getLong("id"), rs.getString("kind"), rs.getInt("attempts"),
					new OutgoingEmail(rs.getString("recipient"),
							new RenderedEmail(rs.getString("subject"), rs.getString("text_body"),
									rs.getString("html_body")),
							rs.getString("message_id"), rs.getString("list_unsubscribe"))))
			.list();
	}

	void markSent(long id, Instant now) {
		this.jdbc.sql("UPDATE outbox SET status = 'sent', sent_at = :now, last_error = NULL WHERE id = :id")
			.param("id", id)
			.param("now", utc(now))
			.update();
	}

	void markFailed(long id, int attempts, Instant nextAttemptAt, String error) {
		this.jdbc.sql("""
				UPDATE outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :error
				WHERE id = :id
				""")
			.param("id", id)
			.param("attempts", attempts)
			.param("next", utc(nextAttemptAt))
			.param("error", error)
			.update();
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
		return instant.atOffset(ZoneOffset.UTC);
	}

}
