package dev.policypulse.notifier.delivery;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the dispatcher with a fixed delay between passes. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DispatchScheduling implements SchedulingConfigurer {

	private final Dispatcher dispatcher;

	private final DispatchProperties properties;

	DispatchScheduling(Dispatcher dispatcher, DispatchProperties properties) {
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this.dispatcher::dispatch, this.properties.interval());
	}

}
