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
import java.util.TreeSet;
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

	/**
	 * Stores a subscription unless the address (case-insensitive) already has a pending
	 * or confirmed one with the same rules. Of two such inserts at once, the second waits
	 * for the first to commit and then inserts nothing.
	 * @return whether it was stored
	 */
	boolean insertUnlessLive(Subscription subscription) {
		return this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at)
				VALUES (:id, :email, :jurisdictions, :topics, :delivery, :rulesKey, :status, :createdAt)
				ON CONFLICT DO NOTHING
				""")
			.param("id", subscription.id())
			.param("email", subscription.email())
			.param("jurisdictions", subscription.jurisdictions().toArray(String[]::new))
			.param("topics", subscription.topics().toArray(String[]::new))
			.param("delivery", subscription.delivery())
			.param("rulesKey", rulesKey(subscription.jurisdictions(), subscription.topics(), subscription.delivery()))
			.param("status", subscription.status().code())
			.param("createdAt", utc(subscription.createdAt()))
			.update() == 1;
	}

	Optional<Subscription> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE id = :id")
			.param("id", id)
			.query(SubscriptionRepository::map)
			.optional();
	}

	/**
	 * The pending or confirmed subscription of the address (case-insensitive) that
	 * follows exactly these jurisdictions and topics (in any order, repeats ignored) with
	 * this delivery; there is at most one.
	 */
	Optional<Subscription> findLive(String email, List<String> jurisdictions, List<String> topics, String delivery) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM subscription
				WHERE lower(email) = lower(:email) AND rules_key = :rulesKey AND status IN ('pending', 'confirmed')
				""")
			.param("email", email)
			.param("rulesKey", rulesKey(jurisdictions, topics, delivery))
			.query(SubscriptionRepository::map)
			.optional();
	}

	/**
	 * The rules in one comparable value, as the database computed it for older rows:
	 * {@code delivery|sorted distinct jurisdictions|sorted distinct topics}.
	 */
	static String rulesKey(List<String> jurisdictions, List<String> topics, String delivery) {
		return delivery + "|" + sortedDistinct(jurisdictions) + "|" + sortedDistinct(topics);
	}

	private static String sortedDistinct(List<String> codes) {
		return String.join(",", new TreeSet<>(codes));
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

	/**
	 * Cancels a subscription; a no-op when it is already cancelled.
	 * @return whether it was cancelled now
	 */
	boolean unsubscribe(UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE subscription SET status = 'unsubscribed', unsubscribed_at = :now
				WHERE id = :id AND status <> 'unsubscribed'
				""").param("id", id).param("now", utc(now)).update() == 1;
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
