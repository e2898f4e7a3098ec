package dev.policypulse.notifier.delivery;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the dispatcher with a fixed delay between passes, on a scheduler of its own that
 * lets the email being sent finish on shutdown instead of interrupting it: an interrupted
 * thread could fail to record that the SMTP server accepted the email, which would then
 * be sent again. This configuration depends on the dispatcher, so it is destroyed (and
 * waits) before the dispatcher and the data source go away.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DispatchScheduling implements SchedulingConfigurer, DisposableBean {

	private final Dispatcher dispatcher;

	private final DispatchProperties properties;

	private final ThreadPoolTaskScheduler scheduler;

	DispatchScheduling(Dispatcher dispatcher, DispatchProperties properties) {
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.scheduler = scheduler(properties);
		this.scheduler.initialize();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.setTaskScheduler(this.scheduler);
		registrar.addFixedDelayTask(this.dispatcher::dispatch, this.properties.interval());
	}

	/**
	 * Waits up to the grace period for a running pass; the dispatcher cuts the pass
	 * short.
	 */
	@Override
	public void destroy() {
		this.scheduler.destroy();
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
