package dev.policypulse.ingestion.publishing;

import dev.policypulse.ingestion.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoryIndexTests {

	private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

	private final StoryAnalyzer analyzer = StoryAnalyzer.load();

	private final MutableClock clock = new MutableClock(MONDAY);

	private final StoryIndex index = new StoryIndex(Duration.ofDays(7), 0.15, 1_000, this.clock);

	@Test
	void joinsARewordedReportToTheStoryOfTheFirst() {
		assertThat(assign("first", "Nigeria detains two executives of exchange Coinvale",
				"Authorities accuse the exchange of currency manipulation.", MONDAY))
			.satisfies((assignment) -> assertThat(assignment.joinedExistingStory()).isFalse())
			.extracting(StoryIndex.Assignment::storyId)
			.isEqualTo("first");
		StoryIndex.Assignment second = assign("second", "Coinvale executives held in Nigeria",
				"Two executives of the exchange were detained over currency manipulation claims.",
				MONDAY.plusSeconds(3600));
		assertThat(second.storyId()).isEqualTo("first");
		assertThat(second.matchedItemId()).isEqualTo("first");
		assertThat(second.similarity()).isGreaterThanOrEqualTo(0.15);
		StoryIndex.Assignment third = assign("third", "Nigeria holds Coinvale staff",
				"The exchange executives remain detained.", MONDAY.plusSeconds(7200));
		assertThat(third.storyId()).as("the story keeps the id of its first item").isEqualTo("first");
	}

	@Test
	void startsANewStoryForAnotherEventOfTheSameCountry() {
		assign("arrests", "Nigeria detains two executives of exchange Coinvale",
				"Authorities accuse the exchange of currency manipulation.", MONDAY);
		assertThat(assign("rules", "Nigeria sets capital rules for crypto exchanges",
				"Exchanges need 500 million naira in capital.", MONDAY)
			.storyId()).isEqualTo("rules");
	}

	@Test
	void forgetsItemsOnceTheyAreOlderThanTheWindow() {
		assign("first", "Texas creates state bitcoin reserve", "The comptroller will manage the reserve fund.", MONDAY);
		this.clock.advance(Duration.ofDays(8));
		assertThat(assign("late", "Texas sets up bitcoin reserve fund", "The comptroller manages the reserve.",
				MONDAY.plus(Duration.ofDays(8)))
			.storyId()).isEqualTo("late");
		assertThat(this.index.size()).isEqualTo(1);
	}

	@Test
	void comparesOnlyItemsPublishedWithinAWindowOfEachOther() {
		assign("first", "Texas creates state bitcoin reserve", "The comptroller will manage the reserve fund.", MONDAY);
		assertThat(assign("backdated", "Texas sets up bitcoin reserve fund", "The comptroller manages the reserve.",
				MONDAY.minus(Duration.ofDays(8)))
			.storyId()).isEqualTo("backdated");
	}

	@Test
	void letsAnItemPublishedLongBeforeTheWindowStartItsOwnStory() {
		assign("first", "Texas creates state bitcoin reserve", "The comptroller will manage the reserve fund.", MONDAY);
		StoryIndex.Assignment old = assign("old", "Texas sets up bitcoin reserve fund",
				"The comptroller manages the reserve.", MONDAY.minus(Duration.ofDays(400)));
		assertThat(old.storyId()).isEqualTo("old");
		assertThat(this.index.size()).as("not kept either").isEqualTo(1);
	}

	@Test
	void joinsTheMostSimilarItemAndOnATieTheEarliest() {
		assign("later", "Coinvale fined over customer checks", "The exchange must pay 2 million euros.",
				MONDAY.plusSeconds(60));
		assign("earlier", "Coinvale fined over customer checks", "The exchange must pay 2 million euros.", MONDAY);
		assign("reworded", "Coinvale fined 2 million euros over customer checks at its exchange",
				"Checks on customers failed.", MONDAY);
		assertThat(assign("new", "Coinvale fined over customer checks", "The exchange must pay 2 million euros.",
				MONDAY.plusSeconds(120))
			.matchedItemId()).isEqualTo("earlier");
	}

	@Test
	void forgetsAnItemThatWasNotPublished() {
		assign("failed", "Texas creates state bitcoin reserve", "The comptroller will manage the reserve fund.",
				MONDAY);
		this.index.remove("failed");
		assertThat(assign("retry-of-other", "Texas sets up bitcoin reserve fund",
				"The comptroller manages the reserve.", MONDAY)
			.storyId()).isEqualTo("retry-of-other");
	}

	@Test
	void joinsRestoredItemsToo() {
		StoryFingerprint fingerprint = this.analyzer.analyse("Texas creates state bitcoin reserve",
				"The comptroller will manage the reserve fund.");
		this.index.restore("stored", "story-of-stored", fingerprint, MinHash.signature(fingerprint.features()), MONDAY);
		assertThat(assign("new", "Texas sets up bitcoin reserve fund", "The comptroller manages the reserve.", MONDAY)
			.storyId()).isEqualTo("story-of-stored");
	}

	@Test
	void neverJoinsItemsWithTooFewWords() {
		assign("first", "Weekly bulletin", "", MONDAY);
		assertThat(assign("second", "Weekly bulletin", "", MONDAY).storyId()).isEqualTo("second");
		assertThat(this.index.size()).isZero();
	}

	@Test
	void dropsTheOldestDayWhenFull() {
		StoryIndex small = new StoryIndex(Duration.ofDays(7), 0.15, 2, this.clock);
		StoryFingerprint reserve = this.analyzer.analyse("Texas creates state bitcoin reserve",
				"The comptroller will manage the reserve fund.");
		int[] signature = MinHash.signature(reserve.features());
		small.assign("day-1", reserve, signature, MONDAY.minus(Duration.ofDays(2)));
		small.assign("day-2", reserve, signature, MONDAY.minus(Duration.ofDays(1)));
		assertThat(small.assign("day-3", reserve, signature, MONDAY).matchedItemId()).isEqualTo("day-1");
		assertThat(small.size()).isEqualTo(2);
		assertThat(small.assign("day-3b", reserve, signature, MONDAY).matchedItemId()).isEqualTo("day-2");
	}

	@Test
	void findsReportsSharingAWeightyWordThatNoBandFinds() {
		int name = StoryFingerprint.copyHash("coinvale", 2);
		int amount = StoryFingerprint.copyHash("12", 2);
		StoryFingerprint first = fingerprint(name, amount, 1, 2, 3);
		StoryFingerprint second = fingerprint(name, amount, 4, 5, 6);
		this.index.assign("first", first, signature(1), MONDAY);
		// Signatures that agree nowhere: no band in common.
		StoryIndex.Assignment assignment = this.index.assign("second", second, signature(2), MONDAY);
		assertThat(assignment.matchedItemId()).isEqualTo("first");
		assertThat(assignment.similarity()).isEqualTo(0.25);
	}

	@Test
	void findsNothingByAWeightyWordThatManyItemsOfTheDayShare() {
		int common = StoryFingerprint.copyHash("bitcoin", 2);
		for (int i = 0; i < StoryIndex.MAX_ITEMS_PER_KEY; i++) {
			this.index.assign("other-" + i, fingerprint(common, 1, 2, 3, 1000 + i), signature(10 + i), MONDAY);
		}
		// As alike as can be, but found by no band, and by a word too common to look up.
		StoryIndex.Assignment assignment = this.index.assign("new", fingerprint(common, 1, 2, 3, 4), signature(1),
				MONDAY);
		assertThat(assignment.joinedExistingStory()).isFalse();
	}

	@Test
	void comparesOnlyTheItemsOfADayThatTookABandLast() {
		StoryIndex bounded = new StoryIndex(Duration.ofDays(7), 0.15, 1_000, this.clock, 2);
		bounded.assign("oldest", fingerprint(1, 2, 3, 4, 5), signature(1), MONDAY);
		bounded.assign("newer", fingerprint(1, 2, 3, 6, 7), signature(1), MONDAY.plusSeconds(60));
		bounded.assign("newest", fingerprint(1, 2, 3, 8, 9), signature(1), MONDAY.plusSeconds(120));
		// A copy of the oldest, sharing every band with all three.
		StoryIndex.Assignment assignment = bounded.assign("new", fingerprint(1, 2, 3, 4, 5), signature(1),
				MONDAY.plusSeconds(180));
		assertThat(assignment.matchedItemId()).as("the oldest is not read").isEqualTo("newer");
		assertThat(assignment.similarity()).isEqualTo(3 / 7.0);
	}

	@Test
	void readsTheNewestItemsOfEveryDayPerBand() {
		StoryIndex bounded = new StoryIndex(Duration.ofDays(7), 0.15, 1_000, this.clock, 2);
		bounded.assign("yesterday", fingerprint(1, 2, 3, 4, 5), signature(1), MONDAY.minus(Duration.ofDays(1)));
		bounded.assign("newer", fingerprint(1, 2, 3, 6, 7), signature(1), MONDAY);
		bounded.assign("newest", fingerprint(1, 2, 3, 8, 9), signature(1), MONDAY.plusSeconds(60));
		assertThat(bounded.assign("new", fingerprint(1, 2, 3, 4, 5), signature(1), MONDAY.plusSeconds(120))
			.matchedItemId()).isEqualTo("yesterday");
	}

	@Test
	void joinsTheLatestReportsOfAStoryWhenManyItemsOfTheDayShareItsBands() {
		StoryFingerprint report = fingerprint(1, 2, 3, 4, 5);
		this.index.assign("first", report, signature(1), MONDAY);
		for (int i = 0; i < StoryIndex.MAX_ITEMS_PER_BAND; i++) {
			// Share every band with the story, but few words.
			this.index.assign("other-" + i, fingerprint(1, 100 + i, 200 + i, 300 + i, 400 + i), signature(1),
					MONDAY.plusSeconds(i));
		}
		assertThat(this.index.assign("second", report, signature(1), MONDAY.plusSeconds(3600)).storyId())
			.as("the first report is no longer among the items read")
			.isEqualTo("second");
		assertThat(this.index.assign("third", report, signature(1), MONDAY.plusSeconds(3660)).storyId())
			.isEqualTo("second");
	}

	private static StoryFingerprint fingerprint(int... features) {
		return new StoryFingerprint(IntStream.of(features).sorted().toArray(), Set.of(), Set.of());
	}

	private static int[] signature(int value) {
		int[] signature = new int[MinHash.LENGTH];
		Arrays.fill(signature, value);
		return signature;
	}

	private StoryIndex.Assignment assign(String id, String title, String body, Instant publishedAt) {
		StoryFingerprint fingerprint = this.analyzer.analyse(title, body);
		return this.index.assign(id, fingerprint, MinHash.signature(fingerprint.features()), publishedAt);
	}

}
