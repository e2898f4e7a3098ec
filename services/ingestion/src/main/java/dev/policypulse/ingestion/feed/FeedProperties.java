package dev.policypulse.ingestion.feed;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How sources are fetched and polled. Which sources there are is the source registry's
 * business; these settings apply to all of them.
 *
 * @param fetch HTTP settings
 * @param poller scheduling and concurrency
 * @param page reading of {@code PAGE} sources
 * @param hosts protection of failing hosts: circuit breaker and retries
 */
@Validated
@ConfigurationProperties("policypulse.ingestion")
record FeedProperties(@Valid Fetch fetch, @Valid Poller poller, @Valid Page page, @Valid Hosts hosts) {

	FeedProperties {
		fetch = (fetch != null) ? fetch : new Fetch(null, null, null, null, null);
		poller = (poller != null) ? poller : new Poller(null, null, null, null);
		page = (page != null) ? page : new Page(null, null);
		hosts = (hosts != null) ? hosts : new Hosts(null, null);
	}

	/**
	 * How documents are fetched.
	 *
	 * @param connectTimeout time allowed to open a connection (default 5s)
	 * @param readTimeout time allowed for the whole response once connected (default 10s)
	 * @param maxBodySize largest document accepted, compressed or decoded (default 5MB)
	 * @param userAgent the {@code User-Agent} sent to servers
	 * @param maxRedirects redirects followed per fetch, each checked like the first
	 * address (default 5)
	 */
	record Fetch(Duration connectTimeout, Duration readTimeout, DataSize maxBodySize, @NotBlank String userAgent,
			@Min(0) @Max(10) Integer maxRedirects) {

		Fetch {
			connectTimeout = (connectTimeout != null) ? connectTimeout : Duration.ofSeconds(5);
			readTimeout = (readTimeout != null) ? readTimeout : Duration.ofSeconds(10);
			maxBodySize = (maxBodySize != null) ? maxBodySize : DataSize.ofMegabytes(5);
			userAgent = (userAgent != null) ? userAgent : "PolicyPulse-Ingestion/0.1";
			maxRedirects = (maxRedirects != null) ? maxRedirects : 5;
		}

		@AssertTrue(message = "timeouts and max-body-size must be positive")
		boolean isEveryLimitPositive() {
			return positive(this.connectTimeout) && positive(this.readTimeout) && this.maxBodySize.toBytes() > 0
					&& this.maxBodySize.toBytes() <= Integer.MAX_VALUE - 8;
		}

	}

	/**
	 * How polls are scheduled.
	 *
	 * @param initialDelay time from start-up, or from a source being added or resumed, to
	 * its first poll (default 1s)
	 * @param threads sources fetched at the same time overall (default 16)
	 * @param perHost sources of the same host fetched at the same time (default 2)
	 * @param reconcileInterval how often the registry is read again even without a change
	 * event, so that changes made by another instance are followed too (default 1m)
	 */
	record Poller(Duration initialDelay, @Min(1) @Max(256) Integer threads, @Min(1) @Max(64) Integer perHost,
			Duration reconcileInterval) {

		Poller {
			initialDelay = (initialDelay != null) ? initialDelay : Duration.ofSeconds(1);
			threads = (threads != null) ? threads : 16;
			perHost = (perHost != null) ? perHost : 2;
			reconcileInterval = (reconcileInterval != null) ? reconcileInterval : Duration.ofMinutes(1);
		}

		@AssertTrue(message = "initial-delay must not be negative and reconcile-interval must be positive")
		boolean isValid() {
			return !this.initialDelay.isNegative() && positive(this.reconcileInterval);
		}

	}

	/**
	 * How {@code PAGE} sources are read.
	 *
	 * @param maxLinkedPages linked pages fetched per poll of a source; further new links
	 * wait for the next poll (default 20)
	 * @param rememberedLinks links per source remembered as already turned into items,
	 * the least recently listed forgotten first (default 2000)
	 */
	record Page(@Min(1) @Max(1000) Integer maxLinkedPages, @Min(10) @Max(1_000_000) Integer rememberedLinks) {

		Page {
			maxLinkedPages = (maxLinkedPages != null) ? maxLinkedPages : 20;
			rememberedLinks = (rememberedLinks != null) ? rememberedLinks : 2000;
		}

	}

	/**
	 * How failing hosts are treated. Each host has its own circuit breaker and retry.
	 *
	 * @param circuitBreaker when to stop fetching from a host
	 * @param retry how a failed fetch is tried again
	 */
	record Hosts(@Valid CircuitBreaker circuitBreaker, @Valid Retry retry) {

		Hosts {
			circuitBreaker = (circuitBreaker != null) ? circuitBreaker : new CircuitBreaker(null, null, null, null);
			retry = (retry != null) ? retry : new Retry(null, null, null);
		}

	}

	/**
	 * A host's circuit breaker: it opens when too many of the host's recent fetches
	 * failed (connection errors, time-outs, HTTP 5xx and 429), and lets one fetch through
	 * after {@code openDuration} to see whether the host recovered.
	 *
	 * @param failureRateThreshold percentage of failed fetches that opens it (default 50)
	 * @param slidingWindow recent fetches the rate is computed over (default 10)
	 * @param minimumCalls fetches needed before the rate counts (default 4)
	 * @param openDuration time it stays open (default 1m)
	 */
	record CircuitBreaker(@DecimalMin("1") @DecimalMax("100") Float failureRateThreshold,
			@Min(1) @Max(1000) Integer slidingWindow, @Min(1) @Max(1000) Integer minimumCalls, Duration openDuration) {

		CircuitBreaker {
			failureRateThreshold = (failureRateThreshold != null) ? failureRateThreshold : 50f;
			slidingWindow = (slidingWindow != null) ? slidingWindow : 10;
			minimumCalls = (minimumCalls != null) ? minimumCalls : 4;
			openDuration = (openDuration != null) ? openDuration : Duration.ofMinutes(1);
		}

		@AssertTrue(message = "open-duration must be positive")
		boolean isOpenDurationPositive() {
			return positive(this.openDuration);
		}

	}

	/**
	 * Retries of a fetch that failed for a reason that may pass (connection errors,
	 * time-outs, HTTP 5xx and 429), with exponential back-off.
	 *
	 * @param maxAttempts attempts per fetch, the first included (default 3)
	 * @param initialBackOff wait before the first retry (default 1s)
	 * @param multiplier factor applied to the wait for each further retry (default 2)
	 */
	record Retry(@Min(1) @Max(10) Integer maxAttempts, Duration initialBackOff,
			@DecimalMin("1") @DecimalMax("10") Double multiplier) {

		Retry {
			maxAttempts = (maxAttempts != null) ? maxAttempts : 3;
			initialBackOff = (initialBackOff != null) ? initialBackOff : Duration.ofSeconds(1);
			multiplier = (multiplier != null) ? multiplier : 2.0;
		}

		@AssertTrue(message = "initial-back-off must be positive")
		boolean isInitialBackOffPositive() {
			return positive(this.initialBackOff);
		}

	}

	private static boolean positive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
