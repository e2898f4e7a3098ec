package dev.policypulse.ingestion.health;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps source health in the {@code source_health} table, one row per source, with the
 * dates of its newest new items as epoch seconds.
 */
@Component
class JdbcSourceHealthStore implements SourceHealthStore {

	private static final String UPSERT = """
			insert into source_health (source_id, last_success, last_error, last_error_message,
			    consecutive_failures, last_new_item, recent_item_times, updated_at)
			values (?, ?, ?, ?, ?, ?, ?, now())
			on conflict (source_id) do update set last_success = excluded.last_success,
			    last_error = excluded.last_error, last_error_message = excluded.last_error_message,
			    consecutive_failures = excluded.consecutive_failures, last_new_item = excluded.last_new_item,
			    recent_item_times = excluded.recent_item_times, updated_at = excluded.updated_at
			""";

	private final JdbcTemplate jdbc;

	JdbcSourceHealthStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<StoredHealth> loadAll() {
		return this.jdbc.query("""
				select source_id, last_success, last_error, last_error_message, consecutive_failures,
				    last_new_item, recent_item_times
				from source_health""", (row, number) -> read(row));
	}

	@Override
	public void saveAll(List<StoredHealth> changes) {
		this.jdbc.batchUpdate(UPSERT, changes, 500, JdbcSourceHealthStore::write);
	}

	private static StoredHealth read(ResultSet row) throws SQLException {
		List<Instant> times = new ArrayList<>();
		Array array = row.getArray("recent_item_times");
		if (array != null) {
			for (Object seconds : (Object[]) array.getArray()) {
				times.add(Instant.ofEpochSecond(((Number) seconds).longValue()));
			}
		}
		return new StoredHealth(row.getString("source_id"), instant(row, "last_success"), instant(row, "last_error"),
				row.getString("last_error_message"), row.getInt("consecutive_failures"), instant(row, "last_new_item"),
				times, 0);
	}

	private static void write(PreparedStatement statement, StoredHealth health) throws SQLException {
		statement.setString(1, health.sourceId());
		setInstant(statement, 2, health.lastSuccess());
		setInstant(statement, 3, health.lastError());
		statement.setString(4, health.lastErrorMessage());
		statement.setInt(5, health.consecutiveFailures());
		setInstant(statement, 6, health.lastNewItem());
		Long[] seconds = health.itemTimes().stream().map(Instant::getEpochSecond).toArray(Long[]::new);
		statement.setArray(7, statement.getConnection().createArrayOf("bigint", seconds));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
		if (instant == null) {
			statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
		}
	}

}
