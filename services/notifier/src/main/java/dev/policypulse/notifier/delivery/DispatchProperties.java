package dev.policypulse.notifier.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox is drained.
 *
 * @param interval pause between two passes over the outbox (default 300ms)
 * @param batchSize emails claimed per pass (default 50)
 * @param initialBackOff wait after a first failed attempt, doubled after each further one
 * (default 10s)
 * @param maxBackOff longest wait between attempts (default 30m); emails are retried until sent
 */
@Validated
@ConfigurationProperties("policypulse.notifier.dispatch")
public record DispatchProperties(@NotNull Duration interval, @Min(1) @Max(1000) Integer batchSize,
		@NotNull Duration initialBackOff, @NotNull Duration maxBackOff) {

	public DispatchProperties {
		interval = (interval != null) ? interval : Duration.ofMillis(300);
		batchSize = (batchSize != null) ? batchSize : 50;
		initialBackOff = (initialBackOff != null) ? initialBackOff : Duration.ofSeconds(10);
		maxBackOff = (maxBackOff != null) ? maxBackOff : Duration.ofMinutes(30);
	}

	/** The wait before the next attempt after {@code failures} failed ones. */
	Duration backOff(int failures) {
		int doublings = Math.min(Math.max(failures - 1, 0), 30);
		Duration wait = this.initialBackOff.multipliedBy(1L << doublings);
		return (wait.compareTo(this.maxBackOff) > 0 || wait.isNegative()) ? this.maxBackOff : wait;
	}

}
