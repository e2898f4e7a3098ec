package dev.policypulse.ingestion.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Tracks how each source has been doing, from what the poller reports after every poll,
 * and answers {@link SourceHealthView} with it. A source is {@code unknown} until its
 * first poll ended, {@code failing} while its last fetch failed, {@code silent} when its
 * fetches work but it gave no new item for {@code silence-factor} times its usual gap
 * between items (learned from the dates of its items, never sooner than
 * {@code silence-floor}, and only once {@code minimum-history} dates are known), and
 * {@code ok} otherwise. Silence is judged whenever health is read, so a source falls
 * silent without having to be polled.
 * <p>
 * Health is kept in memory, written to the {@code source_health} table every
 * {@code flush-interval} and at shutdown, and read back at start-up, so a restart keeps
 * it. Gauges per monitored source: {@code policypulse.ingestion.source.up},
 * {@code .consecutive.failures}, {@code .silent}, {@code .last.success},
 * {@code .last.error} and {@code .items.per.day}.
 */
@Component
public class SourceHealthTracker implements SourceHealthView, SmartLifecycle {

	static final String UP = "policypulse.ingestion.source.up";

	static final String CONSECUTIVE_FAILURES = "policypulse.ingestion.source.consecutive.failures";

	static final String SILENT = "policypulse.ingestion.source.silent";

	static final String LAST_SUCCESS = "policypulse.ingestion.source.last.success";

	static final String LAST_ERROR = "policypulse.ingestion.source.last.error";

	static final String ITEMS_PER_DAY = "policypulse.ingestion.source.items.per.day";

	private static final Logger logger = LoggerFactory.getLogger(SourceHealthTracker.class);

	private static final Duration FINAL_FLUSH_TIMEOUT = Duration.ofSeconds(5);

	private final HealthProperties settings;

	private final MeterRegistry meterRegistry;

	private final SourceHealthStore store;

	private final Clock clock;

	private final Map<String, SourceRecord> records = new ConcurrentHashMap<>();

	private final Map<String, List<Meter>> gauges = new HashMap<>();

	private volatile ScheduledExecutorService flusher;

	private volatile boolean flushFailing;

	@Autowired
	SourceHealthTracker(HealthProperties settings, MeterRegistry meterRegistry, SourceHealthStore store) {
		this(settings, meterRegistry, store, Clock.systemUTC());
	}

