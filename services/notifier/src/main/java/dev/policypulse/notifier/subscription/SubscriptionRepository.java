package dev.policypulse.notifier.subscription;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import dev.policypulse.contracts.Severity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SubscriptionRepository {

	private static final String COLUMNS = """
			id, email, jurisdictions, include_eu_member_states, topics, min_severity, policy_moves_only, keywords,
			delivery, timezone, digest_hour, digest_repeats, paused, status, created_at""";

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
		Preferences preferences = subscription.preferences();
		return this.jdbc
			.sql("""
					INSERT INTO subscription (id, email, jurisdictions, include_eu_member_states, topics, min_severity,
					    policy_moves_only, keywords, delivery, timezone, digest_hour, digest_repeats, paused, rules_key, status,
					    created_at)
					VALUES (:id, :email, :jurisdictions, :euMembers, :topics, :minSeverity, :movesOnly, :keywords,
					    :delivery, :timezone, :digestHour, :digestRepeats, :paused, :rulesKey, :status, :createdAt)
					ON CONFLICT DO NOTHING
					""")
			.param("id", subscription.id())
			.param("email", subscription.email())
			.param("jurisdictions", preferences.jurisdictions().toArray(String[]::new))
			.param("euMembers", preferences.includeEuMemberStates())
			.param("topics", preferences.topics().toArray(String[]::new))
			.param("minSeverity", code(preferences.minSeverity()))
			.param("movesOnly", preferences.policyMovesOnly())
			.param("keywords", preferences.keywords().toArray(String[]::new))
			.param("delivery", preferences.delivery())
			.param("timezone", preferences.timezone().getId())
			.param("digestHour", preferences.digestHour())
			.param("digestRepeats", preferences.digestRepeats())
			.param("paused", preferences.paused())
			.param("rulesKey", rulesKey(preferences))
			.param("status", subscription.status().code())
			.param("createdAt", utc(subscription.createdAt()))
			.update() == 1;
	}

	/**
	 * Replaces the preferences of a subscription that is not cancelled.
	 * @return whether it was changed
	 * @throws org.springframework.dao.DuplicateKeyException if the address has another
	 * live subscription with the same rules
	 */
	boolean updatePreferences(UUID id, Preferences preferences, Instant now) {
		return this.jdbc.sql("""
				UPDATE subscription SET jurisdictions = :jurisdictions, include_eu_member_states = :euMembers,
				    topics = :topics, min_severity = :minSeverity, policy_moves_only = :movesOnly, keywords = :keywords,
				    delivery = :delivery, timezone = :timezone, digest_hour = :digestHour,
				    digest_repeats = :digestRepeats, paused = :paused,
				    rules_key = :rulesKey, updated_at = :now
				WHERE id = :id AND status <> 'unsubscribed'
				""")
			.param("id", id)
			.param("jurisdictions", preferences.jurisdictions().toArray(String[]::new))
			.param("euMembers", preferences.includeEuMemberStates())
			.param("topics", preferences.topics().toArray(String[]::new))
			.param("minSeverity", code(preferences.minSeverity()))
			.param("movesOnly", preferences.policyMovesOnly())
			.param("keywords", preferences.keywords().toArray(String[]::new))
			.param("delivery", preferences.delivery())
			.param("timezone", preferences.timezone().getId())
			.param("digestHour", preferences.digestHour())
			.param("digestRepeats", preferences.digestRepeats())
			.param("paused", preferences.paused())
			.param("rulesKey", rulesKey(preferences))
			.param("now", utc(now))
			.update() == 1;
	}

	Optional<Subscription> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE id = :id")
			.param("id", id)
			.query(SubscriptionRepository::map)
			.optional();
	}

	/**
	 * The pending or confirmed subscription of the address (case-insensitive) with these
	 * rules ({@link #rulesKey}); there is at most one.
	 */
	Optional<Subscription> findLive(String email, Preferences preferences) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM subscription
				WHERE lower(email) = lower(:email) AND rules_key = :rulesKey AND status IN ('pending', 'confirmed')
				""")
			.param("email", email)
			.param("rulesKey", rulesKey(preferences))
			.query(SubscriptionRepository::map)
			.optional();
	}

	/** Confirmed, unpaused subscriptions, oldest first. */
	List<Subscription> findActive() {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM subscription WHERE status = 'confirmed' AND NOT paused ORDER BY created_at, id
				""").query(SubscriptionRepository::map).list();
	}

	/**
	 * One page of subscriptions, oldest first (ties by id, so that pages never overlap).
	 * @param email only this address (case-insensitive), or {@code null} for every one
	 * @param statuses only these states
	 */
	List<Subscription> findPage(String email, Collection<SubscriptionStatus> statuses, long offset, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM subscription" + filter(email)
					+ " ORDER BY created_at, id OFFSET :offset LIMIT :limit")
			.params(filterParams(email, statuses))
			.param("offset", offset)
			.param("limit", limit)
			.query(SubscriptionRepository::map)
			.list();
	}

	long count(String email, Collection<SubscriptionStatus> statuses) {
		return this.jdbc.sql("SELECT count(*) FROM subscription" + filter(email))
			.params(filterParams(email, statuses))
			.query(Long.class)
			.single();
	}

	private static String filter(String email) {
		return " WHERE status IN (:statuses)" + ((email != null) ? " AND lower(email) = lower(:email)" : "");
	}

	private static Map<String, Object> filterParams(String email, Collection<SubscriptionStatus> statuses) {
		Map<String, Object> params = new HashMap<>();
		params.put("statuses", statuses.stream().map(SubscriptionStatus::code).toList());
		if (email != null) {
			params.put("email", email);
		}
		return params;
	}

	/**
	 * Confirms a pending subscription; a no-op for any other state.
	 * @return whether it was confirmed now
	 */
	boolean confirm(UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE subscription SET status = 'confirmed', confirmed_at = :now, updated_at = :now
				WHERE id = :id AND status = 'pending'
				""").param("id", id).param("now", utc(now)).update() == 1;
	}

	/**
	 * Cancels a subscription; a no-op when it is already cancelled.
	 * @return whether it was cancelled now
	 */
	boolean unsubscribe(UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE subscription SET status = 'unsubscribed', unsubscribed_at = :now, updated_at = :now
				WHERE id = :id AND status <> 'unsubscribed'
				""").param("id", id).param("now", utc(now)).update() == 1;
	}

	/**
	 * Everything that makes two subscriptions of an address the same, in one comparable
	 * value: {@code delivery|sorted distinct jurisdictions|sorted distinct topics},
	 * followed only by the choices that differ from their defaults. Pausing is not part
	 * of it. Subscriptions stored before the other choices existed have the defaults, so
	 * their keys, computed by the database in older versions, stay valid.
	 */
	static String rulesKey(Preferences preferences) {
		StringBuilder key = new StringBuilder(preferences.delivery());
		if (!Subscription.IMMEDIATE.equals(preferences.delivery())) {
			key.append('@').append(preferences.timezone().getId()).append('/').append(preferences.digestHour());
			if (preferences.digestRepeats()) {
				key.append("+repeats");
			}
		}
		key.append('|')
			.append(sortedDistinct(preferences.jurisdictions()))
			.append('|')
			.append(sortedDistinct(preferences.topics()));
		// the option changes nothing for a subscription that does not follow the EU
		if (preferences.includeEuMemberStates() && preferences.jurisdictions().contains("EU")) {
			key.append("|eu-member-states");
		}
		if (preferences.minSeverity() != Severity.LOW) {
			key.append("|min-severity=").append(code(preferences.minSeverity()));
		}
		if (!preferences.policyMovesOnly()) {
			key.append("|any-item");
		}
		if (!preferences.keywords().isEmpty()) {
			key.append("|keywords=")
				.append(sortedDistinct(preferences.keywords().stream().map(Preferences::comparableForm).toList()));
		}
		return key.toString();
	}

	private static String sortedDistinct(List<String> codes) {
		return String.join(",", new TreeSet<>(codes));
	}

	static String code(Severity severity) {
		return severity.name().toLowerCase(Locale.ROOT);
	}

	static Severity severity(String code) {
		return Severity.valueOf(code.toUpperCase(Locale.ROOT));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Subscription map(ResultSet rs, int row) throws SQLException {
		Preferences preferences = new Preferences(strings(rs.getArray("jurisdictions")),
				rs.getBoolean("include_eu_member_states"), strings(rs.getArray("topics")),
				severity(rs.getString("min_severity")), rs.getBoolean("policy_moves_only"),
				strings(rs.getArray("keywords")), rs.getString("delivery"), ZoneId.of(rs.getString("timezone")),
				rs.getInt("digest_hour"), rs.getBoolean("digest_repeats"), rs.getBoolean("paused"));
		return new Subscription(rs.getObject("id", UUID.class), rs.getString("email"), preferences,
				SubscriptionStatus.fromCode(rs.getString("status")),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

}
