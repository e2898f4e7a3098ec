package dev.policypulse.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import dev.policypulse.notifier.email.EmailSender;
import dev.policypulse.notifier.email.OutgoingEmail;

import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * The SMTP server as the dispatcher sees it: behind a rate limiter, a retry and a circuit
 * breaker, all named {@code smtp} and bound to Micrometer as
 * {@code resilience4j.ratelimiter.*}, {@code resilience4j.retry.*} and
 * {@code resilience4j.circuitbreaker.*}.
 * <p>
 * Only server failures ({@link SendFailures#isServerFailure}) count against the breaker;
 * a recipient the server refuses or defers says nothing about the server. Of those, only
 * failures before the email was handed over ({@link SendFailures#isBeforeHandover}) are
 * retried at once: after that the server may have accepted the email, and the outbox's
 * back-off sends it again later, at most once per pass. Once the breaker is open the
 * dispatcher claims nothing; after the open duration it claims a single email, whose
 * attempt decides whether the breaker closes again.
 */
@Component
class ResilientSmtp {

	static final String NAME = "smtp";

	/** How long a sender waits for the rate limiter before it hands its email back. */
	private static final Duration PERMIT_TIMEOUT = Duration.ofSeconds(5);

	private final EmailSender sender;

	private final CircuitBreaker breaker;

	private final Retry retry;

	private final RateLimiter rateLimiter;

	private final Duration openDuration;

	/** When the open breaker lets a probe through ({@link System#nanoTime()}). */
	private volatile long probeAt;

	ResilientSmtp(EmailSender sender, SmtpResilienceProperties properties, MeterRegistry meterRegistry) {
		this.sender = sender;
		SmtpResilienceProperties.CircuitBreaker breaker = properties.circuitBreaker();
		this.openDuration = breaker.openDuration();
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindow(breaker.slidingWindow(), breaker.minimumCalls(),
					CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(breaker.failureRateThreshold())
			.waitDurationInOpenState(breaker.openDuration())
			.permittedNumberOfCallsInHalfOpenState(1)
			.recordException(SendFailures::isServerFailure)
			.writableStackTraceEnabled(false)
			.build());
		SmtpResilienceProperties.Retry retry = properties.retry();
		RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(retry.maxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialBackoff(retry.backOff(), 2.0))
			.retryOnException(SendFailures::isBeforeHandover)
			.failAfterMaxAttempts(false)
			.build());
		RateLimiterRegistry rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
			.limitForPeriod(properties.rateLimit())
			.limitRefreshPeriod(Duration.ofSeconds(1))
			.timeoutDuration(PERMIT_TIMEOUT)
			.writableStackTraceEnabled(false)
			.build());
		this.breaker = breakers.circuitBreaker(NAME);
		this.retry = retries.retry(NAME);
		this.rateLimiter = rateLimiters.rateLimiter(NAME);
		this.breaker.getEventPublisher().onStateTransition((event) -> {
			if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
				this.probeAt = System.nanoTime() + this.openDuration.toNanos();
			}
		});
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meterRegistry);
		TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meterRegistry);
		TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meterRegistry);
	}

	/**
	 * How many emails a pass may claim now: {@code batchSize} while the breaker is
	 * closed, one (the probe) once the open duration is over or while it is half-open,
	 * none before.
	 */
	int claimLimit(int batchSize) {
		return switch (this.breaker.getState()) {
			case CLOSED, DISABLED, METRICS_ONLY -> batchSize;
			case HALF_OPEN -> 1;
			case OPEN -> (System.nanoTime() - this.probeAt >= 0) ? 1 : 0;
			case FORCED_OPEN -> 0;
		};
	}

	/**
	 * Whether the breaker turns sends away at this moment: it is open, and not yet ready
	 * for a probe.
	 */
	boolean isOpen() {
		return claimLimit(1) == 0;
	}

	/**
	 * Waits for the rate limiter's permission to send one email.
	 * @return {@code false} if none came within a few seconds
	 */
	boolean awaitPermit() {
		return this.rateLimiter.acquirePermission();
	}

	/** The longest an email should wait between attempts while the server is away. */
	Duration openDuration() {
		return this.openDuration;
	}

	/**
	 * Sends an email, retrying server failures before the email was handed over at once,
	 * as configured.
	 * @throws CallNotPermittedException if the breaker was open before any attempt
	 * @throws MailException the last failure, also when the breaker opened after it
	 */
	void send(OutgoingEmail email) throws MailException {
		AtomicReference<MailException> lastFailure = new AtomicReference<>();
		Runnable attempt = CircuitBreaker.decorateRunnable(this.breaker, () -> {
			try {
				this.sender.send(email);
			}
			catch (MailException ex) {
				lastFailure.set(ex);
				throw ex;
			}
		});
		try {
			Retry.decorateRunnable(this.retry, attempt).run();
		}
		catch (CallNotPermittedException ex) {
			// the breaker opened between two attempts: the email did fail
			MailException failure = lastFailure.get();
			if (failure != null) {
				throw failure;
			}
			throw ex;
		}
	}

	/** Frees connections that have been idle too long, between bursts of sending. */
	void closeIdleConnections() {
		this.sender.closeIdleConnections();
	}

	/** The breaker's state, for tests and diagnostics. */
	CircuitBreaker.State state() {
		return this.breaker.getState();
	}

}
