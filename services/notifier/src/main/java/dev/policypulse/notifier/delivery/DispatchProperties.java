package dev.policypulse.notifier.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox is drained.
 *
 * @param interval pause between two passes over the outbox (default 300ms)
 * @param batchSize emails claimed per pass (default 50)
 * @param initialBackOff wait after a first failed attempt, doubled after each further one
 * (default 10s)
 * @param maxBackOff longest wait between attempts (default 30m); emails are retried until
 * sent
 * @param lease how long claimed emails are reserved for the pass that claimed them
 * (default 2m); if that pass dies, they are sent by a later one after this time. Keep it
 * well above the time a batch takes to send, or slow batches will be sent twice
 * @param shutdownGracePeriod how long shutdown waits for the email being sent (default
 * 30s)
 */
@Validated
@ConfigurationProperties("policypulse.notifier.dispatch")
record DispatchProperties(@NotNull @DurationMin(millis = 1) Duration interval, @Min(1) @Max(1000) Integer batchSize,
		@NotNull @DurationMin(millis = 1) Duration initialBackOff,
		@NotNull @DurationMin(millis = 1) Duration maxBackOff, @NotNull @DurationMin(seconds = 1) Duration lease,
		@NotNull @DurationMin(millis = 1) Duration shutdownGracePeriod) {

	DispatchProperties {
		interval = (interval != null) ? interval : Duration.ofMillis(300);
		batchSize = (batchSize != null) ? batchSize : 50;
		initialBackOff = (initialBackOff != null) ? initialBackOff : Duration.ofSeconds(10);
		maxBackOff = (maxBackOff != null) ? maxBackOff : Duration.ofMinutes(30);
		lease = (lease != null) ? lease : Duration.ofMinutes(2);
		shutdownGracePeriod = (shutdownGracePeriod != null) ? shutdownGracePeriod : Duration.ofSeconds(30);
	}

	/** The wait before the next attempt after {@code failures} failed ones. */
	Duration backOff(int failures) {
		int doublings = Math.min(Math.max(failures - 1, 0), 30);
		Duration wait = this.initialBackOff.multipliedBy(1L << doublings);
		return (wait.compareTo(this.maxBackOff) > 0 || wait.isNegative()) ? this.maxBackOff : wait;
	}

}
