package dev.policypulse.notifier.matching;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Builds the matching index as the application starts, so that the first item need not
 * wait for it, and rebuilds it every refresh interval, on a thread of its own (not the
 * shared scheduling registrar, whose scheduler another feature configures).
 */
@Component
class MatchingScheduling implements SmartLifecycle {

	private final SubscriptionMatcher matcher;

	private final MatchingProperties properties;

	private ThreadPoolTaskScheduler scheduler;

	private ScheduledFuture<?> rebuilds;

	MatchingScheduling(SubscriptionMatcher matcher, MatchingProperties properties) {
		this.matcher = matcher;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setThreadNamePrefix("subscription-index-");
		this.scheduler.setPoolSize(1);
		this.scheduler.initialize();
		this.rebuilds = this.scheduler.scheduleWithFixedDelay(this.matcher::rebuildQuietly, Instant.now(),
				this.properties.refreshInterval());
	}

	@Override
	public synchronized void stop() {
		if (this.rebuilds != null) {
			this.rebuilds.cancel(false);
			this.scheduler.shutdown();
			this.rebuilds = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.rebuilds != null;
	}

}
