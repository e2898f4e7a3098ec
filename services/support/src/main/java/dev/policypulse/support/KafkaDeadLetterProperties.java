package dev.policypulse.support;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Retries before a failing record is dead-lettered. Records that break the contract
 * (undeserialisable, invalid) are dead-lettered at once.
 *
 * @param retries attempts after the first (default 2)
 * @param initialBackOff wait before the first retry, doubled for each next one (default
 * 500ms)
 * @param outageMaxBackOff longest wait between retries of a record that failed because a
 * dependency such as the database is down; such records are retried until it is back
 * (default 30s)
 */
@Validated
@ConfigurationProperties("policypulse.kafka.dead-letter")
public record KafkaDeadLetterProperties(@Min(0) @Max(10) Integer retries, @NotNull Duration initialBackOff,
		@NotNull Duration outageMaxBackOff) {

	public KafkaDeadLetterProperties {
		retries = (retries != null) ? retries : 2;
		initialBackOff = (initialBackOff != null) ? initialBackOff : Duration.ofMillis(500);
		outageMaxBackOff = (outageMaxBackOff != null) ? outageMaxBackOff : Duration.ofSeconds(30);
	}

}
