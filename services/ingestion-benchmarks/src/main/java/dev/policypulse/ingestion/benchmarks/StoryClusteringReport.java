package dev.policypulse.ingestion.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.policypulse.ingestion.publishing.BenchmarkStories;

/**
 * Runs {@link StoryClustering} and prints items per second for each corpus and bound,
 * with the ratio to the unbounded baseline of the same corpus; then how the stories found
 * with each bound differ from those found without one: of the pairs of items put in one
 * story without a bound, the share still in one story (kept), and of the pairs put in one
 * story with the bound, the share also in one story without it (agreeing); and the same
 * against the events the items were written to report (recall, precision). Accepts JMH's
 * usual options, e.g.
 *
 * <pre>
 * java -cp services/ingestion-benchmarks/target/benchmarks.jar dev.policypulse.ingestion.benchmarks.StoryClusteringReport -f 1 -wi 3 -i 5 -p bound=unbounded,8,16,32,64
 * </pre>
 */
public final class StoryClusteringReport {

	private StoryClusteringReport() {
	}

	public static void main(String[] args) throws Exception {
		OptionsBuilder options = new OptionsBuilder();
		options.parent(new CommandLineOptions(args));
		options.include(StoryClustering.class.getName());
		Collection<RunResult> results = new Runner(options.build()).run();
		// By corpus and size, then by bound.
		Map<String, Map<String, Result>> rates = new LinkedHashMap<>();
		for (RunResult result : results) {
			String corpus = result.getParams().getParam("corpus") + " " + result.getParams().getParam("items");
			rates.computeIfAbsent(corpus, (key) -> new LinkedHashMap<>())
				.put(result.getParams().getParam("bound"), result.getSecondaryResults().get("items"));
		}
		System.out.println();
		System.out.printf(Locale.ROOT,
				"Story step alone, single thread, all items of a corpus into an empty index (default bound %d):%n",
				BenchmarkStories.defaultMaxItemsPerBand());
		for (Map.Entry<String, Map<String, Result>> corpus : rates.entrySet()) {
			Result baseline = corpus.getValue().get("unbounded");
			for (Map.Entry<String, Result> bound : corpus.getValue().entrySet()) {
				Result items = bound.getValue();
				System.out.printf(Locale.ROOT, "  %-15s bound %-10s %9.0f ± %6.0f items/s%s%n", corpus.getKey(),
						bound.getKey(), items.getScore(), items.getScoreError(),
						(baseline != null && bound.getValue() != baseline) ? String.format(Locale.ROOT,
								"   %.2f× unbounded", items.getScore() / baseline.getScore()) : "");
			}
		}
		System.out.println();
		System.out.println("Stories found, against those found without a bound and the stories written:");
		for (Map.Entry<String, Map<String, Result>> corpus : rates.entrySet()) {
			String[] corpusAndSize = corpus.getKey().split(" ");
			agreement(corpusAndSize[0], Integer.parseInt(corpusAndSize[1]), corpus.getValue().keySet());
		}
	}

	private static void agreement(String corpus, int count, Set<String> bounds) {
		BenchmarkStories stories = StoryClustering.prepare(corpus, count);
		List<String> written = StoryClustering.writtenStories(corpus, count);
		String[] truth = new String[stories.size()];
		for (int i = 0; i < truth.length; i++) {
			truth[i] = written.get(stories.position(i));
		}
		String[] unbounded = stories.cluster(0);
		Set<String> all = new LinkedHashSet<>(bounds);
		all.add("unbounded");
		for (String bound : all) {
			String[] found = stories.cluster(StoryClustering.maxItemsPerBand(bound));
			long same = Pairs.together(found, unbounded);
			System.out.printf(Locale.ROOT,
					"  %-10s %6d bound %-10s %5d stories, pairs kept %.4f, agreeing %.4f; written stories: recall %.4f, precision %.4f%n",
					corpus, count, bound, new LinkedHashSet<>(List.of(found)).size(),
					same / (double) Pairs.together(unbounded, unbounded), same / (double) Pairs.together(found, found),
					Pairs.together(found, truth) / (double) Pairs.together(truth, truth),
					Pairs.together(found, truth) / (double) Pairs.together(found, found));
		}
	}

	/** Counts pairs of items two partitions both put together. */
	private static final class Pairs {

		private Pairs() {
		}

		static long together(String[] first, String[] second) {
			Map<String, Long> cells = new HashMap<>();
			for (int i = 0; i < first.length; i++) {
				cells.merge(first[i] + '\u0000' + second[i], 1L, Long::sum);
			}
			long pairs = 0;
			for (long size : cells.values()) {
				pairs += size * (size - 1) / 2;
			}
			return pairs;
		}

	}

}
