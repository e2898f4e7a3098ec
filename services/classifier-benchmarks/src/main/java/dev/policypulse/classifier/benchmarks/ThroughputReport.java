package dev.policypulse.classifier.benchmarks;

import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ClassificationThroughput} and prints megabytes per second for the
 * classifier and its baseline, and their ratio. Accepts JMH's usual options, e.g.
 *
 * <pre>
 * java -cp services/classifier-benchmarks/target/benchmarks.jar dev.policypulse.classifier.benchmarks.ThroughputReport -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
public final class ThroughputReport {

	private ThroughputReport() {
	}

	public static void main(String[] args) throws Exception {
		OptionsBuilder options = new OptionsBuilder();
		options.parent(new CommandLineOptions(args));
		options.include(ClassificationThroughput.class.getName());
		Collection<RunResult> results = new Runner(options.build()).run();
		double classify = Double.NaN;
		double baseline = Double.NaN;
		System.out.println();
		System.out.println("Single-thread throughput, corpus of " + ClassificationThroughput.ITEMS
				+ " generated items of 1-5 KB (1 MB = 10^6 bytes of UTF-8):");
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			Result megabytes = result.getSecondaryResults().get("megabytes");
			String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			System.out.printf(Locale.ROOT, "  %-14s %10.3f ± %.3f MB/s%n", name, megabytes.getScore(),
					megabytes.getScoreError());
			if (name.equals("classify")) {
				classify = megabytes.getScore();
			}
			else if (name.equals("lowerCaseScan")) {
				baseline = megabytes.getScore();
			}
		}
		System.out.printf(Locale.ROOT, "  classify / lowerCaseScan = %.3g%n", classify / baseline);
	}

}
