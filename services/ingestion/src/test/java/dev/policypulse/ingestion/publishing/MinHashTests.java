package dev.policypulse.ingestion.publishing;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MinHashTests {

	@Test
	void keepsSignaturesStableAcrossReleases() {
		// Signatures and word hashes are stored: changing how they are computed makes the
		// stored ones useless.
		assertThat(StoryFingerprint.hash("custodian")).isEqualTo(-1286520519);
		int[] signature = MinHash
			.signature(new int[] { StoryFingerprint.hash("custodian"), StoryFingerprint.hash("fine") });
		assertThat(signature).hasSize(128);
		assertThat(new int[] { signature[0], signature[1], signature[2], signature[127] }).containsExactly(-848137866,
				26182655, 1190025638, -1334188664);
	}

	@Test
	void agreesOnAShareOfPositionsCloseToTheJaccardSimilarity() {
		int[] first = IntStream.range(0, 300).map(MinHashTests::word).toArray();
		int[] second = IntStream.range(100, 400).map(MinHashTests::word).toArray();
		// 200 shared of 400: Jaccard similarity 0.5
		int[] a = MinHash.signature(first);
		int[] b = MinHash.signature(second);
		long agreeing = IntStream.range(0, MinHash.LENGTH).filter((i) -> a[i] == b[i]).count();
		assertThat(agreeing / (double) MinHash.LENGTH).isCloseTo(0.5, within(0.12));
	}

	@Test
	void putsEqualSetsInTheSameBandsAndUnrelatedOnesInNone() {
		int[] set = IntStream.range(0, 20).map(MinHashTests::word).toArray();
		int[] other = IntStream.range(1000, 1020).map(MinHashTests::word).toArray();
		long[] keys = MinHash.bandKeys(MinHash.signature(set));
		assertThat(keys).hasSize(MinHash.BANDS).containsExactly(MinHash.bandKeys(MinHash.signature(set.clone())));
		long[] otherKeys = MinHash.bandKeys(MinHash.signature(other));
		assertThat(IntStream.range(0, MinHash.BANDS).filter((band) -> keys[band] == otherKeys[band]).count()).isZero();
	}

	@Test
	void storesSignaturesAsBytes() {
		int[] signature = MinHash.signature(new int[] { 1, 2, 3 });
		assertThat(MinHash.fromBytes(MinHash.toBytes(signature))).containsExactly(signature);
		assertThat(MinHash.fromBytes(new byte[12])).as("another length").isNull();
	}

	private static int word(int number) {
		return StoryFingerprint.hash("word-" + number);
	}

}
