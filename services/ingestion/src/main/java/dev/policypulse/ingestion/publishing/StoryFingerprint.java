package dev.policypulse.ingestion.publishing;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * What tells an item's story apart: its words, each as a 32-bit hash, sorted and
 * distinct, and the places it names ({@code GB}, {@code US-TX}), in all and in its title.
 * <p>
 * A word that weighs more than others (see {@link StoryAnalyzer}) is there several times,
 * as the word and as numbered copies of it, so that the share of words in common (Jaccard
 * similarity) is a weighted one. The hashes of the copies end in the byte
 * {@value #KEY_MARK}: they are the keys by which {@link StoryIndex} finds items that
 * share a weighty word, a name or a word of the title, also when read back from storage.
 */
final class StoryFingerprint {

	/** The low byte of the hashes of copies of weighty words. */
	static final int KEY_MARK = 0xA7;

	/**
	 * The hashes of the years 1990 to 2039 as words, ascending; not 2000, which is more
	 * often an amount ("2,000 megawatts").
	 */
	private static final int[] YEAR_HASHES = IntStream.rangeClosed(1990, 2039)
		.filter((year) -> year != 2000)
		.map((year) -> hash(Integer.toString(year)))
		.sorted()
		.toArray();

	private static final int[] NONE = {};

	private static final long FNV_PRIME = 0x100000001b3L;

	/**
	 * Kinds of facts that tell two events apart: countries, title countries, regions,
	 * years.
	 */
	private static final int KINDS = 4;

	private final int[] features;

	private final Set<String> places;

	private final Set<String> titlePlaces;

	/**
	 * What {@link #conflicts} compares, in one array to be read at once: the countries of
	 * the places, the countries of the places of the title and the regions among the
	 * places (as hashes of their keys), and the hashes of the years among the words; each
	 * kind ascending, after {@value #KINDS} numbers that say where each kind ends.
	 */
	private final int[] facts;

	/**
	 * A fingerprint.
	 * @param features the word hashes, ascending, without repeats
	 * @param places the place keys
	 * @param titlePlaces the keys of the places named in the title
	 */
	StoryFingerprint(int[] features, Set<String> places, Set<String> titlePlaces) {
		this.features = features;
		this.places = Set.copyOf(places);
		this.titlePlaces = Set.copyOf(titlePlaces);
		this.facts = facts(countries(this.places), countries(this.titlePlaces), regions(this.places), years(features));
	}

	/** The word hashes, ascending, without repeats. */
	int[] features() {
		return this.features;
	}

	/** The place keys. */
	Set<String> places() {
		return this.places;
	}

	/** The keys of the places named in the title. */
	Set<String> titlePlaces() {
		return this.titlePlaces;
	}

	/**
	 * The fingerprint of words and places.
	 * @param words the words with their weights (1 for most)
	 * @param places the place keys
	 * @param titlePlaces the keys of the places named in the title
	 * @return the fingerprint
	 */
	static StoryFingerprint of(Map<String, Integer> words, Collection<String> places, Collection<String> titlePlaces) {
		int size = 0;
		for (int weight : words.values()) {
			size += weight;
		}
		int[] features = new int[size];
		int next = 0;
		for (Map.Entry<String, Integer> word : words.entrySet()) {
			features[next++] = hash(word.getKey());
			for (int copy = 2; copy <= word.getValue(); copy++) {
				features[next++] = copyHash(word.getKey(), copy);
			}
		}
		Arrays.sort(features);
		int distinct = 0;
		for (int i = 0; i < features.length; i++) {
			if (i == 0 || features[i] != features[i - 1]) {
				features[distinct++] = features[i];
			}
		}
		return new StoryFingerprint(Arrays.copyOf(features, distinct), new TreeSet<>(places),
				new TreeSet<>(titlePlaces));
	}

	/**
	 * The hash of the {@code copy}th copy of a weighty word ({@code word#copy}, for a
	 * copy below 10), marked as a key.
	 */
	static int copyHash(String word, int copy) {
		long hash = fnv(word);
		hash = (hash ^ '#') * FNV_PRIME;
		hash = (hash ^ ('0' + copy)) * FNV_PRIME;
		return ((int) MinHash.mix(hash) & ~0xFF) | KEY_MARK;
	}

	/**
	 * Whether a word hash is a key: the copy of a weighty word, or, for one word in 256,
	 * a word whose hash happens to look like one.
	 */
	static boolean isKey(int feature) {
		return (feature & 0xFF) == KEY_MARK;
	}

	/**
	 * The share of words two fingerprints have in common (Jaccard similarity), or 0 when
	 * their places say they report different events.
	 */
	double similarity(StoryFingerprint other) {
		return similarity(other, 0);
	}

	/**
	 * The similarity of two fingerprints (see {@link #similarity(StoryFingerprint)}) if
	 * it reaches {@code atLeast}, else some smaller value: comparing stops as soon as the
	 * words left cannot make up for those that differ.
	 */
	double similarity(StoryFingerprint other, double atLeast) {
		if (conflicts(other)) {
			return 0;
		}
		int[] a = this.features;
		int[] b = other.features;
		int total = a.length + b.length;
		int common = 0;
		int i = 0;
		int j = 0;
		while (i < a.length && j < b.length) {
			if (a[i] == b[j]) {
				common++;
				i++;
				j++;
				continue;
			}
			if (a[i] < b[j]) {
				i++;
			}
			else {
				j++;
			}
			// The most words in common still possible, and the similarity they would give
			// (computed as the similarity itself is, so that a tie is never cut short).
			int possible = common + Math.min(a.length - i, b.length - j);
			double best = (double) possible / (total - possible);
			if (best < atLeast) {
				return best;
			}
		}
		int union = total - common;
		return (union == 0) ? 0 : (double) common / union;
	}

	/**
	 * Whether the two report different events whatever their words: both name countries
	 * but none in common; or both titles name countries but none in common (the place of
	 * the event, where the body may name others in passing); or both name regions
	 * (states, provinces, emirates) but none in common; or both name years but none in
	 * common (this year's budget and last year's).
	 */
	boolean conflicts(StoryFingerprint other) {
		int[] a = this.facts;
		int[] b = other.facts;
		for (int kind = 0; kind < KINDS; kind++) {
			if (disjoint(a, (kind == 0) ? KINDS : a[kind - 1], a[kind], b, (kind == 0) ? KINDS : b[kind - 1],
					b[kind])) {
				return true;
			}
		}
		return false;
	}

	private static int[] years(int[] features) {
		int[] years = new int[YEAR_HASHES.length];
		int count = 0;
		for (int year : YEAR_HASHES) {
			if (Arrays.binarySearch(features, year) >= 0) {
				years[count++] = year;
			}
		}
		return (count == 0) ? NONE : Arrays.copyOf(years, count);
	}

	private static int[] facts(int[]... kinds) {
		int size = KINDS;
		for (int[] kind : kinds) {
			size += kind.length;
		}
		int[] facts = new int[size];
		int end = KINDS;
		for (int kind = 0; kind < KINDS; kind++) {
			System.arraycopy(kinds[kind], 0, facts, end, kinds[kind].length);
			end += kinds[kind].length;
			facts[kind] = end;
		}
		return facts;
	}

	/**
	 * Whether both ascending ranges, {@code a[aFrom..aEnd)} and {@code b[bFrom..bEnd)},
	 * have elements, but none in common.
	 */
	private static boolean disjoint(int[] a, int aFrom, int aEnd, int[] b, int bFrom, int bEnd) {
		if (aFrom == aEnd || bFrom == bEnd) {
			return false;
		}
		int i = aFrom;
		int j = bFrom;
		while (i < aEnd && j < bEnd) {
			if (a[i] == b[j]) {
				return false;
			}
			if (a[i] < b[j]) {
				i++;
			}
			else {
				j++;
			}
		}
		return true;
	}

	/** The word hashes as bytes, for storage. */
	byte[] featureBytes() {
		ByteBuffer buffer = ByteBuffer.allocate(this.features.length * Integer.BYTES);
		buffer.asIntBuffer().put(this.features);
		return buffer.array();
	}

	/**
	 * The places as one comma-separated string, for storage; those of the title follow a
	 * vertical bar ({@code PK,US|PK}).
	 */
	String placeList() {
		String places = String.join(",", new TreeSet<>(this.places));
		return this.titlePlaces.isEmpty() ? places : places + "|" + String.join(",", new TreeSet<>(this.titlePlaces));
	}

	/** A fingerprint as stored by {@link #featureBytes()} and {@link #placeList()}. */
	static StoryFingerprint fromStorage(byte[] features, String places) {
		int[] hashes = new int[features.length / Integer.BYTES];
		ByteBuffer.wrap(features).asIntBuffer().get(hashes);
		int bar = places.indexOf('|');
		return new StoryFingerprint(hashes, keys((bar < 0) ? places : places.substring(0, bar)),
				keys((bar < 0) ? "" : places.substring(bar + 1)));
	}

	private static Set<String> keys(String list) {
		Set<String> keys = new TreeSet<>();
		for (String place : list.split(",")) {
			if (!place.isBlank()) {
				keys.add(place.strip());
			}
		}
		return keys;
	}

	/** A stable 32-bit hash of a word: FNV-1a, then mixed so that all bits vary. */
	static int hash(String word) {
		return (int) MinHash.mix(fnv(word));
	}

	private static long fnv(String word) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < word.length(); i++) {
			hash = (hash ^ word.charAt(i)) * FNV_PRIME;
		}
		return hash;
	}

	private static int[] countries(Set<String> places) {
		if (places.isEmpty()) {
			return NONE;
		}
		return places.stream().mapToInt((place) -> {
			int dash = place.indexOf('-');
			return ((dash > 0) ? place.substring(0, dash) : place).hashCode();
		}).sorted().distinct().toArray();
	}

	private static int[] regions(Set<String> places) {
		if (places.isEmpty()) {
			return NONE;
		}
		return places.stream().filter((place) -> place.indexOf('-') > 0).mapToInt(String::hashCode).sorted().toArray();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof StoryFingerprint fingerprint && Arrays.equals(this.features, fingerprint.features)
				&& this.places.equals(fingerprint.places) && this.titlePlaces.equals(fingerprint.titlePlaces);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * Arrays.hashCode(this.features) + this.places.hashCode()) + this.titlePlaces.hashCode();
	}

	@Override
	public String toString() {
		return "StoryFingerprint[" + this.features.length + " words, places=" + this.places + ", in the title "
				+ this.titlePlaces + "]";
	}

}
