package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import dev.policypulse.ingestion.feed.FetchException.Kind;

import org.springframework.stereotype.Component;

/**
 * A circuit breaker and a retry for each host, so that a host in trouble is given a rest
 * without holding up the others. Only failures that say something about the host count:
 * connection errors, time-outs, HTTP 5xx and 429 (see
 * {@link FetchException#isHostFailure()}). Those are retried with exponential back-off;
 * when too many of a host's recent fetches failed its breaker opens, and its sources are
 * not fetched until, after a while, one trial fetch succeeds. A refused or unusable
 * document is the source's problem, not the host's, and counts as a success here.
 * <p>
 * The breakers and retries are keyed by the host of a source's own address: a page
 * source's linked pages, which may be on any host, go through their source's breaker.
 * They are bound to Micrometer as {@code resilience4j.circuitbreaker.*} and
 * {@code resilience4j.retry.*}, tagged with that host as {@code name}, so the tag only
 * takes the hosts of configured sources.
 */
@Component
class HostResilience {

	private static final Duration MAX_BACK_OFF = Duration.ofMinutes(1);

	private final CircuitBreakerRegistry breakers;

	private final RetryRegistry retries;

	HostResilience(FeedProperties properties, MeterRegistry meterRegistry) {
		FeedProperties.CircuitBreaker breaker = properties.hosts().circuitBreaker();
		FeedProperties.Retry retry = properties.hosts().retry();
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindow(breaker.slidingWindow(), Math.min(breaker.minimumCalls(), breaker.slidingWindow()),
					CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(breaker.failureRateThreshold())
			.waitDurationInOpenState(breaker.openDuration())
			.permittedNumberOfCallsInHalfOpenState(1)
			.recordException(HostResilience::isHostFailure)
			.ignoreException((ex) -> ex instanceof InterruptedException)
			.writableStackTraceEnabled(false)
			.build());
		this.retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(retry.maxAttempts())
			.intervalFunction(
					IntervalFunction.ofExponentialBackoff(retry.initialBackOff(), retry.multiplier(), MAX_BACK_OFF))
			.retryOnException(HostResilience::isHostFailure)
			.failAfterMaxAttempts(false)
			.build());
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(this.breakers).bindTo(meterRegistry);
		TaggedRetryMetrics.ofRetryRegistry(this.retries).bindTo(meterRegistry);
	}

	/**
	 * Runs a fetch from {@code url}'s host through the host's retry and circuit breaker.
	 * @param url the address fetched; its host names the breaker
	 * @param fetch the fetch
	 * @return what the fetch returned
	 * @throws FetchException the last failure, or {@link Kind#CIRCUIT_OPEN} if the host's
	 * breaker is open
	 * @throws InterruptedException if the thread was interrupted
	 */
	<T> T call(URI url, CheckedSupplier<T> fetch) throws FetchException, InterruptedException {
		return call(host(url), fetch);
	}

	/**
	 * Runs a fetch through the retry and circuit breaker of a source's host. Linked pages
	 * use this with their source's host whatever host they are on, so that only hosts an
	 * operator configured get a breaker, a retry and meters.
	 * @param host the host that names the breaker, as returned by {@link #host(URI)}
	 * @param fetch the fetch
	 * @return what the fetch returned
	 * @throws FetchException the last failure, or {@link Kind#CIRCUIT_OPEN} if the
	 * breaker is open
	 * @throws InterruptedException if the thread was interrupted
	 */
	<T> T call(String host, CheckedSupplier<T> fetch) throws FetchException, InterruptedException {
		CircuitBreaker breaker = this.breakers.circuitBreaker(host);
		Retry retry = this.retries.retry(host);
		try {
			return Retry.decorateCheckedSupplier(retry, CircuitBreaker.decorateCheckedSupplier(breaker, fetch)).get();
		}
		catch (CallNotPermittedException ex) {
			throw new FetchException(Kind.CIRCUIT_OPEN,
					"not fetched: host " + host + " failed repeatedly, circuit breaker open");
		}
		catch (FetchException | InterruptedException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Unexpected failure fetching from " + host, ex);
		}
	}

	/** The state of a host's circuit breaker. */
	CircuitBreaker.State state(String host) {
		return this.breakers.circuitBreaker(host.toLowerCase(Locale.ROOT)).getState();
	}

	static String host(URI url) {
		return (url.getHost() != null) ? url.getHost().toLowerCase(Locale.ROOT) : "(none)";
	}

	private static boolean isHostFailure(Throwable ex) {
		return ex instanceof FetchException fetchException && fetchException.isHostFailure();
	}

}
