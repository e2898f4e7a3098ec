package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoryFingerprintTests {

	private final StoryAnalyzer analyzer = StoryAnalyzer.load();

	@Test
	void findsPlacesByNameDemonymCapitalAndRegulator() {
		assertThat(places("Turkish lawmakers pass crypto law")).containsExactly("TR");
		assertThat(places("Islamabad names crypto council")).containsExactly("PK");
		assertThat(places("FCA fines broker over crypto promotions")).containsExactly("GB");
		assertThat(places("U.S. Treasury sanctions North Korean mixer")).containsExactly("KP", "US");
		assertThat(places("Dubai regulator fines firms")).containsExactly("AE-DU");
		assertThat(places("Pakistan's council meets")).containsExactly("PK");
	}

	@Test
	void matchesAbbreviationsOnlyInCapitals() {
		assertThat(places("Regulators told us the mas rules stay")).isEmpty();
		assertThat(places("Regulators in the US and MAS agree")).containsExactly("SG", "US");
	}

	@Test
	void leavesPlacesAndUninformativeWordsOutOfTheWords() {
		StoryFingerprint withPlace = this.analyzer.analyse("Kenya passes crypto licensing bill", "");
		StoryFingerprint withoutPlace = this.analyzer.analyse("New licensing legislation passes", "");
		assertThat(withPlace.features()).containsExactly(withoutPlace.features());
	}

	@Test
	void neverJoinsReportsNamingDifferentCountriesOrRegions() {
		StoryFingerprint kenya = this.analyzer.analyse("Kenya passes law to license crypto exchanges", "");
		StoryFingerprint turkey = this.analyzer.analyse("Turkey passes law to license crypto exchanges", "");
		StoryFingerprint unnamed = this.analyzer.analyse("Law passed to license crypto exchanges", "");
		assertThat(kenya.similarity(turkey)).isZero();
		assertThat(kenya.similarity(unnamed)).isEqualTo(1.0);
		StoryFingerprint texas = this.analyzer.analyse("Texas creates state bitcoin reserve", "The US state acts.");
		StoryFingerprint newHampshire = this.analyzer.analyse("New Hampshire creates state bitcoin reserve", "");
		assertThat(texas.conflicts(newHampshire)).isTrue();
		assertThat(texas.conflicts(this.analyzer.analyse("US state creates bitcoin reserve", ""))).isFalse();
	}

	@Test
	void comparesRewordedReportsByTheirSharedWords() {
		StoryFingerprint first = this.analyzer.analyse("Regulator fines exchange Coinvale 2 million euros",
				"The penalty follows failures in customer checks.");
		StoryFingerprint second = this.analyzer.analyse("Coinvale penalised 2 million euros",
				"Customer checks failed, the authority said.");
		assertThat(first.similarity(second)).isGreaterThan(0.3);
	}

	@Test
	void keepsItsWordsAndPlacesThroughStorage() {
		StoryFingerprint fingerprint = this.analyzer.analyse("Texas creates bitcoin reserve",
				"Managed by the comptroller.");
		assertThat(StoryFingerprint.fromStorage(fingerprint.featureBytes(), fingerprint.placeList()))
			.isEqualTo(fingerprint);
	}

	private String[] places(String title) {
		return this.analyzer.analyse(title, "").places().stream().sorted().toArray(String[]::new);
	}

}
