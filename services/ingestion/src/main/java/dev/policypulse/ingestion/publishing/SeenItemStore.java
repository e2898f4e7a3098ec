package dev.policypulse.ingestion.publishing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The published items in PostgreSQL (tables {@code seen_items} and {@code story_items}):
 * every item id and text fingerprint ingestion has published or recognised, and the story
 * fingerprints of the items of the story window. Rows are written only after the broker
 * acknowledged the record they describe.
 */
@Component
class SeenItemStore {

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	SeenItemStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Looks an item up by its id and by its text fingerprint.
	 * @param itemId the item's id
	 * @param contentHash its text fingerprint, or {@code null}
	 * @param textsSince how far back a text fingerprint counts
	 * @return what is known, preferring a match of the id
	 */
	Optional<Known> find(String itemId, String contentHash, Instant textsSince) {
		// An id is known for good; the same text under another address only for a
		// while, so that a source repeating a stock text is not silenced for ever.
		List<Known> found = this.jdbc.query(
				"SELECT item_id, published_id FROM seen_items WHERE item_id = ? OR (content_hash = ? AND seen_at >= ?)"
						+ " ORDER BY (item_id = ?) DESC, seen_at LIMIT 1",
				(rs, row) -> new Known(rs.getString("published_id"), rs.getString("item_id").equals(itemId)), itemId,
				contentHash, utc(textsSince), itemId);
		return found.stream().findFirst();
	}

	/**
	 * Records a published item and its story fingerprint, in one transaction; an item
	 * recorded before is left as it is.
	 */
	void recordPublished(PublishedItem item) {
		this.transactions.executeWithoutResult((status) -> {
			insertSeen(List.of(item));
			insertStories(List.of(item));
		});
	}

	/**
	 * Records many published items at once, as read back from the topic.
	 */
	void recordAll(List<PublishedItem> items) {
		for (int start = 0; start < items.size(); start += BATCH) {
			List<PublishedItem> batch = items.subList(start, Math.min(items.size(), start + BATCH));
			this.transactions.executeWithoutResult((status) -> {
				insertSeen(batch);
				insertStories(batch.stream().filter((item) -> item.fingerprint() != null).toList());
			});
		}
	}

	/**
	 * Records an item that was not published because another item carries the same text.
	 * @param itemId the item's id
	 * @param publishedId the id of the item that carries its text
	 * @param seenAt when it was seen
	 */
	void recordAlias(String itemId, String publishedId, Instant seenAt) {
		this.jdbc.update("INSERT INTO seen_items (item_id, published_id, content_hash, seen_at) VALUES (?, ?, NULL, ?)"
				+ " ON CONFLICT (item_id) DO NOTHING", itemId, publishedId, utc(seenAt));
	}

	/** Whether no item was ever recorded. */
	boolean isEmpty() {
		return !Boolean.TRUE
			.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM seen_items)", Boolean.class));
	}

	/**
	 * The ids seen most recently, for the in-memory cache.
	 * @param limit the most to read
	 * @return item id and published id, oldest first
	 */
	List<Known> newest(int limit) {
		List<Known> newest = new ArrayList<>(
				this.jdbc.query("SELECT item_id, published_id FROM seen_items ORDER BY seen_at DESC LIMIT ?",
						(rs, row) -> new Known(rs.getString("published_id"), true, rs.getString("item_id")), limit));
		Collections.reverse(newest);
		return newest;
	}

	/**
	 * The story fingerprints of the items published since {@code since}, oldest first.
	 */
	List<StoredStory> storiesSince(Instant since, int limit) {
		// The newest ones when there are more than the index holds, restored oldest
		// first.
		List<StoredStory> newest = new ArrayList<>(this.jdbc.query(
				"SELECT item_id, story_id, published_at, features, places, signature FROM story_items"
						+ " WHERE published_at >= ? ORDER BY published_at DESC, item_id DESC LIMIT ?",
				SeenItemStore::story, utc(since), limit));
		Collections.reverse(newest);
		return newest;
	}

	/**
	 * Deletes the story fingerprints of items published before {@code before}.
	 * @return how many were deleted
	 */
	int deleteStoriesBefore(Instant before) {
		return this.jdbc.update("DELETE FROM story_items WHERE published_at < ?", utc(before));
	}

	private void insertSeen(List<PublishedItem> items) {
		this.jdbc.batchUpdate(
				"INSERT INTO seen_items (item_id, published_id, content_hash, seen_at) VALUES (?, ?, ?, ?)"
						+ " ON CONFLICT (item_id) DO NOTHING",
				items.stream()
					.map((item) -> new Object[] { item.itemId(), item.itemId(), item.contentHash(),
							utc(item.seenAt()) })
					.toList());
	}

	private void insertStories(List<PublishedItem> items) {
		this.jdbc.batchUpdate(
				"INSERT INTO story_items (item_id, story_id, published_at, features, places, signature)"
						+ " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO NOTHING",
				items.stream()
					.map((item) -> new Object[] { item.itemId(), item.storyId(), utc(item.publishedAt()),
							item.fingerprint().featureBytes(), item.fingerprint().placeList(),
							MinHash.toBytes(item.signature()) })
					.toList());
	}

	private static StoredStory story(ResultSet rs, int row) throws SQLException {
		return new StoredStory(rs.getString("item_id"), rs.getString("story_id"),
				rs.getObject("published_at", OffsetDateTime.class).toInstant(),
				StoryFingerprint.fromStorage(rs.getBytes("features"), rs.getString("places")),
				MinHash.fromBytes(rs.getBytes("signature")));
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * A recognised item.
	 *
	 * @param publishedId the id of the record that carries it
	 * @param byId whether it was found by its id rather than by its text
	 * @param itemId the id it was recorded under
	 */
	record Known(String publishedId, boolean byId, String itemId) {

		Known(String publishedId, boolean byId) {
			this(publishedId, byId, null);
		}

	}

	/**
	 * A published item, as recorded.
	 *
	 * @param itemId its id
	 * @param contentHash its text fingerprint, or {@code null}
	 * @param seenAt when it was published
	 * @param storyId its story
	 * @param publishedAt its publication time, which places it in the story window
	 * @param fingerprint its story fingerprint, or {@code null} to record none
	 * @param signature its MinHash signature, or {@code null} to record none
	 */
	record PublishedItem(String itemId, String contentHash, Instant seenAt, String storyId, Instant publishedAt,
			StoryFingerprint fingerprint, int[] signature) {

	}

	/**
	 * The story fingerprint of a published item.
	 *
	 * @param itemId its id
	 * @param storyId its story
	 * @param publishedAt its publication time
	 * @param fingerprint its words and places
	 * @param signature its MinHash signature, or {@code null} if stored with other
	 * MinHash parameters
	 */
	record StoredStory(String itemId, String storyId, Instant publishedAt, StoryFingerprint fingerprint,
			int[] signature) {

	}

}
