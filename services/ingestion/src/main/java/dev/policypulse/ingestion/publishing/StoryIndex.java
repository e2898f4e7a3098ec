package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The items of the story window, in memory, indexed by the LSH bands of their MinHash
 * signatures (see {@link MinHash}), to find the story a new item belongs to.
 * <p>
 * A new item joins the story of the most similar item in the window whose similarity
 * reaches the threshold; ties go to the earlier item, then to the smaller id, so the
 * outcome depends only on the items and their order. Without such an item it starts a
 * story of its own, whose id is its own id. The window is measured on the items'
 * publication times: an item is compared only with items published at most a window
 * before or after it, and only while they are not older than a window by the clock.
 * <p>
 * Items are kept in one segment per day of publication; a day leaves the index as a whole
 * once it is entirely older than the window, or, when the index is full, oldest day first
 * (an item of the oldest day left is then not indexed). Thread-safe.
 */
final class StoryIndex {

	/**
	 * Fewest words an item needs to be compared at all: a handful of words matches too
	 * much by chance.
	 */
	static final int MIN_FEATURES = 4;

	private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

	private final Duration window;

	private final double threshold;

	private final int capacity;

	private final Clock clock;

	private final TreeMap<Long, Segment> segments = new TreeMap<>();

	private int size;

	/** Numbers the lookups, to compare each candidate once per lookup. */
	private int queries;

	StoryIndex(Duration window, double threshold, int capacity, Clock clock) {
		this.window = window;
		this.threshold = threshold;
		this.capacity = capacity;
		this.clock = clock;
	}

	/**
	 * Finds the story of a new item and adds the item to the index.
	 * @param itemId the item's id
	 * @param fingerprint its words and places
	 * @param signature its MinHash signature
	 * @param publishedAt when it was published
	 * @return its story
	 */
	synchronized Assignment assign(String itemId, StoryFingerprint fingerprint, int[] signature, Instant publishedAt) {
		expire();
		Entry best = null;
		double bestSimilarity = 0;
		long time = publishedAt.toEpochMilli();
		long earliest = Math.max(time - this.window.toMillis(), oldestAllowed());
		long latest = time + this.window.toMillis();
		// An item published long before the window has nothing in it to join.
		if (fingerprint.features().length >= MIN_FEATURES && earliest <= latest) {
			long[] keys = MinHash.bandKeys(signature);
			int query = ++this.queries;
			for (Segment segment : this.segments.subMap(day(earliest), true, day(latest), true).values()) {
				for (long key : keys) {
					for (int slot = segment.firstSlot(key); slot >= 0; slot = segment.nextSlot(key, slot)) {
						Entry candidate = segment.entry(slot);
						// Compared once per lookup, however many bands it shares.
						if (candidate.lastQuery == query) {
							continue;
						}
						candidate.lastQuery = query;
						if (candidate.removed || candidate.time < earliest || candidate.time > latest) {
							continue;
						}
						double similarity = fingerprint.similarity(candidate.fingerprint);
						if (similarity >= this.threshold
								&& (best == null || isBetter(similarity, candidate, bestSimilarity, best))) {
							best = candidate;
							bestSimilarity = similarity;
						}
					}
				}
			}
		}
		String storyId = (best != null) ? best.storyId : itemId;
		add(itemId, storyId, fingerprint, signature, time);
		return (best != null) ? new Assignment(storyId, best.itemId, bestSimilarity) : new Assignment(storyId, null, 0);
	}

	/**
	 * Adds an item whose story is known, as read back from storage. Items older than the
	 * window, or without enough words, are not kept.
	 */
	synchronized void restore(String itemId, String storyId, StoryFingerprint fingerprint, int[] signature,
			Instant publishedAt) {
		add(itemId, storyId, fingerprint, signature, publishedAt.toEpochMilli());
		expire();
	}

	/**
	 * Forgets an item that was assigned but not published after all, so that no later
	 * item joins its story through it.
	 */
	synchronized void remove(String itemId) {
		for (Segment segment : this.segments.values()) {
			for (Entry entry : segment.entries) {
				if (!entry.removed && entry.itemId.equals(itemId)) {
					entry.removed = true;
				}
			}
		}
	}

	/** Items in the index. */
	synchronized int size() {
		return this.size;
	}

