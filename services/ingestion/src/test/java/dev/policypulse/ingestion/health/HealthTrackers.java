package dev.policypulse.ingestion.health;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

/** Health trackers for tests of other packages: default settings, kept in memory. */
public final class HealthTrackers {

	private HealthTrackers() {
	}

	public static SourceHealthTracker inMemory(MeterRegistry meterRegistry, Clock clock) {
		return new SourceHealthTracker(new HealthProperties(null, null, null, null), meterRegistry,
				SourceHealthStore.NONE, clock);
	}

}
