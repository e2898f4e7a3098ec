package dev.policypulse.ingestion.publishing;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How items are published.
 *
 * @param seenIdsCapacity how many published ids (and text fingerprints) the in-memory
 * cache in front of the database holds; the least recently seen are forgotten first and
 * looked up in the database when seen again. Also the most records read back from the
 * ingested topic when the database is empty (default 100000)
 * @param seedTimeout how long start-up may spend reading published items back from the
 * ingested topic when the database has none; the service does not accept items before.
 * {@code 0} skips it (default 30s)
 * @param sendTimeout how long to wait for the broker to acknowledge a record (default
 * 15s)
 * @param maxBodyLength characters of plain-text body kept per item; longer bodies are cut
 * (default 100000)
 */
@Validated
@ConfigurationProperties("policypulse.ingestion.publishing")
record PublishingProperties(@Min(1) @Max(10_000_000) Integer seenIdsCapacity, Duration seedTimeout,
		Duration sendTimeout, @Min(1) @Max(1_000_000) Integer maxBodyLength) {

	PublishingProperties {
		seenIdsCapacity = (seenIdsCapacity != null) ? seenIdsCapacity : 100_000;
		seedTimeout = (seedTimeout != null) ? seedTimeout : Duration.ofSeconds(30);
		sendTimeout = (sendTimeout != null) ? sendTimeout : Duration.ofSeconds(15);
		maxBodyLength = (maxBodyLength != null) ? maxBodyLength : 100_000;
	}

	@AssertTrue(message = "seed-timeout must not be negative")
	boolean isSeedTimeoutNotNegative() {
		return !this.seedTimeout.isNegative();
	}

}
