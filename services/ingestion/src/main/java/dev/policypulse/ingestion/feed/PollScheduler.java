package dev.policypulse.ingestion.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.policypulse.ingestion.health.SourceHealthTracker;
import dev.policypulse.ingestion.source.Source;
import dev.policypulse.ingestion.source.SourceCatalog;
import dev.policypulse.ingestion.source.SourcesChanged;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Polls every active source of the {@link SourceCatalog} on its own interval. A source
 * never overlaps with itself: its next poll is planned when the previous one ended, after
 * its interval give or take 10% at random, so that sources added together drift apart
 * instead of hitting their hosts in step. A new or resumed source is first polled after
 * {@code poller.initial-delay}.
 * <p>
 * The schedule follows the catalog: on every {@link SourcesChanged} event, and every
 * {@code poller.reconcile-interval} in case another instance changed it, removed and
 * paused sources stop being polled, new and resumed ones start, and a changed interval or
 * address applies from the next poll.
 * <p>
 * Polls run on {@code poller.threads} threads, at most {@code poller.per-host} at a time
 * for sources of the same host (see {@link HostLanes}); with the fetch time-outs and each
 * host's circuit breaker this keeps one slow or broken source, or host, from delaying the
 * others.
 */
@Component
class PollScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PollScheduler.class);

	private final SourceCatalog catalog;

	private final PollRunner runner;

	private final SourceHealthTracker health;

	private final FeedProperties.Poller settings;

	private final int rememberedLinks;

	private final Map<String, SourceState> states = new HashMap<>();

	/**
	 * Held from reading the catalog until its sources are applied, so that a slow run
	 * cannot apply a list read before a newer run's; separate from the monitor so that
	 * polls ending meanwhile are not held up by the read.
	 */
	private final Object reconcileLock = new Object();

	private ScheduledThreadPoolExecutor timer;

	private ExecutorService workers;

	private HostLanes lanes;

	private boolean running;

	PollScheduler(SourceCatalog catalog, PollRunner runner, SourceHealthTracker health, FeedProperties properties) {
		this.catalog = catalog;
		this.runner = runner;
		this.health = health;
		this.settings = properties.poller();
		this.rememberedLinks = properties.page().rememberedLinks();
	}

	@Override
	public synchronized void start() {
		this.timer = new ScheduledThreadPoolExecutor(1, threads("source-poll-timer"));
		this.timer.setRemoveOnCancelPolicy(true);
		this.workers = new ThreadPoolExecutor(this.settings.threads(), this.settings.threads(), 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads("source-poller-"));
		this.lanes = new HostLanes(this.workers, this.settings.perHost());
		this.running = true;
		reconcile();
		long interval = this.settings.reconcileInterval().toMillis();
		this.timer.scheduleWithFixedDelay(this::periodicReconcile, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledThreadPoolExecutor timer;
		ExecutorService workers;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			timer = this.timer;
			workers = this.workers;
			this.states.clear();
		}
		timer.shutdownNow();
		workers.shutdownNow();
		try {
			workers.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@EventListener(SourcesChanged.class)
	void sourcesChanged() {
		reconcile();
	}

	/**
	 * The periodic run: an exception escaping it would cancel all later runs without a
	 * word, so none does.
	 */
	private void periodicReconcile() {
		try {
			reconcile();
		}
		catch (RuntimeException ex) {
			logger.error("Could not apply the sources; trying again next time", ex);
		}
	}

	/** Makes the schedule match the catalog's active sources. */
	void reconcile() {
		synchronized (this.reconcileLock) {
			reconcileLocked();
		}
	}

	private void reconcileLocked() {
		List<Source> active;
		try {
			active = this.catalog.activeSources();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the sources; polling continues as before: {}", ex.getMessage());
			return;
		}
		Map<String, Source> wanted = new LinkedHashMap<>();
		active.forEach((source) -> wanted.put(source.id(), source));
		int added = 0;
		int removed = 0;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			for (Iterator<SourceState> iterator = this.states.values().iterator(); iterator.hasNext();) {
				SourceState state = iterator.next();
				if (!wanted.containsKey(state.source().id())) {
					state.retired = true;
					cancel(state);
					iterator.remove();
					removed++;
				}
			}
			for (Source source : wanted.values()) {
				SourceState state = this.states.get(source.id());
				if (state == null) {
					state = new SourceState(source, this.rememberedLinks);
					this.states.put(source.id(), state);
					schedule(state, this.settings.initialDelay());
					added++;
				}
				else if (!state.source().equals(source)) {
					Duration previousInterval = state.source().pollInterval();
					boolean fetchChanged = state.update(source);
					if (fetchChanged) {
						reschedule(state, this.settings.initialDelay());
					}
					else if (!previousInterval.equals(source.pollInterval())) {
						reschedule(state, untilNextPoll(state));
					}
				}
			}
		}
		this.health.monitor(wanted.keySet());
		if (added > 0 || removed > 0) {
			logger.info("Polling {} source(s): {} added, {} removed", wanted.size(), added, removed);
		}
	}

	/** Sources polled now or waiting for a lane; for tests and diagnostics. */
	synchronized int sourceCount() {
		return this.states.size();
	}

	private Duration untilNextPoll(SourceState state) {
		if (state.lastEnd == null) {
			return this.settings.initialDelay();
		}
		Duration since = Duration.between(state.lastEnd, Instant.now());
		Duration remaining = jittered(state.source().pollInterval()).minus(since);
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	/** Plans the next poll of an idle source anew; a running poll plans its own next. */
	private void reschedule(SourceState state, Duration delay) {
		if (state.running) {
			return;
		}
		cancel(state);
		schedule(state, delay);
	}

	private void cancel(SourceState state) {
		if (state.next != null) {
			state.next.cancel(false);
			state.next = null;
		}
	}

	private void schedule(SourceState state, Duration delay) {
		try {
			state.next = this.timer.schedule(() -> dispatch(state), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
	}

	private void dispatch(SourceState state) {
		String host;
		synchronized (this) {
			if (state.retired || !this.running) {
				return;
			}
			state.next = null;
			state.running = true;
			host = HostResilience.host(state.source().url());
		}
		try {
			this.lanes.submit(host, () -> run(state));
		}
		catch (RuntimeException ex) {
			// Not left marked as running, which would stop its polls for good.
			logger.error("Source {}: could not start its poll", state.source().id(), ex);
			synchronized (this) {
				state.running = false;
				if (!state.retired && this.running) {
					schedule(state, jittered(state.source().pollInterval()));
				}
			}
		}
	}

	private void run(SourceState state) {
		try {
			boolean retired;
			synchronized (this) {
				// Paused or removed while it waited for a busy host's lane.
				retired = state.retired || !this.running;
			}
			if (!retired) {
				this.runner.poll(state);
			}
		}
		catch (RuntimeException ex) {
			// The runner handles its failures; this keeps the source scheduled if not.
			logger.error("Source {}: poll failed", state.source().id(), ex);
		}
		finally {
			synchronized (this) {
				state.running = false;
				state.lastEnd = Instant.now();
				if (!state.retired && this.running) {
					schedule(state, jittered(state.source().pollInterval()));
				}
			}
		}
	}

	/** The interval give or take 10% at random. */
	static Duration jittered(Duration interval) {
		double factor = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
		return Duration.ofMillis(Math.max(1, Math.round(interval.toMillis() * factor)));
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
			thread.setDaemon(true);
			return thread;
		};
	}

}
