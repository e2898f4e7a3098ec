package dev.policypulse.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
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
	 * Enqueues an alert unless the recipient already has one for the story, through this
	 * subscription or another of the same address (compared case-insensitively).
	 * @return whether a row was inserted
	 */
	boolean enqueueAlert(UUID subscriptionId, String recipient, String storyId, String itemId, String classifierVersion,
			String matchedRules, RenderedEmail content, String unsubscribeUrl, Instant now) {
		// no conflict target: either uniqueness rule (per subscription, per address)
		// drops the row
		return this.jdbc.sql("""
				INSERT INTO outbox (kind, subscription_id, story_id, item_id, classifier_version, matched_rules,
				    recipient, subject, text_body, html_body, list_unsubscribe, message_id, next_attempt_at, created_at)
				VALUES ('alert', :subscriptionId, :storyId, :itemId, :classifierVersion, :matchedRules,
				    :recipient, :subject, :text, :html, :unsubscribeUrl, :messageId, :now, :now)
				ON CONFLICT DO NOTHING
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

	/**
	 * Enqueues a confirmation email. An older one for the same subscription that has not
	 * gone out yet is cancelled: its link is superseded and one email is enough.
	 */
	void enqueueConfirmation(UUID subscriptionId, String recipient, RenderedEmail content, Instant now) {
		this.jdbc.sql("""
				UPDATE outbox SET status = 'cancelled', claimed_until = NULL, claim_token = NULL
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
	int cancelPending(UUID subscriptionId) {
		return this.jdbc.sql("""
				UPDATE outbox SET status = 'cancelled', claimed_until = NULL, claim_token = NULL
				WHERE subscription_id = :subscriptionId AND status = 'pending'
				""").param("subscriptionId", subscriptionId).update();
	}

	/**
	 * Claims up to {@code limit} due emails until {@code leaseEnd}, in one short
	 * statement: other dispatchers skip them until then, and no lock is held while they
	 * are sent. Rows another dispatcher is claiming at this moment are skipped; a claim
	 * whose lease ran out (its holder died or was too slow) can be taken again, under a
	 * new token, which voids the old one. Alerts are only due while their subscription is
	 * confirmed.
	 * @return the claimed emails, the longest due first
	 */
	List<OutboxEmail> claimDue(Instant now, Instant leaseEnd, int limit) {
		UUID token = UUID.randomUUID();
		return this.jdbc.sql("""
				UPDATE outbox o SET claimed_until = :leaseEnd, claim_token = :token
				WHERE o.id IN (
				    SELECT d.id
				    FROM outbox d JOIN subscription s ON s.id = d.subscription_id
				    WHERE d.status = 'pending' AND d.next_attempt_at <= :now
				        AND (d.claimed_until IS NULL OR d.claimed_until <= :now)
				        AND (d.kind = 'confirmation' OR s.status = 'confirmed')
				    ORDER BY d.next_attempt_at, d.id
				    LIMIT :limit
				    FOR UPDATE OF d SKIP LOCKED)
				RETURNING o.id, o.kind, o.attempts, o.next_attempt_at, o.recipient, o.subject, o.text_body,
				    o.html_body, o.message_id, o.list_unsubscribe
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
									rs.getString("message_id"), rs.getString("list_unsubscribe")))))
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
		return this.jdbc.sql("""
				UPDATE outbox SET status = 'sent', sent_at = :now, last_error = NULL, claimed_until = NULL,
				    claim_token = NULL
				WHERE id = :id AND claim_token = :token AND status = 'pending'
				""").param("id", email.id()).param("token", email.claim()).param("now", utc(now)).update() == 1;
	}

	/** Records a failed attempt and when to try again, provided the claim still holds. */
	boolean markFailed(OutboxEmail email, int attempts, Instant nextAttemptAt, String error) {
		return this.jdbc.sql("""
				UPDATE outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :error,
				    claimed_until = NULL, claim_token = NULL
				WHERE id = :id AND claim_token = :token AND status = 'pending'
				""")
			.param("id", email.id())
			.param("token", email.claim())
			.param("attempts", attempts)
			.param("next", utc(nextAttemptAt))
			.param("error", error)
			.update() == 1;
	}

	/**
	 * Gives the email up for good (status {@code failed}), provided the claim still
	 * holds.
	 */
	boolean markAbandoned(OutboxEmail email, int attempts, Instant now, String error) {
		return this.jdbc.sql("""
				UPDATE outbox SET status = 'failed', failed_at = :now, attempts = :attempts, last_error = :error,
				    claimed_until = NULL, claim_token = NULL
				WHERE id = :id AND claim_token = :token AND status = 'pending'
				""")
			.param("id", email.id())
			.param("token", email.claim())
			.param("attempts", attempts)
			.param("now", utc(now))
			.param("error", error)
			.update() == 1;
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

	private record Claimed(OffsetDateTime nextAttemptAt, OutboxEmail email) {
	}

}
