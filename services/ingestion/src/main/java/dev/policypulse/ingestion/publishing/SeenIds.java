package dev.policypulse.ingestion.publishing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The ids of items already published, most recently seen last, bounded by evicting the
 * least recently seen, plus the ids being published right now. An id counts as seen only
 * once the broker acknowledged it, and only one caller at a time may publish a given id:
 * the others wait for its outcome.
 * <p>
 * The ids live in memory. At start-up they are seeded from the keys of the newest records
 * on the ingested topic (up to the capacity, see {@link RecentlyPublishedIds}), so a
 * restart still recognises what was published within that window. Forgotten are ids older
 * than the window, ids evicted beyond the capacity, and whatever seeding did not read
 * because the broker was unreachable or it timed out: such an item, seen again in a feed
 * or posted again, is published again with the same id. Consumers must therefore tolerate
 * a repeated item id; the notifier never alerts a subscriber twice for the same story.
 */
final class SeenIds {

	private final Map<String, Boolean> seen;

	private final Map<String, CompletableFuture<Void>> inFlight = new HashMap<>();

	SeenIds(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Claims {@code id} for publication.
	 * @param id the item id
	 * @return {@link Claim.State#OWNED} if the caller must now publish it and then
	 * {@link #confirm} or {@link #release} it; otherwise why it must not
	 */
	synchronized Claim claim(String id) {
		if (this.seen.get(id) != null) {
			return new Claim(Claim.State.SEEN, CompletableFuture.completedFuture(null));
		}
		CompletableFuture<Void> pending = this.inFlight.get(id);
		if (pending != null) {
			return new Claim(Claim.State.IN_FLIGHT, pending);
		}
		this.inFlight.put(id, new CompletableFuture<>());
		return new Claim(Claim.State.OWNED, null);
	}

	/**
	 * Marks a claimed id as published; callers waiting for it learn it is a duplicate.
	 */
	synchronized void confirm(String id) {
		this.seen.put(id, Boolean.TRUE);
		CompletableFuture<Void> pending = this.inFlight.remove(id);
		if (pending != null) {
			pending.complete(null);
		}
	}

	/**
	 * Gives a claimed id up after a failed publication, so that a later attempt may
	 * publish it.
	 */
	synchronized void release(String id, Throwable cause) {
		CompletableFuture<Void> pending = this.inFlight.remove(id);
		if (pending != null) {
			pending.completeExceptionally(cause);
		}
	}

	/**
	 * Marks ids published before this instance started as seen, in the order given, so
	 * the first are the first evicted.
	 * @param ids published ids, oldest first
	 */
	synchronized void rememberPublished(List<String> ids) {
		for (String id : ids) {
			this.seen.put(id, Boolean.TRUE);
		}
	}

	synchronized boolean isSeen(String id) {
		return this.seen.containsKey(id);
	}

	synchronized int size() {
		return this.seen.size();
	}

	/**
	 * The answer to {@link #claim}.
	 *
	 * @param state whether the caller owns the id now
	 * @param pending completes when the current owner of an {@link State#IN_FLIGHT} id is
	 * done, exceptionally if it failed; {@code null} for {@link State#OWNED}
	 */
	record Claim(State state, CompletableFuture<Void> pending) {

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
