package dev.policypulse.ingestion.health;

import dev.policypulse.ingestion.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SourceHealthTrackerTests {

	private static final Instant START = Instant.parse("2025-06-02T08:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SourceHealthTracker tracker = new SourceHealthTracker(new HealthProperties(null, null, null, null),
			this.meters, SourceHealthStore.NONE, this.clock);

	@Test
	void isUnknownUntilTheFirstPollEnded() {
		assertThat(this.tracker.health("fresh")).isEmpty();
		this.tracker.monitor(List.of("fresh"));
		assertThat(this.tracker.health("fresh")).hasValueSatisfying((health) -> {
			assertThat(health.status()).isEqualTo("unknown");
			assertThat(health.lastSuccess()).isNull();
			assertThat(health.itemsPerDay()).isZero();
		});
		assertThat(gauge(SourceHealthTracker.UP, "fresh")).isNaN();
		assertThat(gauge(SourceHealthTracker.LAST_SUCCESS, "fresh")).isNaN();
		assertThat(gauge(SourceHealthTracker.LAST_ERROR, "fresh")).isNaN();
		assertThat(gauge(SourceHealthTracker.ITEMS_PER_DAY, "fresh")).isZero();
	}

	@Test
	void countsFailuresUntilTheNextSuccess() {
		this.tracker.monitor(List.of("flaky"));
		this.tracker.recordFailure("flaky", "HTTP 503");
		this.clock.advance(Duration.ofMinutes(5));
		this.tracker.recordFailure("flaky", "address 10.0.0.1 is not on the public internet");
		SourceHealth failing = this.tracker.health("flaky").orElseThrow();
		assertThat(failing.status()).isEqualTo("failing");
		assertThat(failing.consecutiveFailures()).isEqualTo(2);
		assertThat(failing.lastError()).isEqualTo(START.plus(Duration.ofMinutes(5)));
		assertThat(failing.lastErrorMessage()).isEqualTo("address 10.0.0.1 is not on the public internet");
		assertThat(gauge(SourceHealthTracker.UP, "flaky")).isZero();
		assertThat(gauge(SourceHealthTracker.CONSECUTIVE_FAILURES, "flaky")).isEqualTo(2);
		assertThat(gauge(SourceHealthTracker.LAST_ERROR, "flaky"))
			.isEqualTo(START.plus(Duration.ofMinutes(5)).getEpochSecond());

		this.clock.advance(Duration.ofMinutes(5));
		this.tracker.recordSuccess("flaky", List.of());
		SourceHealth recovered = this.tracker.health("flaky").orElseThrow();
		assertThat(recovered.status()).isEqualTo("ok");
		assertThat(recovered.consecutiveFailures()).isZero();
		assertThat(recovered.lastSuccess()).isEqualTo(START.plus(Duration.ofMinutes(10)));
		assertThat(recovered.lastErrorMessage()).as("kept for reference")
			.isEqualTo("address 10.0.0.1 is not on the public internet");
		assertThat(gauge(SourceHealthTracker.UP, "flaky")).isOne();
		assertThat(gauge(SourceHealthTracker.LAST_SUCCESS, "flaky"))
			.isEqualTo(START.plus(Duration.ofMinutes(10)).getEpochSecond());
	}

	@Test
	void fallsSilentAfterFourTimesItsUsualGapWithoutANewItem() {
		this.tracker.monitor(List.of("daily"));
		// A source publishing once a day: its first poll brings five days of items.
		this.tracker.recordSuccess("daily", daily(5, START.minus(Duration.ofDays(4))));
		assertThat(status("daily")).isEqualTo("ok");
		this.clock.advance(Duration.ofDays(3));
		this.tracker.recordSuccess("daily", List.of());
		assertThat(status("daily")).as("three days without a new item").isEqualTo("ok");
		this.clock.advance(Duration.ofDays(1).plusHours(1));
		this.tracker.recordSuccess("daily", List.of());
		assertThat(status("daily")).as("four days and an hour").isEqualTo("silent");
		assertThat(gauge(SourceHealthTracker.SILENT, "daily")).isOne();
		assertThat(gauge(SourceHealthTracker.UP, "daily")).as("it still fetches fine").isOne();

		this.tracker.recordSuccess("daily", List.of(this.clock.instant().minus(Duration.ofHours(2))));
		assertThat(status("daily")).isEqualTo("ok");
		assertThat(gauge(SourceHealthTracker.SILENT, "daily")).isZero();
	}

	@Test
	void fallsSilentWithoutBeingPolledAgain() {
		this.tracker.recordSuccess("weekly", List.of(START.minus(Duration.ofDays(28)), START.minus(Duration.ofDays(21)),
				START.minus(Duration.ofDays(14)), START.minus(Duration.ofDays(7)), START));
		this.clock.advance(Duration.ofDays(27));
		assertThat(status("weekly")).isEqualTo("ok");
		this.clock.advance(Duration.ofDays(2));
		assertThat(status("weekly")).isEqualTo("silent");
	}

	@Test
	void neverCallsASourceSilentSoonerThanTheFloor() {
		List<Instant> hourly = new ArrayList<>();
		for (int i = 10; i > 0; i--) {
			hourly.add(START.minus(Duration.ofHours(i)));
		}
		this.tracker.recordSuccess("hourly", hourly);
		this.clock.advance(Duration.ofHours(23));
		assertThat(status("hourly")).as("4 x 1h is less than the 24h floor").isEqualTo("ok");
		this.clock.advance(Duration.ofHours(2));
		assertThat(status("hourly")).isEqualTo("silent");
	}

	@Test
	void judgesSilenceOnlyWithEnoughHistory() {
		this.tracker.recordSuccess("young", daily(4, START.minus(Duration.ofDays(3))));
		this.clock.advance(Duration.ofDays(100));
		assertThat(status("young")).isEqualTo("ok");
	}

	@Test
	void countsUndatedItemsOfOnePollOnce() {
		// Items without a date carry the fetch time; five of them say nothing about the
		// source's rhythm.
		this.tracker.recordSuccess("undated", List.of(START, START, START, START, START));
		this.clock.advance(Duration.ofDays(30));
		assertThat(status("undated")).isEqualTo("ok");
	}

	@Test
	void reportsAFailingSourceAsFailingRatherThanSilent() {
		this.tracker.recordSuccess("broken", daily(10, START.minus(Duration.ofDays(9))));
		this.clock.advance(Duration.ofDays(10));
		this.tracker.recordFailure("broken", "HTTP 503");
		assertThat(status("broken")).isEqualTo("failing");
	}

	@Test
	void averagesNewItemsPerDayOverTheLastWeek() {
		List<Instant> dates = new ArrayList<>();
		for (int i = 0; i < 14; i++) {
			dates.add(START.minus(Duration.ofHours(12L * i + 1)));
		}
		dates.add(START.minus(Duration.ofDays(30)));
		this.tracker.monitor(List.of("busy"));
		this.tracker.recordSuccess("busy", dates);
		assertThat(this.tracker.health("busy").orElseThrow().itemsPerDay()).isCloseTo(2.0, within(0.001));
		assertThat(gauge(SourceHealthTracker.ITEMS_PER_DAY, "busy")).isCloseTo(2.0, within(0.001));
		assertThat(this.tracker.health("busy").orElseThrow().lastNewItem()).isEqualTo(START);
	}

	@Test
	void takesDatesInTheFutureAsNow() {
		this.tracker.recordSuccess("ahead", List.of(START.plus(Duration.ofDays(365))));
		assertThat(this.tracker.health("ahead").orElseThrow().itemsPerDay()).isCloseTo(1 / 7.0, within(0.001));
	}

	@Test
	void dropsTheGaugesOfSourcesNoLongerPolled() {
		this.tracker.monitor(List.of("kept", "dropped"));
		this.tracker.recordSuccess("dropped", List.of());
		this.tracker.monitor(List.of("kept"));
		assertThat(this.meters.find(SourceHealthTracker.UP).tag("source", "dropped").gauge()).isNull();
		assertThat(this.meters.find(SourceHealthTracker.UP).tag("source", "kept").gauge()).isNotNull();
		assertThat(this.tracker.health("dropped")).as("its health is kept").isPresent();
	}

	private String status(String sourceId) {
		return this.tracker.health(sourceId).orElseThrow().status();
	}

	private double gauge(String name, String sourceId) {
		Gauge gauge = this.meters.find(name).tag("source", sourceId).gauge();
		assertThat(gauge).as(name).isNotNull();
		return gauge.value();
	}

	private static List<Instant> daily(int count, Instant first) {
		List<Instant> dates = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			dates.add(first.plus(Duration.ofDays(i)));
		}
		return dates;
	}

}
