package dev.policypulse.notifier.digest;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Looks for due digests every interval, starting one interval after start-up, on a thread
 * of its own (not the shared scheduling registrar, whose scheduler another feature
 * configures). Stopping lets a running look finish.
 */
@Component
class DigestScheduling implements SmartLifecycle {

	private final DueDigests dueDigests;

	private final DigestProperties properties;

	private ThreadPoolTaskScheduler scheduler;

	private ScheduledFuture<?> looks;

	DigestScheduling(DueDigests dueDigests, DigestProperties properties) {
		this.dueDigests = dueDigests;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setThreadNamePrefix("digests-");
		this.scheduler.setPoolSize(1);
		this.scheduler.setWaitForTasksToCompleteOnShutdown(true);
		this.scheduler.setAwaitTerminationSeconds(30);
		this.scheduler.initialize();
		this.looks = this.scheduler.scheduleWithFixedDelay(this.dueDigests::composeDueQuietly,
				Instant.now().plus(this.properties.interval()), this.properties.interval());
	}

	@Override
	public synchronized void stop() {
		if (this.looks != null) {
			this.looks.cancel(false);
			this.scheduler.shutdown();
			this.looks = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.looks != null;
	}

}
