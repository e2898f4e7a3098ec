package dev.policypulse.classifier.classification;

import java.time.Instant;

import jakarta.validation.constraints.PastOrPresent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Re-classification of history (see docs/reclassification.md).
 *
 * @param from unset (the default) for normal operation. When set, each input partition
 * that the consumer group has no committed offset for starts at the first record whose
 * timestamp is at or after this instant, instead of at the earliest record. Meant for a
 * one-off instance with its own consumer group and a new
 * {@code policypulse.classifier.version}
 */
@Validated
@ConfigurationProperties("policypulse.classifier.replay")
record ReplayProperties(@PastOrPresent Instant from) {

	boolean enabled() {
		return this.from != null;
	}

}
