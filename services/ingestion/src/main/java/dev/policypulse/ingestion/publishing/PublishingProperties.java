package dev.policypulse.ingestion.publishing;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How items are published.
 *
 * @param seenIdsCapacity how many published ids are remembered for exact deduplication;
 * the least recently seen are forgotten first (default 100000)
 * @param sendTimeout how long to wait for the broker to acknowledge a record (default
 * 15s)
 * @param maxBodyLength characters of plain-text body kept per item; longer bodies are cut
 * (default 100000)
 */
@Validated
@ConfigurationProperties("policypulse.ingestion.publishing")
record PublishingProperties(@Min(1) @Max(10_000_000) Integer seenIdsCapacity, Duration sendTimeout,
		@Min(1) @Max(1_000_000) Integer maxBodyLength) {

	PublishingProperties {
		seenIdsCapacity = (seenIdsCapacity != null) ? seenIdsCapacity : 100_000;
		sendTimeout = (sendTimeout != null) ? sendTimeout : Duration.ofSeconds(15);
		maxBodyLength = (maxBodyLength != null) ? maxBodyLength : 100_000;
	}

}
