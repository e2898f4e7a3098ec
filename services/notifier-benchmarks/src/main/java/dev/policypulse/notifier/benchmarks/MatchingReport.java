package dev.policypulse.notifier.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.matching.SubscriptionIndex;
import dev.policypulse.notifier.subscription.Subscription;

/**
 * Runs {@link MatchingLatency} and prints the time per item for the index and for the
 * plain scan, their ratio, the index's time for the item that concerns the most
 * subscriptions, and how many subscriptions an item concerns on average. Accepts JMH's
 * usual options, e.g.
 *
 * <pre>
 * java -cp services/notifier-benchmarks/target/benchmarks.jar dev.policypulse.notifier.benchmarks.MatchingReport -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
public final class MatchingReport {

	private MatchingReport() {
	}

	public static void main(String[] args) throws Exception {
		OptionsBuilder options = new OptionsBuilder();
		options.parent(new CommandLineOptions(args));
		options.include(MatchingLatency.class.getName());
		Collection<RunResult> results = new Runner(options.build()).run();
		double index = Double.NaN;
		double scan = Double.NaN;
		int subscriptions = 0;
		System.out.println();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			subscriptions = Integer.parseInt(result.getParams().getParam("subscriptions"));
			Result<?> time = result.getPrimaryResult();
			if (name.equals("index")) {
				index = time.getScore();
			}
			else if (name.equals("linearScan")) {
				scan = time.getScore();
			}
			System.out.printf(Locale.ROOT, "  %-16s %10.1f ± %.1f µs per item%n", name, time.getScore(),
					time.getScoreError());
		}
		System.out.printf(Locale.ROOT, "  linearScan / index = %.0f%n", scan / index);
		describe(subscriptions);
	}

	/** What the figures were measured on. */
	private static void describe(int count) {
		List<Subscription> population = SubscriberPopulation.subscriptions(MatchingLatency.SEED, count);
		List<PolicyItemClassified> items = SubscriberPopulation.items(MatchingLatency.SEED, MatchingLatency.ITEMS);
		SubscriptionIndex index = SubscriptionIndex.of(population);
		long matches = 0;
		int most = 0;
		for (PolicyItemClassified item : items) {
			int matched = index.match(item).size();
			matches += matched;
			most = Math.max(most, matched);
		}
		long withKeywords = population.stream().filter((s) -> !s.preferences().keywords().isEmpty()).count();
		double followed = population.stream()
			.mapToInt((s) -> s.preferences().jurisdictions().size())
			.average()
			.orElse(0);
		System.out.printf(Locale.ROOT,
				"%nSingle thread, %d subscriptions (%d active, %.1f jurisdictions followed on average, %d%% with "
						+ "keywords), %d generated items; an item concerns %.0f subscriptions on average, %d at most.%n",
				count, index.size(), followed, Math.round(100.0 * withKeywords / count), items.size(),
				(double) matches / items.size(), most);
	}

}
