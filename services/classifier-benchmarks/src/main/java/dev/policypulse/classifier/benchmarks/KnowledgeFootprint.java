package dev.policypulse.classifier.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

import dev.policypulse.classifier.engine.ClassificationEngine;

/**
 * Prints the heap that a loaded engine retains: used heap after full collections, before
 * and after creating an engine that stays reachable. The first engine also pays for
 * JDK-wide caches it fills (locale names, for instance); the second shows what each
 * further engine costs. 1 MB = 10^6 bytes.
 *
 * <pre>
 * java -cp services/classifier-benchmarks/target/benchmarks.jar dev.policypulse.classifier.benchmarks.KnowledgeFootprint
 * </pre>
 */
public final class KnowledgeFootprint {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private KnowledgeFootprint() {
	}

	public static void main(String[] args) {
		long empty = settledHeap();
		ClassificationEngine first = ClassificationEngine.create();
		long one = settledHeap();
		ClassificationEngine second = ClassificationEngine.create();
		long two = settledHeap();
		System.out.printf(Locale.ROOT, "heap before loading:          %8.1f MB%n", mb(empty));
		System.out.printf(Locale.ROOT, "retained by the first engine: %8.1f MB%n", mb(one - empty));
		System.out.printf(Locale.ROOT, "retained by a second engine:  %8.1f MB%n", mb(two - one));
		Reference.reachabilityFence(first);
		Reference.reachabilityFence(second);
	}

	private static long settledHeap() {
		long previous = Long.MAX_VALUE;
		long used = MEMORY.getHeapMemoryUsage().getUsed();
		// collect until the figure stops shrinking, at least three times
		for (int i = 0; i < 10 && (i < 3 || used < previous); i++) {
			previous = used;
			System.gc();
			used = MEMORY.getHeapMemoryUsage().getUsed();
		}
		return used;
	}

	private static double mb(long bytes) {
		return bytes / 1e6;
	}

}
