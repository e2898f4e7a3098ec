package dev.policypulse.ingestion.health;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How source health is judged and kept.
 *
 * @param silenceFactor a source that fetches fine is {@code silent} once it gave no new
 * item for this many times its usual gap between items (default 4)
 * @param silenceFloor never {@code silent} sooner than this after its last new item,
 * however often it usually publishes (default 24h)
 * @param minimumHistory item dates needed before a source's usual gap is trusted and it
 * can be judged silent (default 5)
 * @param flushInterval how often changed health is written to the database (default 10s);
 * it is also written at shutdown
 */
@Validated
@ConfigurationProperties("policypulse.ingestion.health")
record HealthProperties(@DecimalMin("1") @DecimalMax("1000") Double silenceFactor, Duration silenceFloor,
		@Min(2) @Max(SourceRecord.HISTORY) Integer minimumHistory, Duration flushInterval) {

	HealthProperties {
		silenceFactor = (silenceFactor != null) ? silenceFactor : 4.0;
		silenceFloor = (silenceFloor != null) ? silenceFloor : Duration.ofHours(24);
		minimumHistory = (minimumHistory != null) ? minimumHistory : 5;
		flushInterval = (flushInterval != null) ? flushInterval : Duration.ofSeconds(10);
	}

	@AssertTrue(message = "silence-floor must not be negative and flush-interval must be positive")
	boolean isValid() {
		return !this.silenceFloor.isNegative() && !this.flushInterval.isNegative() && !this.flushInterval.isZero();
	}

}
