package dev.policypulse.ingestion.publishing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The in-memory front of the published items: a bounded cache of keys known to be
 * published, and the keys being published right now. A key is an item id or the key of a
 * text fingerprint ({@link #contentKey}); its value is the id of the published record
 * that carries it. A key counts as published only once the broker acknowledged its
 * record, and only one caller at a time may publish a given key: the others wait for its
 * outcome.
 * <p>
 * The database (see {@link SeenItemStore}) remembers every published item; this cache
 * only saves asking it again for items seen recently, such as every entry of a feed on
 * every poll. The least recently used keys are forgotten first, and a forgotten key is
 * looked up in the database when it comes back.
 */
final class SeenIds {

	private static final String CONTENT_PREFIX = "content:";

	private final Map<String, String> seen;

	private final Map<String, CompletableFuture<String>> inFlight = new HashMap<>();

	SeenIds(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
				return size() > capacity;
			}

		};
	}

	/** The key under which a text fingerprint is remembered. */
	static String contentKey(String contentHash) {
		return CONTENT_PREFIX + contentHash;
	}

	/**
	 * Claims {@code key} for publication.
	 * @param key an item id or content key
	 * @return {@link Claim.State#OWNED} if the caller must now publish it and then
	 * {@link #confirm} or {@link #release} it; otherwise why it must not
	 */
	synchronized Claim claim(String key) {
		String publishedId = this.seen.get(key);
		if (publishedId != null) {
			return new Claim(Claim.State.SEEN, publishedId, null);
		}
		CompletableFuture<String> pending = this.inFlight.get(key);
		if (pending != null) {
			return new Claim(Claim.State.IN_FLIGHT, null, pending);
		}
		this.inFlight.put(key, new CompletableFuture<>());
		return new Claim(Claim.State.OWNED, null, null);
	}

	/**
	 * Marks a claimed key as published under {@code publishedId}; callers waiting for it
	 * learn that id.
	 */
	synchronized void confirm(String key, String publishedId) {
		this.seen.put(key, publishedId);
		CompletableFuture<String> pending = this.inFlight.remove(key);
		if (pending != null) {
			pending.complete(publishedId);
		}
	}

	/**
	 * Gives a claimed key up after a failed publication, so that a later attempt may
	 * publish it.
	 */
	synchronized void release(String key, Throwable cause) {
		CompletableFuture<String> pending = this.inFlight.remove(key);
		if (pending != null) {
			pending.completeExceptionally(cause);
		}
	}

	/**
	 * Remembers a key the database knows as published, without claiming it.
	 * @param key an item id or content key
	 * @param publishedId the id of the record that carries it
	 */
	synchronized void remember(String key, String publishedId) {
		this.seen.put(key, publishedId);
	}

	/**
	 * The id of the record carrying {@code key}, or {@code null} if not known here.
	 */
	synchronized String publishedId(String key) {
		return this.seen.get(key);
	}

	synchronized boolean isSeen(String key) {
		return this.seen.containsKey(key);
	}

	synchronized int size() {
		return this.seen.size();
	}

	/**
	 * The answer to {@link #claim}.
	 *
	 * @param state whether the caller owns the key now
	 * @param publishedId for {@link State#SEEN}, the id of the record that carries it
	 * @param pending for {@link State#IN_FLIGHT}, completes with the published id when
	 * the current owner is done, exceptionally if it failed
	 */
	record Claim(State state, String publishedId, CompletableFuture<String> pending) {

		enum State {

			/** The caller must publish the item. */
			OWNED,

			/** The item was published before. */
			SEEN,

			/** Another caller is publishing the item right now. */
			IN_FLIGHT

		}

	}

}
