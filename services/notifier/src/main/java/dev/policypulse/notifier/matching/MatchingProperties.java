package dev.policypulse.notifier.matching;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the in-memory index of subscriptions is kept current.
 *
 * @param refreshInterval how often the index is rebuilt from the database (default 1m, at
 * least a second). Changes made through this instance reach the index at once; this picks
 * up those made through other instances or directly in the database
 */
@Validated
@ConfigurationProperties("policypulse.notifier.matching")
record MatchingProperties(@NotNull @DurationMin(seconds = 1) Duration refreshInterval) {

	MatchingProperties {
		refreshInterval = (refreshInterval != null) ? refreshInterval : Duration.ofMinutes(1);
	}

}
