package dev.policypulse.ingestion.publishing;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How reports of the same story from different outlets are grouped.
 *
 * @param window how far apart in publication time two items may be and still be the same
 * story; items older than this are forgotten (default 7d)
 * @param similarityThreshold the share of informative words two items must have in common
 * (Jaccard similarity, weighted: words of the title, names and amounts count twice; 0-1)
 * to be the same story (default 0.16)
 * @param maxItems most items kept for comparison; beyond it the oldest days are forgotten
 * first (default 200000)
 */
@Validated
@ConfigurationProperties("policypulse.ingestion.stories")
record StoryProperties(Duration window, @DecimalMin("0.01") @DecimalMax("1.0") Double similarityThreshold,
		@Min(1) @Max(5_000_000) Integer maxItems) {

	static final double DEFAULT_THRESHOLD = 0.16;

	StoryProperties {
		window = (window != null) ? window : Duration.ofDays(7);
		similarityThreshold = (similarityThreshold != null) ? similarityThreshold : DEFAULT_THRESHOLD;
		maxItems = (maxItems != null) ? maxItems : 200_000;
	}

	@AssertTrue(message = "window must be positive")
	boolean isWindowPositive() {
		return !this.window.isNegative() && !this.window.isZero();
	}

}
