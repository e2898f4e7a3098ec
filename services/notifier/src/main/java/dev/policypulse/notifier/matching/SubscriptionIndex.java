package dev.policypulse.notifier.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicCodes;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.notifier.subscription.Preferences;
import dev.policypulse.notifier.subscription.Subscription;

/**
 * Active subscriptions, indexed so that an item is matched without looking at the
 * subscriptions it does not concern. It answers exactly what {@link LinearScan} answers
 * (the rules are {@link Rules}'), in a fraction of the time.
 * <p>
 * Each subscription gets a slot, and every rule becomes a set of slots. Lists by
 * jurisdiction code hold the slots that follow each code, one list those that follow the
 * EU with its member states and one those that follow every jurisdiction; the lists an
 * item's acting and counterparty jurisdictions (and their countries) select make its
 * candidates, as a bit set. Bit sets of the slots that accept each severity, items that
 * are no policy move, and each topic then cut the candidates down a word (64 slots) at a
 * time. Keywords are looked for only if a remaining candidate has any, all of them in one
 * pass ({@link Keywords}). What remains matches; why is worked out only when asked
 * ({@link Match}).
 * <p>
 * Thread-safe: any number of threads match at once; changes wait for them and block them
 * briefly. Freed slots are not reused; build a new index now and then to compact it.
 */
public final class SubscriptionIndex {

	/** Topic codes beyond this many share one bit set, and are checked one by one. */
	private static final int TOPIC_SETS = 63;

	private static final Predicate<String> NO_KEYWORDS = (keyword) -> false;

	private static final Comparator<Subscription> OLDEST_FIRST = Comparator.comparing(Subscription::createdAt)
		.thenComparing(Subscription::id);

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	private final Map<UUID, Integer> slotById = new HashMap<>();

	private final Map<String, SlotList> followersByCode = new HashMap<>();

	/** Slots that follow the EU together with its member states. */
	private final SlotList euWithMemberStates = new SlotList();

	/** Slots that follow no jurisdiction, which means every one. */
	private final SlotList everywhere = new SlotList();

	/** The bit set of each topic code in {@link #topicSets}. */
	private final Map<String, Integer> topicSet = new HashMap<>();

	/** Uses of each keyword (comparable form) over all slots. */
	private final Map<String, Integer> keywordUses = new HashMap<>();

	private Subscription[] subscriptions = new Subscription[64];

	/** Keywords in comparable form, or {@code null} when there are none. */
	private String[][] keywords = new String[64][];

	/** By severity: the slots whose threshold it meets. */
	private long[][] acceptingSeverity = new long[Severity.values().length][1];

	/** Slots that also want items that are no policy move. */
	private long[] acceptingAnyItem = new long[1];

	/** Slots that follow every topic. */
	private long[] everyTopic = new long[1];

	/** By topic set: the slots that follow the topic. */
	private long[][] topicSets = new long[TOPIC_SETS + 1][1];

	/**
	 * Slots that follow a topic code beyond the {@link #TOPIC_SETS} with sets of their
	 * own.
	 */
	private long[] rareTopics = new long[1];

	/** Slots with keywords. */
	private long[] withKeywords = new long[1];

	private int nextSlot;

	/**
	 * Whether slot order is the order of the subscriptions' age, so that matches found in
	 * slot order need no sorting: true while every subscription added was no older than
	 * the one before.
	 */
	private boolean slotsOldestFirst = true;

	/** The subscription added last, for {@link #slotsOldestFirst}. */
	private Subscription newest;

	private Keywords keywordFinder = new Keywords(List.of());

	private boolean keywordsChanged;

	private SubscriptionIndex() {
		for (String code : TopicCodes.all()) {
			if (this.topicSet.size() < TOPIC_SETS) {
				this.topicSet.put(code, this.topicSet.size());
			}
		}
	}

	/** An index of the active ones among {@code subscriptions}. */
	public static SubscriptionIndex of(Collection<Subscription> subscriptions) {
		SubscriptionIndex index = new SubscriptionIndex();
		for (Subscription subscription : subscriptions) {
			if (subscription.isActive()) {
				index.add(subscription);
			}
		}
		index.keywordFinder = new Keywords(index.keywordUses.keySet());
		index.keywordsChanged = false;
		return index;
	}

