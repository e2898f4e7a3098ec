package dev.policypulse.ingestion.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.policypulse.ingestion.publishing.BenchmarkPipeline;
import dev.policypulse.ingestion.publishing.BenchmarkStories;
import dev.policypulse.ingestion.publishing.IncomingItem;

/**
 * Single-thread throughput of ingestion's story step alone, in items per second (the
 * {@code items} counter): one operation finds the stories of all items of a corpus (the
 * {@code items} parameter, before repeats are left out), in order, in a story index that
 * holds nothing yet, so the window fills up to all of them. Fingerprints and signatures
 * are computed once, before measuring. The {@code bound} parameter sets how many items of
 * a day a new item is compared with per MinHash band they share; {@code unbounded} is the
 * baseline.
 * <ul>
 * <li>{@code corpus=varied}: the entries of {@link FeedCorpus} (outlets reporting shared
 * events in their own words), without the repeats the pipeline drops.</li>
 * <li>{@code corpus=templated}: {@link TemplateCorpus}, items made from a few dozen
 * sentence templates, so that each item shares MinHash bands with hundreds of
 * others.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class StoryClustering {

	/** Items per operation, before repeats are left out. */
	@Param({ "5000" })
	public int items;

	@Param({ "varied", "templated" })
	public String corpus;

	/**
	 * How many items of a day a new item is compared with per band they share:
	 * {@code unbounded} (all, the baseline), {@code default} (the service's bound), or a
	 * number.
	 */
	@Param({ "unbounded", "default" })
	public String bound;

	private int maxItemsPerBand;

	private BenchmarkStories stories;

	@Setup(Level.Trial)
	public void setUp() {
		this.stories = prepare(this.corpus, this.items);
		this.maxItemsPerBand = maxItemsPerBand(this.bound);
	}

	@Benchmark
	public void assign(PipelineThroughput.Volume volume, Blackhole blackhole) {
		blackhole.consume(this.stories.cluster(this.maxItemsPerBand));
		volume.items += this.stories.size();
	}

	/** The bound a parameter stands for; 0 for none. */
	static int maxItemsPerBand(String bound) {
		return switch (bound) {
			case "unbounded" -> 0;
			case "default" -> BenchmarkStories.defaultMaxItemsPerBand();
			default -> Integer.parseInt(bound);
		};
	}

	/** The items of a corpus, taken through the steps before the story step. */
	static BenchmarkStories prepare(String corpus, int count) {
		BenchmarkPipeline.Knowledge knowledge = BenchmarkPipeline.load();
		return BenchmarkStories.prepare(knowledge, items(corpus, count), FeedCorpus.NOW);
	}

	/** The items of a corpus, in the order they come in. */
	static List<IncomingItem> items(String corpus, int count) {
		List<IncomingItem> items = new ArrayList<>(count);
		switch (corpus) {
			case "varied" -> {
				for (FeedCorpus.Feed feed : FeedCorpus.generate(PipelineThroughput.SEED, count / 50, 50)) {
					items.addAll(FeedParsing.items(feed));
				}
			}
			case "templated" -> TemplateCorpus.generate(PipelineThroughput.SEED, count)
				.forEach((labelled) -> items.add(labelled.item()));
			default -> throw new IllegalArgumentException("no corpus " + corpus);
		}
		return items;
	}

	/** The event or story each item of a corpus was written to report, in order. */
	static List<String> writtenStories(String corpus, int count) {
		List<String> stories = new ArrayList<>(count);
		switch (corpus) {
			case "varied" -> {
				for (FeedCorpus.Feed feed : FeedCorpus.generate(PipelineThroughput.SEED, count / 50, 50)) {
					for (int event : feed.events()) {
						stories.add("event-" + event);
					}
				}
			}
			case "templated" -> TemplateCorpus.generate(PipelineThroughput.SEED, count)
				.forEach((labelled) -> stories.add(labelled.story()));
			default -> throw new IllegalArgumentException("no corpus " + corpus);
		}
		return stories;
	}

}
