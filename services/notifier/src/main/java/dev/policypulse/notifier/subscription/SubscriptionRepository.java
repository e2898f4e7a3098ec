package dev.policypulse.notifier.subscription;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SubscriptionRepository {

	private static final String COLUMNS = "id, email, jurisdictions, topics, delivery, status, created_at";

	private final JdbcClient jdbc;

	SubscriptionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Subscription subscription) {
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, status, created_at)
				VALUES (:id, :email, :jurisdictions, :topics, :delivery, :status, :createdAt)
				""")
			.param("id", subscription.id())
			.param("email", subscription.email())
			.param("jurisdictions", subscription.jurisdictions().toArray(String[]::new))
			.param("topics", subscription.topics().toArray(String[]::new))
			.param("delivery", subscription.delivery())
			.param("status", subscription.status().code())
			.param("createdAt", utc(subscription.createdAt()))
			.update();
	}

	Optional<Subscription> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE id = :id")
			.param("id", id)
			.query(SubscriptionRepository::map)
			.optional();
	}

	/** Holds a transaction-scoped lock on the address (case-insensitive) until commit. */
	void lockAddress(String email) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(lower(:email)))")
			.param("email", email)
			.query((rs, row) -> Boolean.TRUE)
			.single();
	}

	/**
	 * A pending or confirmed subscription of the address (case-insensitive) that follows
	 * exactly these jurisdictions and topics (in any order) with this delivery; a
	 * confirmed one first.
	 */
	Optional<Subscription> findActive(String email, List<String> jurisdictions, List<String> topics, String delivery) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM subscription
				WHERE lower(email) = lower(:email) AND delivery = :delivery
				    AND status IN ('pending', 'confirmed')
				    AND jurisdictions @> CAST(:jurisdictions AS text[])
				    AND jurisdictions <@ CAST(:jurisdictions AS text[])
				    AND topics @> CAST(:topics AS text[]) AND topics <@ CAST(:topics AS text[])
				ORDER BY status = 'confirmed' DESC, created_at
				LIMIT 1
				""")
			.param("email", email)
			.param("delivery", delivery)
			.param("jurisdictions", jurisdictions.toArray(String[]::new))
			.param("topics", topics.toArray(String[]::new))
			.query(SubscriptionRepository::map)
			.optional();
	}

	List<Subscription> findByStatusAndDelivery(SubscriptionStatus status, String delivery) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM subscription WHERE status = :status AND delivery = :delivery ORDER BY created_at, id")
			.param("status", status.code())
			.param("delivery", delivery)
			.query(SubscriptionRepository::map)
			.list();
	}

	/** Confirms a pending subscription; a no-op for any other state. */
	void confirm(UUID id, Instant now) {
		this.jdbc.sql("""
				UPDATE subscription SET status = 'confirmed', confirmed_at = :now
				WHERE id = :id AND status = 'pending'
				""").param("id", id).param("now", utc(now)).update();
	}

	/** Cancels a subscription; a no-op when it is already cancelled. */
	void unsubscribe(UUID id, Instant now) {
		this.jdbc.sql("""
				UPDATE subscription SET status = 'unsubscribed', unsubscribed_at = :now
				WHERE id = :id AND status <> 'unsubscribed'
				""").param("id", id).param("now", utc(now)).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Subscription map(ResultSet rs, int row) throws SQLException {
		return new Subscription(rs.getObject("id", UUID.class), rs.getString("email"),
				strings(rs.getArray("jurisdictions")), strings(rs.getArray("topics")), rs.getString("delivery"),
				SubscriptionStatus.fromCode(rs.getString("status")),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

}
