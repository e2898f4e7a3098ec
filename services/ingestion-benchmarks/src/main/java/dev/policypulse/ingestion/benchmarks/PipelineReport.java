package dev.policypulse.ingestion.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link PipelineThroughput} and prints items per second for each step and for the
 * baseline, and their ratios. Accepts JMH's usual options, e.g.
 *
 * <pre>
 * java -cp services/ingestion-benchmarks/target/benchmarks.jar dev.policypulse.ingestion.benchmarks.PipelineReport -f 1 -wi 2 -i 3
 * </pre>
 */
public final class PipelineReport {

	private PipelineReport() {
	}

	public static void main(String[] args) throws Exception {
		OptionsBuilder options = new OptionsBuilder();
		options.parent(new CommandLineOptions(args));
		options.include(PipelineThroughput.class.getName());
		Collection<RunResult> results = new Runner(options.build()).run();
		Map<String, Double> rates = new LinkedHashMap<>();
		System.out.println();
		System.out.printf(Locale.ROOT, "Single-thread throughput, %d generated RSS feeds of %d entries each:%n",
				PipelineThroughput.FEEDS, PipelineThroughput.ITEMS_PER_FEED);
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			Result items = result.getSecondaryResults().get("items");
			rates.put(name, items.getScore());
			System.out.printf(Locale.ROOT, "  %-28s %12.0f ± %.0f items/s%n", name, items.getScore(),
					items.getScoreError());
		}
		double baseline = rates.getOrDefault("readAndHash", Double.NaN);
		for (Map.Entry<String, Double> rate : rates.entrySet()) {
			if (!rate.getKey().equals("readAndHash")) {
				System.out.printf(Locale.ROOT, "  %s / readAndHash = %.3g%n", rate.getKey(),
						rate.getValue() / baseline);
			}
		}
	}

}
