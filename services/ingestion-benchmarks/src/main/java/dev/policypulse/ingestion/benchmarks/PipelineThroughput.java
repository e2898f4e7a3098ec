package dev.policypulse.ingestion.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

import dev.policypulse.ingestion.publishing.BenchmarkPipeline;
import dev.policypulse.ingestion.publishing.IncomingItem;

/**
 * Single-thread throughput of ingestion's item pipeline over the generated feed corpus,
 * in items per second (the {@code items} counter; one operation handles the whole corpus
 * with a pipeline that has published nothing yet).
 * <ul>
 * <li>{@link #parseNormaliseDedupeCluster}: the feed documents parsed with ROME, then
 * every entry identified, checked against what was published, normalised and
 * clustered.</li>
 * <li>{@link #normaliseDedupeCluster}: the same without parsing, from entries parsed
 * once.</li>
 * <li>{@link #parse}: the parsing alone.</li>
 * <li>{@link #readAndHash}: the baseline: decoding each document as UTF-8 and hashing its
 * bytes with SHA-256, the least that looking at a feed costs.</li>
 * </ul>
 * The database and the broker are left out: in the service each new item also waits for
 * one database lookup, the broker's acknowledgement and one database write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class PipelineThroughput {

	/** Seed of the corpus; fixed so that runs are comparable. */
	static final long SEED = 20_260_309L;

	/** Outlets in the corpus. */
	static final int FEEDS = 40;

	/** Entries per outlet's feed. */
	static final int ITEMS_PER_FEED = 50;

	private List<FeedCorpus.Feed> feeds;

	private List<IncomingItem> parsed;

	private BenchmarkPipeline.Knowledge knowledge;

	private int items;

	@Setup(Level.Trial)
	public void setUp() {
		this.feeds = FeedCorpus.generate(SEED, FEEDS, ITEMS_PER_FEED);
		this.items = FeedCorpus.items(this.feeds);
		this.knowledge = BenchmarkPipeline.load();
		this.parsed = new ArrayList<>(this.items);
		for (FeedCorpus.Feed feed : this.feeds) {
			this.parsed.addAll(FeedParsing.items(feed));
		}
	}

	@Benchmark
	public void parseNormaliseDedupeCluster(Volume volume, Blackhole blackhole) {
		BenchmarkPipeline pipeline = BenchmarkPipeline.fresh(this.knowledge, FeedCorpus.NOW);
		for (FeedCorpus.Feed feed : this.feeds) {
			for (IncomingItem item : FeedParsing.items(feed)) {
				blackhole.consume(pipeline.process(item));
			}
		}
		volume.items += this.items;
	}

	@Benchmark
	public void normaliseDedupeCluster(Volume volume, Blackhole blackhole) {
		BenchmarkPipeline pipeline = BenchmarkPipeline.fresh(this.knowledge, FeedCorpus.NOW);
		for (IncomingItem item : this.parsed) {
			blackhole.consume(pipeline.process(item));
		}
		volume.items += this.items;
	}

	@Benchmark
	public void parse(Volume volume, Blackhole blackhole) {
		for (FeedCorpus.Feed feed : this.feeds) {
			blackhole.consume(FeedParsing.items(feed));
		}
		volume.items += this.items;
	}

	@Benchmark
	public void readAndHash(Volume volume, Blackhole blackhole) throws NoSuchAlgorithmException {
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		for (FeedCorpus.Feed feed : this.feeds) {
			blackhole.consume(new String(feed.rss(), StandardCharsets.UTF_8));
			blackhole.consume(sha256.digest(feed.rss()));
		}
		volume.items += this.items;
	}

	/** Items processed, reported by JMH as a rate (items/s). */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	public static class Volume {

		public double items;

		@Setup(Level.Iteration)
		public void reset() {
			this.items = 0;
		}

	}

}
