package dev.policypulse.classifier.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.policypulse.classifier.engine.ClassificationEngine;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread classification throughput over the generated news corpus. One operation
 * handles the whole corpus, so megabytes per second is operations per second times the
 * corpus size; the {@code megabytes} counter reports that rate directly (its "ops/s" are
 * MB/s, 1 MB = 10^6 bytes of UTF-8). {@link #lowerCaseScan} is the baseline: the least
 * any text classifier does, lower-casing every item and scanning it once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ClassificationThroughput {

	/** Seed of the corpus; fixed so that runs are comparable. */
	static final long SEED = 20_240_601L;

	/** Items in the corpus, about 1.5 MB in all. */
	static final int ITEMS = 500;

	private ClassificationEngine engine;

	private List<NewsCorpus.Item> corpus;

	private double megabytes;

	@Setup(Level.Trial)
	public void setUp() {
		this.engine = ClassificationEngine.create();
		this.corpus = NewsCorpus.generate(SEED, ITEMS);
		this.megabytes = NewsCorpus.bytes(this.corpus) / 1e6;
	}

	@Benchmark
	public void classify(Volume volume, Blackhole blackhole) {
		for (NewsCorpus.Item item : this.corpus) {
			blackhole.consume(this.engine.classify(item.title(), item.body()));
		}
		volume.megabytes += this.megabytes;
	}

	@Benchmark
	public void lowerCaseScan(Volume volume, Blackhole blackhole) {
		for (NewsCorpus.Item item : this.corpus) {
			blackhole.consume(
					letters(item.title().toLowerCase(Locale.ROOT)) + letters(item.body().toLowerCase(Locale.ROOT)));
		}
		volume.megabytes += this.megabytes;
	}

	private static int letters(String text) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (Character.isLetter(text.charAt(i))) {
				count++;
			}
		}
		return count;
	}

	/** Megabytes of corpus processed, reported by JMH as a rate (MB/s). */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	public static class Volume {

		public double megabytes;

		@Setup(Level.Iteration)
		public void reset() {
			this.megabytes = 0;
		}

	}

}
