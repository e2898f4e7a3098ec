package dev.policypulse.notifier.delivery;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the dispatcher protects itself and the SMTP server.
 *
 * @param rateLimit most emails handed to the SMTP server per second (default 500)
 * @param circuitBreaker when to stop sending to a server that keeps failing
 * @param retry how a send that failed for want of the server is tried again at once
 */
@Validated
@ConfigurationProperties("policypulse.notifier.dispatch.smtp")
record SmtpResilienceProperties(@Min(1) @Max(100_000) Integer rateLimit, @NotNull @Valid CircuitBreaker circuitBreaker,
		@NotNull @Valid Retry retry) {

	SmtpResilienceProperties {
		rateLimit = (rateLimit != null) ? rateLimit : 500;
		circuitBreaker = (circuitBreaker != null) ? circuitBreaker : new CircuitBreaker(null, null, null, null);
		retry = (retry != null) ? retry : new Retry(null, null);
	}

	/**
	 * The circuit breaker, which counts server failures only (see {@link SendFailures}).
	 *
	 * @param failureRateThreshold percentage of server failures among the recent sends
	 * that opens the breaker (default 50)
	 * @param slidingWindow how many recent sends count (default 20)
	 * @param minimumCalls sends needed before the rate counts (default 5)
	 * @param openDuration how long the breaker stays open before one email tries the
	 * server again (default 30s); while an outage lasts, failed emails wait no longer
	 * than this between attempts
	 */
	record CircuitBreaker(@Min(1) @Max(100) Integer failureRateThreshold, @Min(1) @Max(1000) Integer slidingWindow,
			@Min(1) @Max(1000) Integer minimumCalls, @NotNull @DurationMin(millis = 1) Duration openDuration) {

		CircuitBreaker {
			failureRateThreshold = (failureRateThreshold != null) ? failureRateThreshold : 50;
			slidingWindow = (slidingWindow != null) ? slidingWindow : 20;
			minimumCalls = (minimumCalls != null) ? minimumCalls : 5;
			openDuration = (openDuration != null) ? openDuration : Duration.ofSeconds(30);
		}

		@AssertTrue(message = "minimum-calls must not exceed sliding-window")
		boolean isMinimumWithinTheWindow() {
			return this.minimumCalls == null || this.slidingWindow == null || this.minimumCalls <= this.slidingWindow;
		}

	}

	/**
	 * Immediate retries of a server failure, each on a new connection.
	 *
	 * @param maxAttempts attempts per email and dispatch pass, the first included
	 * (default 3); {@code 1} turns retrying off
	 * @param backOff wait before the second attempt, doubled before each further one
	 * (default 200ms)
	 */
	record Retry(@Min(1) @Max(10) Integer maxAttempts, @NotNull @DurationMin(millis = 1) Duration backOff) {

		Retry {
			maxAttempts = (maxAttempts != null) ? maxAttempts : 3;
			backOff = (backOff != null) ? backOff : Duration.ofMillis(200);
		}

	}

}
