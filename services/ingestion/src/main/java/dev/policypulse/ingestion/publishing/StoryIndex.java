package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The items of the story window, in memory, indexed by the LSH bands of their MinHash
 * signatures (see {@link MinHash}) and by their weighty words (see
 * {@link StoryFingerprint#isKey}), to find the story a new item belongs to.
 * <p>
 * The bands find items with many words in common; the weighty words find the reworded
 * reports that share few words but a name, an amount or a word of the title, which the
 * bands miss now and then. A weighty word that {@value #MAX_ITEMS_PER_KEY} items of the
 * window share tells little about the story and finds nothing: it is left to the bands.
 * <p>
 * A band can be shared by many items too: items written to one pattern (recurring market
 * reports, a press release rewritten by many outlets, generated load) agree on most
 * bands, and without a bound a new item of such a kind is compared with every earlier one
 * in the window, hundreds or thousands. So per band and day of publication, a new item is
 * compared only with the {@value #MAX_ITEMS_PER_BAND} items indexed last under that band
 * on that day. Reports of one story come in close together, so its own reports are among
 * the newest of its bands; an earlier item beyond them can still be found through another
 * band it shares or a weighty word, and its story through any later report that joined
 * it. The two bounds cap the comparisons a new item costs, whatever the window holds: at
 * most {@value #MAX_ITEMS_PER_KEY} per weighty word and {@value #MAX_ITEMS_PER_BAND} per
 * band and day. What the band bound gives up: when, on every band a new report shares
 * with a story's last report, more than {@value #MAX_ITEMS_PER_BAND} items of that day
 * came in after it, the new report is not compared with it and may start a story of its
 * own.
 * <p>
 * A new item joins the story of the most similar item it is compared with whose
 * similarity reaches the threshold; ties go to the earlier item, then to the smaller id.
 * Among items equally similar to the new one, the bound can leave out the earliest (it is
 * not read when newer items pushed it out of every band they share), so the tie then goes
 * to the earliest item that was read. Which items are read depends only on the items and
 * the order they were indexed in, so the outcome depends only on the items and their
 * order (items restored from storage at start-up are indexed in order of publication).
 * Without such an item it starts a story of its own, whose id is its own id. The window
 * is measured on the items' publication times: an item is compared only with items
 * published at most a window before or after it, and only while they are not older than a
 * window by the clock.
 * <p>
 * Items are kept in one segment per day of publication; a day leaves the index as a whole
 * once it is entirely older than the window, or, when the index is full, oldest day first
 * (an item of the oldest day left is then not indexed). Thread-safe.
 */
final class StoryIndex {

	/**
	 * Fewest words an item needs to be compared at all, counting weighty words as often
	 * as they weigh: a handful of words matches too much by chance.
	 */
	static final int MIN_FEATURES = 5;

	/**
	 * How many items of the window, or of one day, a weighty word may be shared by and
	 * still find them: fewer than this.
	 */
	static final int MAX_ITEMS_PER_KEY = 10;

	/**
	 * How many items of one day a new item is compared with per band it shares with them:
	 * the ones that took the band last.
	 */
	static final int MAX_ITEMS_PER_BAND = 16;

	/**
	 * Keeps weighty-word keys apart from band keys, which are below 2^38: a band number
	 * under 64 above 32 bits of hash.
	 */
	private static final long WORD_KEYS = 1L << 40;

	private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

	private final Duration window;

	private final double threshold;

	private final int capacity;

	private final Clock clock;

	private final int maxItemsPerBand;

	private final TreeMap<Long, Segment> segments = new TreeMap<>();

	private int size;

	/** Numbers the lookups, to compare each candidate once per lookup. */
	private int queries;

	StoryIndex(Duration window, double threshold, int capacity, Clock clock) {
		this(window, threshold, capacity, clock, MAX_ITEMS_PER_BAND);
	}

	/**
	 * An index that reads up to {@code maxItemsPerBand} items per band and day instead of
	 * {@value #MAX_ITEMS_PER_BAND}; {@link Integer#MAX_VALUE} reads them all.
	 */
	StoryIndex(Duration window, double threshold, int capacity, Clock clock, int maxItemsPerBand) {
		if (maxItemsPerBand < 1) {
			throw new IllegalArgumentException("maxItemsPerBand must be positive: " + maxItemsPerBand);
		}
		this.window = window;
		this.threshold = threshold;
		this.capacity = capacity;
		this.clock = clock;
		this.maxItemsPerBand = maxItemsPerBand;
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
		long time = publishedAt.toEpochMilli();
		Lookup lookup = new Lookup(fingerprint, ++this.queries,
				Math.max(time - this.window.toMillis(), oldestAllowed()), time + this.window.toMillis());
		long[] keys = keys(fingerprint, signature);
		// An item published long before the window has nothing in it to join.
		if (fingerprint.features().length >= MIN_FEATURES && lookup.earliest <= lookup.latest) {
			Segment[] segments = this.segments.subMap(day(lookup.earliest), true, day(lookup.latest), true)
				.values()
				.toArray(new Segment[0]);
			Entry[] found = new Entry[MAX_ITEMS_PER_KEY];
			for (long key : keys) {
				if (key < WORD_KEYS) {
					// Only the items of each day that took the band last: a band that
					// many items share stands for words that many stories share.
					for (Segment segment : segments) {
						int visited = 0;
						for (int posting = segment.newest(key); posting >= 0
								&& visited < this.maxItemsPerBand; posting = segment.older(posting)) {
							lookup.compare(segment.entry(posting));
							visited++;
						}
					}
					continue;
				}
				int count = 0;
				for (Segment segment : segments) {
					count += segment.entries(key, found, count);
					if (count == MAX_ITEMS_PER_KEY) {
						break;
					}
				}
				// A word that many items of the window share tells little about the
				// story.
				for (int i = 0; count < MAX_ITEMS_PER_KEY && i < count; i++) {
					lookup.compare(found[i]);
				}
			}
		}
		Entry best = lookup.best;
		String storyId = (best != null) ? best.storyId : itemId;
		add(itemId, storyId, fingerprint, keys, time);
		return (best != null) ? new Assignment(storyId, best.itemId, lookup.bestSimilarity)
				: new Assignment(storyId, null, 0);
	}

	/**
	 * Adds an item whose story is known, as read back from storage. Items older than the
	 * window, or without enough words, are not kept.
	 */
	synchronized void restore(String itemId, String storyId, StoryFingerprint fingerprint, int[] signature,
			Instant publishedAt) {
		add(itemId, storyId, fingerprint, keys(fingerprint, signature), publishedAt.toEpochMilli());
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

	private void add(String itemId, String storyId, StoryFingerprint fingerprint, long[] keys, long time) {
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
		this.segments.computeIfAbsent(day, (key) -> new Segment()).add(entry, keys);
		this.size++;
	}

	/** The band keys of the signature, then the keys of the weighty words. */
	private static long[] keys(StoryFingerprint fingerprint, int[] signature) {
		long[] bands = MinHash.bandKeys(signature);
		int words = 0;
		for (int feature : fingerprint.features()) {
			words += StoryFingerprint.isKey(feature) ? 1 : 0;
		}
		long[] keys = Arrays.copyOf(bands, bands.length + words);
		int next = bands.length;
		for (int feature : fingerprint.features()) {
			if (StoryFingerprint.isKey(feature)) {
				keys[next++] = WORD_KEYS | (feature & 0xFFFFFFFFL);
			}
		}
		return keys;
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

	/** The search for the item most similar to a new one. */
	private final class Lookup {

		private final StoryFingerprint fingerprint;

		private final int query;

		private final long earliest;

		private final long latest;

		private Entry best;

		private double bestSimilarity;

		Lookup(StoryFingerprint fingerprint, int query, long earliest, long latest) {
			this.fingerprint = fingerprint;
			this.query = query;
			this.earliest = earliest;
			this.latest = latest;
		}

		void compare(Entry candidate) {
			// Compared once per lookup, however many keys it shares.
			if (candidate.lastQuery == this.query) {
				return;
			}
			candidate.lastQuery = this.query;
			if (candidate.removed || candidate.time < this.earliest || candidate.time > this.latest) {
				return;
			}
			double similarity = this.fingerprint.similarity(candidate.fingerprint,
					Math.max(StoryIndex.this.threshold, this.bestSimilarity));
			if (similarity >= StoryIndex.this.threshold && (this.best == null || isBetter(similarity, candidate))) {
				this.best = candidate;
				this.bestSimilarity = similarity;
			}
		}

		private boolean isBetter(double similarity, Entry candidate) {
			if (similarity != this.bestSimilarity) {
				return similarity > this.bestSimilarity;
			}
			if (candidate.time != this.best.time) {
				return candidate.time < this.best.time;
			}
			return candidate.itemId.compareTo(this.best.itemId) < 0;
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
	 * The items of one day and their keys: an open-addressing map from band or word key
	 * to the newest posting of the key, and the postings, each linked to the previous one
	 * of its key, so that the items holding a key are read newest first. Only grows until
	 * the day leaves the index. A word key is kept for at most
	 * {@value #MAX_ITEMS_PER_KEY} items.
	 */
	private static final class Segment {

		private final List<Entry> entries = new ArrayList<>();

		private long[] keys = new long[256];

		/** The newest posting of the key in the slot, plus one; 0 for a free slot. */
		private int[] heads = new int[256];

		private int slots;

		/** The entry number of each posting. */
		private int[] postingEntries = new int[1024];

		/** The previous posting of the same key, or -1. */
		private int[] postingsBefore = new int[1024];

		private int postings;

		void add(Entry entry, long[] keys) {
			int number = this.entries.size();
			this.entries.add(entry);
			for (long key : keys) {
				int slot = slotFor(key);
				if (key >= WORD_KEYS && this.heads[slot] != 0 && count(this.heads[slot] - 1) >= MAX_ITEMS_PER_KEY) {
					continue;
				}
				if (this.postings == this.postingEntries.length) {
					this.postingEntries = Arrays.copyOf(this.postingEntries, this.postings * 2);
					this.postingsBefore = Arrays.copyOf(this.postingsBefore, this.postings * 2);
				}
				if (this.heads[slot] == 0) {
					this.slots++;
				}
				this.postingEntries[this.postings] = number;
				this.postingsBefore[this.postings] = this.heads[slot] - 1;
				this.heads[slot] = ++this.postings;
				if (this.slots * 2 > this.keys.length) {
					grow();
				}
			}
		}

		/**
		 * Puts the entries holding {@code key} into {@code entries} from {@code from} on,
		 * newest first, as many as fit.
		 * @return how many were put
		 */
		int entries(long key, Entry[] entries, int from) {
			int count = 0;
			for (int posting = newest(key); posting >= 0 && from + count < entries.length; posting = older(posting)) {
				entries[from + count++] = entry(posting);
			}
			return count;
		}

		/** The newest posting of {@code key}, or -1. */
		int newest(long key) {
			int mask = this.keys.length - 1;
			for (int slot = slotOf(key, mask); this.heads[slot] != 0; slot = (slot + 1) & mask) {
				if (this.keys[slot] == key) {
					return this.heads[slot] - 1;
				}
			}
			return -1;
		}

		/** The posting of the same key before {@code posting}, or -1. */
		int older(int posting) {
			return this.postingsBefore[posting];
		}

		Entry entry(int posting) {
			return this.entries.get(this.postingEntries[posting]);
		}

		/**
		 * How many postings there are from {@code posting} back, counting up to
		 * {@value #MAX_ITEMS_PER_KEY}.
		 */
		private int count(int posting) {
			int count = 0;
			for (int next = posting; next >= 0 && count < MAX_ITEMS_PER_KEY; next = older(next)) {
				count++;
			}
			return count;
		}

		/** The slot of {@code key}, or the free slot where it goes. */
		private int slotFor(long key) {
			int mask = this.keys.length - 1;
			int slot = slotOf(key, mask);
			while (this.heads[slot] != 0 && this.keys[slot] != key) {
				slot = (slot + 1) & mask;
			}
			this.keys[slot] = key;
			return slot;
		}

		private void grow() {
			long[] oldKeys = this.keys;
			int[] oldHeads = this.heads;
			this.keys = new long[oldKeys.length * 2];
			this.heads = new int[oldKeys.length * 2];
			for (int slot = 0; slot < oldKeys.length; slot++) {
				if (oldHeads[slot] != 0) {
					int newSlot = slotFor(oldKeys[slot]);
					this.heads[newSlot] = oldHeads[slot];
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