	private void add(String itemId, String storyId, StoryFingerprint fingerprint, int[] signature, long time) {
		if (fingerprint.features().length < MIN_FEATURES || time < oldestAllowed()) {
			return;
		}
		long day = day(time);
		while (this.size >= this.capacity && !this.segments.isEmpty() && this.segments.firstKey() < day) {
			this.size -= this.segments.pollFirstEntry().getValue().entries.size();
		}
		if (this.size >= this.capacity) {
			// Only newer days are left: the item is published but cannot be joined.
			return;
		}
		Entry entry = new Entry(itemId, storyId, fingerprint, time);
		this.segments.computeIfAbsent(day, (key) -> new Segment()).add(entry, MinHash.bandKeys(signature));
		this.size++;
	}

	private void expire() {
		long oldestDay = day(oldestAllowed());
		while (!this.segments.isEmpty() && this.segments.firstKey() < oldestDay) {
			this.size -= this.segments.pollFirstEntry().getValue().entries.size();
		}
	}

	private long oldestAllowed() {
		return this.clock.millis() - this.window.toMillis();
	}

	private static boolean isBetter(double similarity, Entry candidate, double bestSimilarity, Entry best) {
		if (similarity != bestSimilarity) {
			return similarity > bestSimilarity;
		}
		if (candidate.time != best.time) {
			return candidate.time < best.time;
		}
		return candidate.itemId.compareTo(best.itemId) < 0;
	}

	private static long day(long millis) {
		return Math.floorDiv(millis, DAY_MILLIS);
	}

	/**
	 * The story of a new item.
	 *
	 * @param storyId the story's id
	 * @param matchedItemId the item it was found similar to, or {@code null} if it starts
	 * a story
	 * @param similarity the similarity to that item, 0 if none
	 */
	record Assignment(String storyId, String matchedItemId, double similarity) {

		boolean joinedExistingStory() {
			return this.matchedItemId != null;
		}

	}

	/** An indexed item. */
	private static final class Entry {

		final String itemId;

		final String storyId;

		final StoryFingerprint fingerprint;

		final long time;

		volatile boolean removed;

		int lastQuery;

		Entry(String itemId, String storyId, StoryFingerprint fingerprint, long time) {
			this.itemId = itemId;
			this.storyId = storyId;
			this.fingerprint = fingerprint;
			this.time = time;
		}

	}

	/**
	 * The items of one day and their bands: an open-addressing multimap from band key to
	 * entry number, which only grows until the day leaves the index.
	 */
	private static final class Segment {

		private final List<Entry> entries = new ArrayList<>();

		private long[] keys = new long[256];

		private int[] values = new int[256];

		private boolean[] used = new boolean[256];

		private int slots;

		void add(Entry entry, long[] bandKeys) {
			int number = this.entries.size();
			this.entries.add(entry);
			for (long key : bandKeys) {
				if ((this.slots + 1) * 2 > this.keys.length) {
					grow();
				}
				put(key, number);
			}
		}

		/** The first slot holding {@code key}, or -1. */
		int firstSlot(long key) {
			return find(key, slotOf(key, this.keys.length - 1));
		}

		/** The next slot after {@code slot} holding {@code key}, or -1. */
		int nextSlot(long key, int slot) {
			return find(key, (slot + 1) & (this.keys.length - 1));
		}

		Entry entry(int slot) {
			return this.entries.get(this.values[slot]);
		}

		private int find(long key, int from) {
			int mask = this.keys.length - 1;
			for (int slot = from; this.used[slot]; slot = (slot + 1) & mask) {
				if (this.keys[slot] == key) {
					return slot;
				}
			}
			return -1;
		}

		private void put(long key, int value) {
			int mask = this.keys.length - 1;
			int slot = slotOf(key, mask);
			while (this.used[slot]) {
				slot = (slot + 1) & mask;
			}
			this.keys[slot] = key;
			this.values[slot] = value;
			this.used[slot] = true;
			this.slots++;
		}

		private void grow() {
			long[] oldKeys = this.keys;
			int[] oldValues = this.values;
			boolean[] oldUsed = this.used;
			this.keys = new long[oldKeys.length * 2];
			this.values = new int[oldKeys.length * 2];
			this.used = new boolean[oldKeys.length * 2];
			this.slots = 0;
			for (int slot = 0; slot < oldKeys.length; slot++) {
				if (oldUsed[slot]) {
					put(oldKeys[slot], oldValues[slot]);
				}
			}
		}

		private static int slotOf(long key, int mask) {
			return (int) MinHash.mix(key) & mask;
		}

	}

	@Override
	public synchronized String toString() {
		return "StoryIndex[" + this.size + " items in " + this.segments.size() + " days]";
	}

}
