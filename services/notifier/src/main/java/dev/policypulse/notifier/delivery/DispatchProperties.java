package dev.policypulse.notifier.delivery;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox is drained.
 *
 * @param interval pause between two passes over the outbox (default 300ms); a pass that
 * claimed a full batch claims the next one at once
 * @param batchSize emails claimed at a time (default 50)
 * @param initialBackOff wait after a first failed attempt, doubled after each further one
 * (default 10s)
 * @param maxBackOff longest wait between attempts (default 30m)
 * @param maxAttempts attempts after which an email that keeps failing is given up (status
 * {@code failed}, default 20); an email the SMTP server refuses for good (a 5xx reply,
 * such as an unknown recipient) is given up at once
 * @param lease how long claimed emails are reserved for the pass that claimed them
 * (default 2m); if that pass dies, they are sent by a later one after this time
 * @param leaseMargin the end of the lease kept free of sending (default 30s): a pass
 * starts no email later than {@code lease - leaseMargin} after its claim and hands the
 * rest back instead, so that no other pass can take over an email it is still sending.
 * Keep it above the longest time one email can take (the SMTP timeouts)
 * @param shutdownGracePeriod how long shutdown waits for the email being sent (default
 * 30s)
 * @param parallelism emails sent at the same time, each over an SMTP connection of its
 * own (default 4)
 */
@Validated
@ConfigurationProperties("policypulse.notifier.dispatch")
record DispatchProperties(@NotNull @DurationMin(millis = 1) Duration interval, @Min(1) @Max(1000) Integer batchSize,
		@NotNull @DurationMin(millis = 1) Duration initialBackOff,
		@NotNull @DurationMin(millis = 1) Duration maxBackOff, @Min(1) Integer maxAttempts,
		@NotNull @DurationMin(seconds = 1) Duration lease, @NotNull @DurationMin(millis = 1) Duration leaseMargin,
		@NotNull @DurationMin(millis = 1) Duration shutdownGracePeriod, @Min(1) @Max(64) Integer parallelism) {

	DispatchProperties {
		interval = (interval != null) ? interval : Duration.ofMillis(300);
		batchSize = (batchSize != null) ? batchSize : 50;
		initialBackOff = (initialBackOff != null) ? initialBackOff : Duration.ofSeconds(10);
		maxBackOff = (maxBackOff != null) ? maxBackOff : Duration.ofMinutes(30);
		maxAttempts = (maxAttempts != null) ? maxAttempts : 20;
		lease = (lease != null) ? lease : Duration.ofMinutes(2);
		leaseMargin = (leaseMargin != null) ? leaseMargin : Duration.ofSeconds(30);
		shutdownGracePeriod = (shutdownGracePeriod != null) ? shutdownGracePeriod : Duration.ofSeconds(30);
		parallelism = (parallelism != null) ? parallelism : 4;
	}

	@AssertTrue(message = "lease-margin must be shorter than lease")
	boolean isLeaseLongerThanItsMargin() {
		return this.lease == null || this.leaseMargin == null || this.leaseMargin.compareTo(this.lease) < 0;
	}

	/** The wait before the next attempt after {@code failures} failed ones. */
	Duration backOff(int failures) {
		int doublings = Math.min(Math.max(failures - 1, 0), 30);
		Duration wait = this.initialBackOff.multipliedBy(1L << doublings);
		return (wait.compareTo(this.maxBackOff) > 0 || wait.isNegative()) ? this.maxBackOff : wait;
	}

}
