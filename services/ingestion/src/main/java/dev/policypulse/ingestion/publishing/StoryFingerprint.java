package dev.policypulse.ingestion.publishing;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What tells an item's story apart: its words, each as a 32-bit hash, sorted and
 * distinct, and the places it names ({@code GB}, {@code US-TX}).
 */
final class StoryFingerprint {

	private final int[] features;

	private final Set<String> places;

	private final Set<String> countries;

	private final Set<String> regions;

	/**
	 * A fingerprint.
	 * @param features the word hashes, ascending, without repeats
	 * @param places the place keys
	 */
	StoryFingerprint(int[] features, Set<String> places) {
		this.features = features;
		this.places = Set.copyOf(places);
		this.countries = countries(this.places);
		this.regions = regions(this.places);
	}

	/** The word hashes, ascending, without repeats. */
	int[] features() {
		return this.features;
	}

	/** The place keys. */
	Set<String> places() {
		return this.places;
	}

	/** The fingerprint of words (as text) and places. */
	static StoryFingerprint of(Collection<String> words, Collection<String> places) {
		int[] features = words.stream().mapToInt(StoryFingerprint::hash).sorted().distinct().toArray();
		return new StoryFingerprint(features, new TreeSet<>(places));
	}

	/**
	 * The share of words two fingerprints have in common (Jaccard similarity), or 0 when
	 * their places say they report different events.
	 */
	double similarity(StoryFingerprint other) {
		if (conflicts(other)) {
			return 0;
		}
		int common = 0;
		int i = 0;
		int j = 0;
		while (i < this.features.length && j < other.features.length) {
			int compare = Integer.compare(this.features[i], other.features[j]);
			if (compare == 0) {
				common++;
				i++;
				j++;
			}
			else if (compare < 0) {
				i++;
			}
			else {
				j++;
			}
		}
		int union = this.features.length + other.features.length - common;
		return (union == 0) ? 0 : (double) common / union;
	}

	/**
	 * Whether both name countries but none in common, or both name regions (states,
	 * provinces, emirates) but none in common.
	 */
	boolean conflicts(StoryFingerprint other) {
		if (!this.countries.isEmpty() && !other.countries.isEmpty() && disjoint(this.countries, other.countries)) {
			return true;
		}
		return !this.regions.isEmpty() && !other.regions.isEmpty() && disjoint(this.regions, other.regions);
	}

	/** The word hashes as bytes, for storage. */
	byte[] featureBytes() {
		ByteBuffer buffer = ByteBuffer.allocate(this.features.length * Integer.BYTES);
		buffer.asIntBuffer().put(this.features);
		return buffer.array();
	}

	/** The places as one comma-separated string, for storage. */
	String placeList() {
		return String.join(",", new TreeSet<>(this.places));
	}

	/** A fingerprint as stored by {@link #featureBytes()} and {@link #placeList()}. */
	static StoryFingerprint fromStorage(byte[] features, String places) {
		int[] hashes = new int[features.length / Integer.BYTES];
		ByteBuffer.wrap(features).asIntBuffer().get(hashes);
		Set<String> keys = new TreeSet<>();
		for (String place : places.split(",")) {
			if (!place.isBlank()) {
				keys.add(place.strip());
			}
		}
		return new StoryFingerprint(hashes, keys);
	}

	/** A stable 32-bit hash of a word: FNV-1a, then mixed so that all bits vary. */
	static int hash(String word) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < word.length(); i++) {
			hash ^= word.charAt(i);
			hash *= 0x100000001b3L;
		}
		return (int) MinHash.mix(hash);
	}

	private static Set<String> countries(Set<String> places) {
		Set<String> countries = new TreeSet<>();
		for (String place : places) {
			int dash = place.indexOf('-');
			countries.add((dash > 0) ? place.substring(0, dash) : place);
		}
		return Set.copyOf(countries);
	}

	private static Set<String> regions(Set<String> places) {
		Set<String> regions = new TreeSet<>();
		for (String place : places) {
			if (place.indexOf('-') > 0) {
				regions.add(place);
			}
		}
		return Set.copyOf(regions);
	}

	private static boolean disjoint(Set<String> a, Set<String> b) {
		for (String element : a) {
			if (b.contains(element)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof StoryFingerprint fingerprint && Arrays.equals(this.features, fingerprint.features)
				&& this.places.equals(fingerprint.places);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.features) + this.places.hashCode();
	}

	@Override
	public String toString() {
		return "StoryFingerprint[" + this.features.length + " words, places=" + this.places + "]";
	}

}
