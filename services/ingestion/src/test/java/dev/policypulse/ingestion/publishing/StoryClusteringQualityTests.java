package dev.policypulse.ingestion.publishing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures story clustering on {@code stories/labelled-items.txt}: short news items
 * written for the purpose, grouped by the event they report. Every pair of items is put
 * through a fresh index, first one then the other; the pair counts as "same story" when
 * the second joins the first's story. Prints the figures and holds them to floors.
 */
class StoryClusteringQualityTests {

	private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final StoryAnalyzer analyzer = StoryAnalyzer.load();

	private static List<LabelledItem> items;

	@BeforeAll
	static void readItems() throws IOException {
		items = new ArrayList<>();
		try (InputStream in = StoryClusteringQualityTests.class.getResourceAsStream("/stories/labelled-items.txt");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split("\\|", 3);
				String title = parts[1].strip();
				String body = parts[2].strip();
				StoryFingerprint fingerprint = analyzer.analyse(title, body);
				items.add(new LabelledItem("item-" + items.size(), parts[0].strip(), title, fingerprint,
						MinHash.signature(fingerprint.features())));
			}
		}
	}

	@Test
	void labelledSetHasEnoughSameAndHardDifferentPairs() {
		Counts counts = pairCounts();
		assertThat(counts.same).isGreaterThanOrEqualTo(40);
		assertThat(counts.hardDifferent).isGreaterThanOrEqualTo(40);
	}

	@Test
	void findsTheSameStoryAcrossOutletsPreciselyAndWithHighRecall() {
		int truePositives = 0;
		int falsePositives = 0;
		int falseNegatives = 0;
		int hardFalsePositives = 0;
		List<String> mistakes = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			for (int j = i + 1; j < items.size(); j++) {
				LabelledItem first = items.get(i);
				LabelledItem second = items.get(j);
				boolean same = first.event.equals(second.event);
				boolean joined = joins(first, second);
				if (joined && same) {
					truePositives++;
				}
				else if (joined) {
					falsePositives++;
					hardFalsePositives += first.family().equals(second.family()) ? 1 : 0;
					mistakes.add("joined   " + first.event + " / " + second.event);
				}
				else if (same) {
					falseNegatives++;
					mistakes.add("apart    " + first.event + ": '" + first.title + "' / '" + second.title + "'");
				}
			}
		}
		double precision = truePositives / (double) (truePositives + falsePositives);
		double recall = truePositives / (double) (truePositives + falseNegatives);
		Counts counts = pairCounts();
		System.out.printf(Locale.ROOT,
				"Story clustering on %d labelled items: %d same-story pairs, %d different-story pairs (%d hard)%n"
						+ "  precision %.3f, recall %.3f (true positives %d, false positives %d of which hard %d,"
						+ " false negatives %d)%n",
				items.size(), counts.same, counts.different, counts.hardDifferent, precision, recall, truePositives,
				falsePositives, hardFalsePositives, falseNegatives);
		mistakes.forEach((mistake) -> System.out.println("  " + mistake));
		assertThat(precision).isGreaterThanOrEqualTo(0.95);
		assertThat(recall).isGreaterThanOrEqualTo(0.8);
	}

	@Test
	void clustersTheWholeSetInOneIndexIntoItsEvents() {
		StoryIndex index = new StoryIndex(Duration.ofDays(7), StoryProperties.DEFAULT_THRESHOLD, 10_000, CLOCK);
		Map<String, Set<String>> storiesByEvent = new HashMap<>();
		Map<String, Set<String>> eventsByStory = new HashMap<>();
		for (LabelledItem item : items) {
			String story = index.assign(item.id, item.fingerprint, item.signature, NOW).storyId();
			storiesByEvent.computeIfAbsent(item.event, (event) -> new HashSet<>()).add(story);
			eventsByStory.computeIfAbsent(story, (s) -> new HashSet<>()).add(item.event);
		}
		long wholeEvents = storiesByEvent.values().stream().filter((stories) -> stories.size() == 1).count();
		long pureStories = eventsByStory.values().stream().filter((events) -> events.size() == 1).count();
		System.out.printf(Locale.ROOT,
				"One index, items in file order: %d of %d events in a single story, %d of %d stories about a"
						+ " single event%n",
				wholeEvents, storiesByEvent.size(), pureStories, eventsByStory.size());
		assertThat(pureStories).isGreaterThanOrEqualTo(eventsByStory.size() - 2);
		assertThat((double) wholeEvents / storiesByEvent.size()).isGreaterThanOrEqualTo(0.75);
	}

	private static boolean joins(LabelledItem first, LabelledItem second) {
		StoryIndex index = new StoryIndex(Duration.ofDays(7), StoryProperties.DEFAULT_THRESHOLD, 100, CLOCK);
		index.assign(first.id, first.fingerprint, first.signature, NOW);
		return index.assign(second.id, second.fingerprint, second.signature, NOW).storyId().equals(first.id);
	}

	private static Counts pairCounts() {
		Counts counts = new Counts();
		for (int i = 0; i < items.size(); i++) {
			for (int j = i + 1; j < items.size(); j++) {
				if (items.get(i).event.equals(items.get(j).event)) {
					counts.same++;
				}
				else {
					counts.different++;
					counts.hardDifferent += items.get(i).family().equals(items.get(j).family()) ? 1 : 0;
				}
			}
		}
		return counts;
	}

	private static final class Counts {

		int same;

		int different;

		int hardDifferent;

	}

	private record LabelledItem(String id, String event, String title, StoryFingerprint fingerprint, int[] signature) {

		String family() {
			return this.event.substring(0, this.event.indexOf('/'));
		}

	}

}
