package dev.policypulse.classifier.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.policypulse.classifier.engine.ClassificationEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to load the engine's knowledge (gazetteer, organisations, officials, topic and cue
 * rules) in a fresh JVM, as a service does at start-up: one shot per fork, no warm-up.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(10)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class KnowledgeLoading {

	@Benchmark
	public ClassificationEngine create() {
		return ClassificationEngine.create();
	}

}
