package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StemmerTests {

	@Test
	void stemsAsPorterDescribes() {
		// Examples from Porter's paper, one or two per step.
		assertThat(stems("caresses", "ponies", "cats", "agreed", "plastered", "motoring", "hopping", "filing", "happy",
				"relational", "digitizer", "vietnamization", "decisiveness", "electrical", "goodness", "adjustment",
				"adoption", "effective", "probate", "controll"))
			.containsExactly("caress", "poni", "cat", "agre", "plaster", "motor", "hop", "file", "happi", "relat",
					"digit", "vietnam", "decis", "electr", "good", "adjust", "adopt", "effect", "probat", "control");
	}

	@Test
	void givesDerivedWordsOneStem() {
		assertThat(stems("investment", "invested", "investing")).containsOnly("invest");
		assertThat(stems("corporate", "corporations")).containsOnly("corpor");
		assertThat(stems("promoter", "promoted")).containsOnly("promot");
	}

	@Test
	void leavesShortWordsNumbersAndOtherAlphabetsAlone() {
		assertThat(stems("is", "2025", "0.1", "réglementation", "ставки")).containsExactly("is", "2025", "0.1",
				"réglementation", "ставки");
	}

	private static String[] stems(String... words) {
		String[] stems = new String[words.length];
		for (int i = 0; i < words.length; i++) {
			stems[i] = Stemmer.stem(words[i]);
		}
		return stems;
	}

}
