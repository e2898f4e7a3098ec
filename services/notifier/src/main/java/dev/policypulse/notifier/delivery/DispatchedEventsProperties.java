package dev.policypulse.notifier.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How alerts' outcomes are published to {@code policy.alerts.dispatched.v1}.
 *
 * @param enabled whether to publish them at all (default true); when off they are still
 * recorded, and published once it is turned on
 * @param interval pause between two passes over the unpublished events (default 500ms)
 * @param batchSize events published per transaction (default 200)
 * @param sendTimeout how long a pass waits for the broker to acknowledge its events
 * (default 10s); unacknowledged ones are published again by a later pass
 */
@Validated
@ConfigurationProperties("policypulse.notifier.dispatch.events")
record DispatchedEventsProperties(Boolean enabled, @NotNull @DurationMin(millis = 1) Duration interval,
		@Min(1) @Max(10_000) Integer batchSize, @NotNull @DurationMin(millis = 1) Duration sendTimeout) {

	DispatchedEventsProperties {
		enabled = (enabled != null) ? enabled : true;
		interval = (interval != null) ? interval : Duration.ofMillis(500);
		batchSize = (batchSize != null) ? batchSize : 200;
		sendTimeout = (sendTimeout != null) ? sendTimeout : Duration.ofSeconds(10);
	}

}
