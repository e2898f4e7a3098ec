package dev.policypulse.notifier.delivery;

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs dispatch passes one after another, pausing up to the interval between them unless
 * this instance stores something to send ({@link DispatchSignal}), on a scheduler of its
 * own that lets the emails being sent finish on shutdown instead of interrupting them: an
 * interrupted thread could fail to record that the SMTP server accepted an email, which
 * would then be sent again. This configuration depends on the dispatcher, so it is
 * destroyed (and waits) before the dispatcher and the data source go away.
 * <p>
 * The publisher of alert outcomes runs on a second scheduler, so that a broker outage
 * never holds up email; it is stopped after the dispatcher, and what it leaves
 * unpublished is published after the next start.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DispatchScheduling implements SchedulingConfigurer, DisposableBean {

	private final Dispatcher dispatcher;

	private final DispatchSignal signal;

	private final DispatchedEventPublisher publisher;

	private final DispatchProperties properties;

	private final DispatchedEventsProperties eventsProperties;

	private final ThreadPoolTaskScheduler scheduler;

	private final ThreadPoolTaskScheduler eventScheduler;

	DispatchScheduling(Dispatcher dispatcher, DispatchSignal signal, DispatchedEventPublisher publisher,
			DispatchProperties properties, DispatchedEventsProperties eventsProperties) {
		this.dispatcher = dispatcher;
		this.signal = signal;
		this.publisher = publisher;
		this.properties = properties;
		this.eventsProperties = eventsProperties;
		this.scheduler = scheduler(properties);
		this.scheduler.initialize();
		this.eventScheduler = new ThreadPoolTaskScheduler();
		this.eventScheduler.setThreadNamePrefix("dispatched-events-");
		this.eventScheduler.setPoolSize(1);
		this.eventScheduler.setWaitForTasksToCompleteOnShutdown(true);
		this.eventScheduler.setAwaitTerminationMillis(eventsProperties.sendTimeout().toMillis());
		this.eventScheduler.initialize();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.setTaskScheduler(this.scheduler);
		// the pause between passes is the task's own wait, cut short by a signal
		registrar.addFixedDelayTask(this::passThenPause, Duration.ofMillis(1));
		if (this.eventsProperties.enabled()) {
			this.eventScheduler.scheduleWithFixedDelay(this.publisher::publish, this.eventsProperties.interval());
		}
	}

	/**
	 * One pass, then a pause of up to the interval that ends as soon as this instance
	 * stores an email to send. The pause follows a failed pass too (the database is down,
	 * say), so that failing passes do not follow each other without a break.
	 */
	void passThenPause() {
		try {
			this.dispatcher.dispatch();
		}
		finally {
			if (!this.dispatcher.isStopping()) {
				this.signal.await(this.properties.interval());
			}
		}
	}

	/**
	 * Waits up to the grace period for a running pass; the dispatcher cuts the pass
	 * short. Then waits for the publisher's pass, at most as long as it waits for the
	 * broker.
	 */
	@Override
	public void destroy() {
		// ends a pause at once; the dispatcher, stopping, starts no further pass
		this.signal.signal();
		this.scheduler.destroy();
		this.eventScheduler.destroy();
	}

	/**
	 * A single-thread scheduler that waits for the running task on shutdown (not
	 * initialized).
	 */
	static ThreadPoolTaskScheduler scheduler(DispatchProperties properties) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("outbox-dispatch-");
		scheduler.setPoolSize(1);
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationMillis(properties.shutdownGracePeriod().toMillis());
		return scheduler;
	}

}
