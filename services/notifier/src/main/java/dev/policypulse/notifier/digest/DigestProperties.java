package dev.policypulse.notifier.digest;

import java.time.DayOfWeek;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When and how digests are composed.
 *
 * @param interval pause between two looks for due digests (default 1m, at least a
 * second); a digest goes out at most this long after its subscriber's digest hour
 * @param weeklyDay the day weekly digests go out on, at each subscriber's digest hour in
 * their time zone (default {@code monday})
 * @param maxItems items a digest lists at most (default 50); further ones are only
 * counted
 */
@Validated
@ConfigurationProperties("policypulse.notifier.digest")
record DigestProperties(@NotNull @DurationMin(seconds = 1) Duration interval, @NotNull DayOfWeek weeklyDay,
		@Min(1) @Max(500) Integer maxItems) {

	DigestProperties {
		interval = (interval != null) ? interval : Duration.ofMinutes(1);
		weeklyDay = (weeklyDay != null) ? weeklyDay : DayOfWeek.MONDAY;
		maxItems = (maxItems != null) ? maxItems : 50;
	}

}
