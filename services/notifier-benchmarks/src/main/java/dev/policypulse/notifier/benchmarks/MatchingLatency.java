package dev.policypulse.notifier.benchmarks;

import java.util.Comparator;
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

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.matching.LinearScan;
import dev.policypulse.notifier.matching.Match;
import dev.policypulse.notifier.matching.SubscriptionIndex;
import dev.policypulse.notifier.subscription.Subscription;

/**
 * Time to find every subscription one classified item concerns, with the reasons, among
 * {@link #subscriptions} generated ones ({@link SubscriberPopulation}). {@link #index} is
 * what the notifier does; {@link #linearScan} checks every subscription in turn, the way
 * it did before. Each operation matches the next of {@link #ITEMS} generated items, so
 * that the figure is an average over items that concern many subscribers (the US acts)
 * and few; {@link #indexBusiestItem} matches the item that concerns the most, again and
 * again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class MatchingLatency {

	/** Seed of subscribers and items; fixed so that runs are comparable. */
	static final long SEED = 20_260_504L;

	/** Items matched in turn. */
	static final int ITEMS = 512;

	@Param("100000")
	public int subscriptions;

	private List<Subscription> population;

	private SubscriptionIndex indexed;

	private List<PolicyItemClassified> items;

	private PolicyItemClassified busiest;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		this.population = SubscriberPopulation.subscriptions(SEED, this.subscriptions);
		this.indexed = SubscriptionIndex.of(this.population);
		this.items = SubscriberPopulation.items(SEED, ITEMS);
		this.busiest = this.items.stream()
			.max(Comparator.comparingInt((item) -> this.indexed.match(item).size()))
			.orElseThrow();
	}

	@Benchmark
	public List<Match> index() {
		return this.indexed.match(nextItem());
	}

	@Benchmark
	public List<Match> indexBusiestItem() {
		return this.indexed.match(this.busiest);
	}

	@Benchmark
	public List<Match> linearScan() {
		return LinearScan.match(this.population, nextItem());
	}

	private PolicyItemClassified nextItem() {
		PolicyItemClassified item = this.items.get(this.next);
		this.next = (this.next + 1) % ITEMS;
		return item;
	}

}