	/**
	 * Adds or replaces a subscription; one that is not active (unconfirmed, paused or
	 * cancelled) is removed instead.
	 */
	public void put(Subscription subscription) {
		this.lock.writeLock().lock();
		try {
			removeSlot(subscription.id());
			if (subscription.isActive()) {
				add(subscription);
			}
			rebuildKeywordsIfChanged();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/** Removes a subscription, if it is indexed. */
	public void remove(UUID subscriptionId) {
		this.lock.writeLock().lock();
		try {
			removeSlot(subscriptionId);
			rebuildKeywordsIfChanged();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/** How many subscriptions are indexed. */
	public int size() {
		this.lock.readLock().lock();
		try {
			return this.slotById.size();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** The indexed subscriptions the item concerns, oldest first. */
	public List<Match> match(PolicyItemClassified item) {
		this.lock.readLock().lock();
		try {
			long[] candidates = candidates(item);
			long[] severity = this.acceptingSeverity[item.severity().ordinal()];
			long[] anyItem = item.policyMove() ? null : this.acceptingAnyItem;
			boolean rareTopic = false;
			long[] topics = this.everyTopic.clone();
			for (TopicTag topic : item.topics()) {
				Integer set = this.topicSet.get(topic.code());
				if (set != null) {
					or(topics, this.topicSets[set]);
				}
				else {
					rareTopic = true;
				}
			}
			if (rareTopic) {
				or(topics, this.rareTopics);
			}
			int count = 0;
			for (int word = 0; word < candidates.length; word++) {
				long bits = candidates[word] & severity[word] & topics[word];
				if (anyItem != null) {
					bits &= anyItem[word];
				}
				candidates[word] = bits;
				count += Long.bitCount(bits);
			}
			Predicate<String> keywordOccurs = NO_KEYWORDS;
			Set<String> found = null;
			List<Match> matches = new ArrayList<>(count);
			for (int word = 0; word < candidates.length; word++) {
				for (long bits = candidates[word]; bits != 0; bits &= bits - 1) {
					long bit = Long.lowestOneBit(bits);
					int slot = (word << 6) + Long.numberOfTrailingZeros(bits);
					Subscription subscription = this.subscriptions[slot];
					if ((this.withKeywords[word] & bit) != 0) {
						if (found == null) {
							found = this.keywordFinder.find(item);
							keywordOccurs = found::contains;
						}
						if (!anyOf(this.keywords[slot], found)) {
							continue;
						}
					}
					// a rare topic's set stands for several codes: check which
					if (rareTopic && (this.rareTopics[word] & bit) != 0
							&& !Rules.anyTopic(subscription.preferences(), item)) {
						continue;
					}
					matches.add(new Match(subscription, item, keywordOccurs));
				}
			}
			if (!this.slotsOldestFirst) {
				matches.sort(Rules.OLDEST_FIRST);
			}
			return matches;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** The slots whose jurisdictions cover the item's acting or counterparty tags. */
	private long[] candidates(PolicyItemClassified item) {
		long[] candidates = new long[words(this.nextSlot)];
		for (JurisdictionTag tag : item.jurisdictions()) {
			if (tag.role() == Role.MENTIONED) {
				continue;
			}
			String code = tag.code();
			markFollowers(code, candidates);
			if (Rules.isSubdivision(code)) {
				markFollowers(code.substring(0, 2), candidates);
			}
			if (EuMemberStates.covers(code)) {
				this.euWithMemberStates.markIn(candidates);
			}
		}
		this.everywhere.markIn(candidates);
		return candidates;
	}

	private void markFollowers(String code, long[] candidates) {
		SlotList followers = this.followersByCode.get(code);
		if (followers != null) {
			followers.markIn(candidates);
		}
	}

	private static boolean anyOf(String[] wanted, Set<String> found) {
		for (String keyword : wanted) {
			if (found.contains(keyword)) {
				return true;
			}
		}
		return false;
	}

	private void add(Subscription subscription) {
		if (this.newest != null && OLDEST_FIRST.compare(this.newest, subscription) > 0) {
			this.slotsOldestFirst = false;
		}
		this.newest = subscription;
		int slot = this.nextSlot++;
		ensureCapacity(slot + 1);
		Preferences preferences = subscription.preferences();
		this.slotById.put(subscription.id(), slot);
		this.subscriptions[slot] = subscription;
		for (Severity severity : Severity.values()) {
			if (severity.isAtLeast(preferences.minSeverity())) {
				set(this.acceptingSeverity[severity.ordinal()], slot);
			}
		}
		if (!preferences.policyMovesOnly()) {
			set(this.acceptingAnyItem, slot);
		}
		if (preferences.topics().isEmpty()) {
			set(this.everyTopic, slot);
		}
		for (String code : preferences.topics()) {
			set(topicSetOf(code), slot);
		}
		if (preferences.jurisdictions().isEmpty()) {
			this.everywhere.add(slot);
		}
		for (String code : preferences.jurisdictions()) {
			this.followersByCode.computeIfAbsent(code, (key) -> new SlotList()).add(slot);
		}
		if (preferences.includeEuMemberStates() && preferences.jurisdictions().contains("EU")) {
			this.euWithMemberStates.add(slot);
		}
		if (!preferences.keywords().isEmpty()) {
			String[] forms = preferences.keywords()
				.stream()
				.map(Preferences::comparableForm)
				.distinct()
				.toArray(String[]::new);
			this.keywords[slot] = forms;
			set(this.withKeywords, slot);
			for (String form : forms) {
				if (this.keywordUses.merge(form, 1, Integer::sum) == 1) {
					this.keywordsChanged = true;
				}
			}
		}
	}

	private void removeSlot(UUID id) {
		Integer found = this.slotById.remove(id);
		if (found == null) {
			return;
		}
		int slot = found;
		Preferences preferences = this.subscriptions[slot].preferences();
		this.everywhere.remove(slot);
		this.euWithMemberStates.remove(slot);
		for (String code : preferences.jurisdictions()) {
			SlotList followers = this.followersByCode.get(code);
			if (followers != null) {
				followers.remove(slot);
				if (followers.isEmpty()) {
					this.followersByCode.remove(code);
				}
			}
		}
		for (long[] bits : this.acceptingSeverity) {
			clear(bits, slot);
		}
		clear(this.acceptingAnyItem, slot);
		clear(this.everyTopic, slot);
		for (long[] bits : this.topicSets) {
			clear(bits, slot);
		}
		clear(this.rareTopics, slot);
		clear(this.withKeywords, slot);
		if (this.keywords[slot] != null) {
			for (String form : this.keywords[slot]) {
				if (this.keywordUses.merge(form, -1, Integer::sum) == 0) {
					this.keywordUses.remove(form);
					this.keywordsChanged = true;
				}
			}
		}
		this.subscriptions[slot] = null;
		this.keywords[slot] = null;
	}

	private void rebuildKeywordsIfChanged() {
		if (this.keywordsChanged) {
			this.keywordFinder = new Keywords(this.keywordUses.keySet());
			this.keywordsChanged = false;
		}
	}

	/**
	 * The bit set of a followed topic code, given one if it has none yet and one is left.
	 */
	private long[] topicSetOf(String code) {
		Integer set = this.topicSet.get(code);
		if (set == null && this.topicSet.size() < TOPIC_SETS) {
			set = this.topicSet.size();
			this.topicSet.put(code, set);
		}
		return (set != null) ? this.topicSets[set] : this.rareTopics;
	}

	private void ensureCapacity(int capacity) {
		if (capacity > this.subscriptions.length) {
			int grown = Math.max(capacity, this.subscriptions.length + (this.subscriptions.length >> 1));
			this.subscriptions = Arrays.copyOf(this.subscriptions, grown);
			this.keywords = Arrays.copyOf(this.keywords, grown);
		}
		int words = words(this.subscriptions.length);
		if (words > this.everyTopic.length) {
			for (int i = 0; i < this.acceptingSeverity.length; i++) {
				this.acceptingSeverity[i] = Arrays.copyOf(this.acceptingSeverity[i], words);
			}
			for (int i = 0; i < this.topicSets.length; i++) {
				this.topicSets[i] = Arrays.copyOf(this.topicSets[i], words);
			}
			this.acceptingAnyItem = Arrays.copyOf(this.acceptingAnyItem, words);
			this.everyTopic = Arrays.copyOf(this.everyTopic, words);
			this.rareTopics = Arrays.copyOf(this.rareTopics, words);
			this.withKeywords = Arrays.copyOf(this.withKeywords, words);
		}
	}

	private static int words(int slots) {
		return (slots + 63) >>> 6;
	}

	private static void set(long[] bits, int slot) {
		bits[slot >>> 6] |= 1L << slot;
	}

	private static void clear(long[] bits, int slot) {
		bits[slot >>> 6] &= ~(1L << slot);
	}

	/** {@code target |= source}, over the words both have. */
	private static void or(long[] target, long[] source) {
		int words = Math.min(target.length, source.length);
		for (int i = 0; i < words; i++) {
			target[i] |= source[i];
		}
	}

}