	SourceHealthTracker(HealthProperties settings, MeterRegistry meterRegistry, SourceHealthStore store, Clock clock) {
		this.settings = settings;
		this.meterRegistry = meterRegistry;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * A poll of {@code sourceId} succeeded.
	 * @param sourceId the source
	 * @param newItemDates the publication dates of the items it gave that were not seen
	 * before (an item without a date counts as published when it was fetched)
	 */
	public void recordSuccess(String sourceId, Collection<Instant> newItemDates) {
		record(sourceId).succeeded(now(), newItemDates);
	}

	/**
	 * A poll of {@code sourceId} failed.
	 * @param sourceId the source
	 * @param reason why, as an operator should read it
	 */
	public void recordFailure(String sourceId, String reason) {
		record(sourceId).failed(now(), reason);
	}

	/**
	 * Sets the sources with gauges: those given get them, any others lose theirs. Their
	 * health is kept either way.
	 * @param sourceIds the sources being polled
	 */
	public synchronized void monitor(Collection<String> sourceIds) {
		Set<String> wanted = new HashSet<>(sourceIds);
		for (String sourceId : List.copyOf(this.gauges.keySet())) {
			if (!wanted.contains(sourceId)) {
				this.gauges.remove(sourceId).forEach(this.meterRegistry::remove);
			}
		}
		for (String sourceId : wanted) {
			if (!this.gauges.containsKey(sourceId)) {
				this.gauges.put(sourceId, registerGauges(sourceId, record(sourceId)));
			}
		}
	}

	@Override
	public Optional<SourceHealth> health(String sourceId) {
		SourceRecord record = this.records.get(sourceId);
		return (record != null) ? Optional.of(record.health(this.clock.instant(), this.settings)) : Optional.empty();
	}

	/** Now, to the millisecond, which the database keeps exactly. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private SourceRecord record(String sourceId) {
		return this.records.computeIfAbsent(sourceId, SourceRecord::new);
	}

	private List<Meter> registerGauges(String sourceId, SourceRecord record) {
		List<Meter> meters = new ArrayList<>(6);
		meters.add(Gauge.builder(UP, record, SourceRecord::up)
			.description("1 while the source's last fetch succeeded, 0 while it fails; NaN before its first poll")
			.tag("source", sourceId)
			.register(this.meterRegistry));
		meters.add(Gauge.builder(CONSECUTIVE_FAILURES, record, SourceRecord::consecutiveFailures)
			.description("Failed fetches of the source since its last success")
			.tag("source", sourceId)
			.register(this.meterRegistry));
		meters.add(Gauge
			.builder(SILENT, record, (r) -> "silent".equals(r.status(this.clock.instant(), this.settings)) ? 1 : 0)
			.description("1 while the source fetches fine but gave no new item for much longer than usual")
			.tag("source", sourceId)
			.register(this.meterRegistry));
		meters.add(Gauge.builder(LAST_SUCCESS, record, SourceRecord::lastSuccessEpochSeconds)
			.description("End of the source's last successful fetch, in seconds since the epoch")
			.baseUnit("seconds")
			.tag("source", sourceId)
			.register(this.meterRegistry));
		meters.add(Gauge.builder(LAST_ERROR, record, SourceRecord::lastErrorEpochSeconds)
			.description("End of the source's last failed fetch, in seconds since the epoch; NaN if none failed")
			.baseUnit("seconds")
			.tag("source", sourceId)
			.register(this.meterRegistry));
		meters.add(Gauge.builder(ITEMS_PER_DAY, record, (r) -> r.itemsPerDayAt(this.clock.instant()))
			.description("New items per day from the source, averaged over the last seven days")
			.tag("source", sourceId)
			.register(this.meterRegistry));
		return meters;
	}

	/** Writes the health that changed since it was last written. */
	void flush() {
		List<StoredHealth> changes = new ArrayList<>();
		for (SourceRecord record : this.records.values()) {
			StoredHealth change = record.changes();
			if (change != null) {
				changes.add(change);
			}
		}
		if (changes.isEmpty()) {
			return;
		}
		try {
			this.store.saveAll(changes);
			for (StoredHealth change : changes) {
				this.records.get(change.sourceId()).saved(change.version());
			}
			if (this.flushFailing) {
				this.flushFailing = false;
				logger.info("Source health is written to the database again");
			}
		}
		catch (RuntimeException ex) {
			if (!this.flushFailing) {
				this.flushFailing = true;
				logger.warn("Could not write source health, will try again: {}", ex.getMessage());
			}
		}
	}

	@Override
	public void start() {
		try {
			for (StoredHealth stored : this.store.loadAll()) {
				this.records.putIfAbsent(stored.sourceId(), SourceRecord.restore(stored));
			}
		}
		catch (DataAccessException ex) {
			logger.warn("Could not read stored source health; starting without it: {}", ex.getMessage());
		}
		ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "source-health-flush");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.flushInterval().toMillis();
		flusher.scheduleWithFixedDelay(this::flush, interval, interval, TimeUnit.MILLISECONDS);
		this.flusher = flusher;
	}

	/**
	 * Writes what changed one last time. The wait is bounded: when the whole JVM shuts
	 * down, the database may already be gone, and shutdown must not hang on it.
	 */
	@Override
	public void stop() {
		ScheduledExecutorService flusher = this.flusher;
		this.flusher = null;
		if (flusher == null) {
			return;
		}
		try {
			flusher.submit(this::flush).get(FINAL_FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException | RejectedExecutionException ex) {
			logger.warn("Could not write source health at shutdown; the last {} of changes are lost",
					this.settings.flushInterval());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			flusher.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.flusher != null;
	}

	/**
	 * Starts before the poller that feeds it and stops after it, to write its last word.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

}
