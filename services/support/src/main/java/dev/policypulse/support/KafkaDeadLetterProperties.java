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
 * @param initialBackOff wait before the first retry, doubled for each next one (default 500ms)
 */
@Validated
@ConfigurationProperties("policypulse.kafka.dead-letter")
public record KafkaDeadLetterProperties(@Min(0) @Max(10) Integer retries, @NotNull Duration initialBackOff) {

	public KafkaDeadLetterProperties {
		retries = (retries != null) ? retries : 2;
		initialBackOff = (initialBackOff != null) ? initialBackOff : Duration.ofMillis(500);
	}

}
