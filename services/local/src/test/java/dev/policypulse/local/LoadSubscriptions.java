package dev.policypulse.local;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Confirmed subscriptions written straight into the notifier's database, following a
 * spread of jurisdictions and topics: most follow one to three jurisdictions, some follow
 * topics only, some both. Each has an address of its own.
 */
final class LoadSubscriptions {

	/** One subscription; empty jurisdictions or topics mean "any". */
	record Subscription(UUID id, String email, List<String> jurisdictions, List<String> topics) {

		String rulesKey() {
			return "immediate|" + String.join(",", new TreeSet<>(this.jurisdictions)) + "|"
					+ String.join(",", new TreeSet<>(this.topics));
		}

	}

	private LoadSubscriptions() {
	}

	static List<Subscription> generate(int count, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Subscription> subscriptions = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			double kind = random.nextDouble();
			TreeSet<String> jurisdictions = new TreeSet<>();
			TreeSet<String> topics = new TreeSet<>();
			if (kind < 0.85) {
				int n = 1 + random.nextInt(3);
				while (jurisdictions.size() < n) {
					jurisdictions.add(LoadItems.pickJurisdiction(random).code());
				}
			}
			if (kind >= 0.6) {
				int n = 1 + random.nextInt(2);
				while (topics.size() < n) {
					topics.add(LoadItems.pickTopic(random));
				}
			}
			subscriptions.add(new Subscription(new UUID(seed, i), String.format("reader-%05d@load.example", i),
					List.copyOf(jurisdictions), List.copyOf(topics)));
		}
		return subscriptions;
	}

	/** Inserts the subscriptions, confirmed, for immediate alerts. */
	static void insert(String jdbcUrl, String user, String password, List<Subscription> subscriptions)
			throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
			connection.setAutoCommit(false);
			String sql = "INSERT INTO subscription (id, email, jurisdictions, topics, delivery, status, created_at, "
					+ "confirmed_at, rules_key) VALUES (?, ?, ?, ?, 'immediate', 'confirmed', ?, ?, ?)";
			try (PreparedStatement insert = connection.prepareStatement(sql)) {
				Timestamp now = Timestamp.from(Instant.now());
				int batched = 0;
				for (Subscription each : subscriptions) {
					Array jurisdictions = connection.createArrayOf("text", each.jurisdictions().toArray());
					Array topics = connection.createArrayOf("text", each.topics().toArray());
					insert.setObject(1, each.id());
					insert.setString(2, each.email());
					insert.setArray(3, jurisdictions);
					insert.setArray(4, topics);
					insert.setTimestamp(5, now);
					insert.setTimestamp(6, now);
					insert.setString(7, each.rulesKey());
					insert.addBatch();
					if (++batched % 1000 == 0) {
						insert.executeBatch();
					}
				}
				insert.executeBatch();
			}
			connection.commit();
		}
	}

}
