package dev.policypulse.ingestion.publishing;

import java.util.Map;

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
	void comparesWrittenOutNamesOfInstitutionsByTheirAbbreviation() {
		assertThat(words("MAS fines broker", "")).containsKey("mas");
		assertThat(words("Broker fined", "The Monetary Authority of Singapore fined the broker.")).containsKey("mas")
			.doesNotContainKeys("monetari", "author");
		assertThat(words("Exchange fined", "India's Financial Intelligence Unit fined the exchange."))
			.containsKey("fiu");
		assertThat(words("Rules published", "The Securities and Exchange Commission of Nigeria published rules."))
			.containsKey("sec");
		assertThat(words("Council formed", "The Pakistan Crypto Council will advise the government."))
			.containsKey("crypto council");
	}

	@Test
	void weighsTitleWordsNamesAndAmountsMore() {
		Map<String, Integer> words = words("Coinvale fined over customer checks",
				"The exchange must pay 12 million euros, the regulator said on Monday; the checks failed.");
		assertThat(words).containsEntry("coinval", 3)
			.containsEntry("fine", 2)
			.containsEntry("12", 2)
			.containsEntry("pai", 1)
			.containsEntry("check", 2);
	}

	@Test
	void neverJoinsReportsWhoseTitlesNameDifferentCountries() {
		StoryFingerprint pakistan = this.analyzer.analyse("Pakistan announces strategic bitcoin reserve",
				"The plan is modelled on a US executive order.");
		StoryFingerprint texas = this.analyzer.analyse("Texas creates strategic bitcoin reserve", "");
		assertThat(pakistan.places()).contains("US");
		assertThat(pakistan.conflicts(texas)).isTrue();
		assertThat(pakistan.conflicts(this.analyzer.analyse("Strategic bitcoin reserve announced", "In Pakistan.")))
			.isFalse();
	}

	@Test
	void neverJoinsReportsNamingDifferentYears() {
		StoryFingerprint budget2025 = this.analyzer.analyse("India keeps crypto tax in Budget 2025", "");
		StoryFingerprint budget2026 = this.analyzer.analyse("India keeps crypto tax in Budget 2026", "");
		assertThat(budget2025.conflicts(budget2026)).isTrue();
		assertThat(budget2025.conflicts(this.analyzer.analyse("India keeps crypto tax in budget", ""))).isFalse();
		assertThat(budget2025.conflicts(this.analyzer.analyse("India keeps crypto tax", "Budget 2025, 2,000 pages.")))
			.isFalse();
	}

	@Test
	void takesTheLeadOfALongBodyAsOfAShortOne() {
		String lead = "Coinvale must pay 12 million euros after checks on its customers failed. ";
		String filler = "Other matters follow in this report, with more details on markets and prices. ";
		assertThat(words("Coinvale fined", lead + filler.repeat(100)))
			.isEqualTo(words("Coinvale fined", lead + filler.repeat(3)));
		// A long start without informative words: the lead comes later.
		assertThat(words("Exchange fined", "and the of ".repeat(300) + lead)).containsKeys("coinval", "12");
	}

	@Test
	void keepsItsWordsAndPlacesThroughStorage() {
		StoryFingerprint fingerprint = this.analyzer.analyse("Texas creates bitcoin reserve",
				"Managed by the comptroller in the US.");
		assertThat(fingerprint.placeList()).isEqualTo("US,US-TX|US-TX");
		assertThat(StoryFingerprint.fromStorage(fingerprint.featureBytes(), fingerprint.placeList()))
			.isEqualTo(fingerprint);
	}

	@Test
	void readsPlacesStoredWithoutThoseOfTheTitle() {
		StoryFingerprint stored = StoryFingerprint.fromStorage(new byte[8], "US,US-TX");
		assertThat(stored.places()).containsExactlyInAnyOrder("US", "US-TX");
		assertThat(stored.titlePlaces()).isEmpty();
	}

	private Map<String, Integer> words(String title, String body) {
		return this.analyzer.words(title, body);
	}

	private String[] places(String title) {
		return this.analyzer.analyse(title, "").places().stream().sorted().toArray(String[]::new);
	}

}
