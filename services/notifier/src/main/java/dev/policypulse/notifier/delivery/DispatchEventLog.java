package dev.policypulse.notifier.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.policypulse.contracts.AlertDispatched;
import dev.policypulse.contracts.DispatchChannel;
import dev.policypulse.contracts.DispatchOutcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The recorded outcomes of alerts and of digest lines ({@code dispatch_event}), as far as
 * publishing them goes. {@link Outbox} writes them.
 */
@Repository
class DispatchEventLog {

	private final JdbcClient jdbc;

	DispatchEventLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks up to {@code limit} unpublished events, the oldest first, until the current
	 * transaction ends; events another publisher has locked are skipped.
	 */
	List<Recorded> lockUnpublished(int limit) {
		return this.jdbc.sql("""
				SELECT e.id, e.event_id, e.subscription_id, e.item_id, e.story_id, e.outcome, e.attempts,
				    e.classifier_version, e.message_id, e.enqueued_at, e.occurred_at, e.channel,
				    d.cadence || ':' || d.period_start AS digest_period
				FROM dispatch_event e LEFT JOIN digest d ON d.id = e.digest_id AND e.channel = 'digest'
				WHERE e.published_at IS NULL
				ORDER BY e.id
				LIMIT :limit
				FOR UPDATE OF e SKIP LOCKED
				""")
			.param("limit", limit)
			.query((rs, row) -> new Recorded(rs.getLong("id"), new AlertDispatched(rs.getObject("event_id", UUID.class),
					rs.getObject("subscription_id", UUID.class), rs.getString("item_id"), rs.getString("story_id"),
					DispatchOutcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
					rs.getString("classifier_version"), rs.getString("message_id"),
					instant(rs.getObject("enqueued_at", OffsetDateTime.class)),
					instant(rs.getObject("occurred_at", OffsetDateTime.class)),
					DispatchChannel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)),
					rs.getString("digest_period"))))
			.list();
	}

	/** Marks events as acknowledged by the broker. */
	void markPublished(List<Long> ids, Instant now) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.sql("UPDATE dispatch_event SET published_at = :now WHERE id IN (:ids)")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("ids", ids)
			.update();
	}

	/** How many recorded events the broker has not acknowledged yet. */
	long unpublished() {
		return this.jdbc.sql("SELECT count(*) FROM dispatch_event WHERE published_at IS NULL")
			.query(Long.class)
			.single();
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	/**
	 * An event as recorded.
	 *
	 * @param id the row id
	 * @param event the event
	 */
	record Recorded(long id, AlertDispatched event) {
	}

}
