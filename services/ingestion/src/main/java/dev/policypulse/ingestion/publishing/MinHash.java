package dev.policypulse.ingestion.publishing;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * MinHash signatures of word sets and their locality-sensitive hashing (LSH) bands.
 * <p>
 * A signature holds, for each of {@value #LENGTH} fixed hash functions, the smallest hash
 * of any word of the set; two sets agree on any one position with a probability equal to
 * their Jaccard similarity J. The signature is cut into {@value #BANDS} bands of
 * {@value #ROWS} positions: two items become candidates for the same story when they
 * agree on every position of at least one band, which happens with probability
 * {@code 1 - (1 - J^2)^64}: 0.77 at J = 0.15, 0.93 at 0.2, 0.98 at 0.25, 0.997 at 0.3.
 * <p>
 * Reworded reports of one event share only 15-35% of their words, so the bands are narrow
 * (two rows) and many: wider bands would only find near-copies. Candidates are then
 * checked by their exact similarity (see {@link StoryFingerprint#similarity}), so the
 * bands decide only which items are compared, never whether two items are the same story.
 * The hash functions are fixed: signatures stored in the database stay comparable with
 * new ones across restarts and releases, as long as these constants do not change.
 */
final class MinHash {

	/** Positions in a signature. */
	static final int LENGTH = 128;

	/** Positions per band. */
	static final int ROWS = 2;

	/** Bands per signature. */
	static final int BANDS = LENGTH / ROWS;

	private static final int[] SEEDS = new SplittableRandom(0x5EED_0F_57_0B1E5L).ints(LENGTH).toArray();

	private MinHash() {
	}

	/**
	 * The signature of a set of word hashes.
	 * @param features the word hashes
	 * @return {@value #LENGTH} minimum hashes; all {@link Integer#MAX_VALUE} for an empty
	 * set
	 */
	static int[] signature(int[] features) {
		int[] signature = new int[LENGTH];
		for (int i = 0; i < LENGTH; i++) {
			int seed = SEEDS[i];
			int min = Integer.MAX_VALUE;
			for (int feature : features) {
				int hash = (int) mix(feature ^ seed);
				if (hash < min) {
					min = hash;
				}
			}
			signature[i] = min;
		}
		return signature;
	}

	/**
	 * The keys of a signature's bands: the band number in the high 32 bits, a hash of the
	 * band's positions in the low 32 bits.
	 */
	static long[] bandKeys(int[] signature) {
		long[] keys = new long[BANDS];
		for (int band = 0; band < BANDS; band++) {
			long rows = 0;
			for (int row = 0; row < ROWS; row++) {
				rows = rows * 0x9E3779B97F4A7C15L + signature[band * ROWS + row];
			}
			keys[band] = ((long) band << 32) | (mix(rows) & 0xFFFFFFFFL);
		}
		return keys;
	}

	/** A signature as bytes, for storage. */
	static byte[] toBytes(int[] signature) {
		ByteBuffer buffer = ByteBuffer.allocate(signature.length * Integer.BYTES);
		buffer.asIntBuffer().put(signature);
		return buffer.array();
	}

	/**
	 * A signature stored by {@link #toBytes}, or {@code null} if it is not one of this
	 * length.
	 */
	static int[] fromBytes(byte[] bytes) {
		if (bytes == null || bytes.length != LENGTH * Integer.BYTES) {
			return null;
		}
		int[] signature = new int[LENGTH];
		ByteBuffer.wrap(bytes).asIntBuffer().get(signature);
		return signature;
	}

	/** The finaliser of MurmurHash3: every input bit affects every output bit. */
	static long mix(long value) {
		long x = value;
		x ^= x >>> 33;
		x *= 0xff51afd7ed558ccdL;
		x ^= x >>> 33;
		x *= 0xc4ceb9fe1a85ec53L;
		x ^= x >>> 33;
		return x;
	}

}
