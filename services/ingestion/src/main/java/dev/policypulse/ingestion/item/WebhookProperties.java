package dev.policypulse.ingestion.item;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How items are pushed to ingestion over HTTP.
 *
 * @param secret shared secret that signs pushed requests (HMAC-SHA256), at least
 * {@value #MIN_SECRET_LENGTH} characters; unset: signed requests are refused and only the
 * API key is accepted. Set it with the environment variable
 * {@code POLICYPULSE_INGESTION_WEBHOOK_SECRET}
 * @param previousSecret the secret being replaced, still accepted while senders move to
 * the new one; needs {@code secret}
 * @param timestampTolerance how far a signed request's timestamp may lie from this
 * server's clock, in either direction (default 5m)
 * @param maxItemSize largest body of a single pushed item (default 1MB)
 * @param maxBatchSize largest body of a batch (default 20MB)
 * @param maxBatchItems most items in one batch (default 500)
 * @param batchConcurrency items of batches handed to the broker at the same time, over
 * all requests (default 8)
 * @param signedReadConcurrency signed request bodies read and verified at the same time,
 * over all requests (default 4); a signed request beyond that is answered {@code 503}.
 * Bodies are buffered before their signature can be checked, so this bounds the memory
 * that requests with a well-formed but possibly false signature can take
 */
@Validated
@ConfigurationProperties("policypulse.ingestion.webhook")
record WebhookProperties(String secret, String previousSecret, Duration timestampTolerance, DataSize maxItemSize,
		DataSize maxBatchSize, @Min(1) @Max(10_000) Integer maxBatchItems, @Min(1) @Max(64) Integer batchConcurrency,
		@Min(1) @Max(256) Integer signedReadConcurrency) {

	static final int MIN_SECRET_LENGTH = 32;

	/**
	 * Bodies are held in memory to be verified and parsed, so they stay far from the heap
	 * size.
	 */
	private static final DataSize MAX_BODY_LIMIT = DataSize.ofMegabytes(100);

	WebhookProperties {
		// An empty environment variable means "not set".
		secret = (secret != null && !secret.isEmpty()) ? secret : null;
		previousSecret = (previousSecret != null && !previousSecret.isEmpty()) ? previousSecret : null;
		timestampTolerance = (timestampTolerance != null) ? timestampTolerance : Duration.ofMinutes(5);
		maxItemSize = (maxItemSize != null) ? maxItemSize : DataSize.ofMegabytes(1);
		maxBatchSize = (maxBatchSize != null) ? maxBatchSize : DataSize.ofMegabytes(20);
		maxBatchItems = (maxBatchItems != null) ? maxBatchItems : 500;
		batchConcurrency = (batchConcurrency != null) ? batchConcurrency : 8;
		signedReadConcurrency = (signedReadConcurrency != null) ? signedReadConcurrency : 4;
	}

	@AssertTrue(message = "secret must be at least " + MIN_SECRET_LENGTH + " characters long")
	boolean isSecretLongEnough() {
		return this.secret == null || this.secret.length() >= MIN_SECRET_LENGTH;
	}

	@AssertTrue(message = "previous-secret must be at least " + MIN_SECRET_LENGTH
			+ " characters long, and needs secret to be set")
	boolean isPreviousSecretUsable() {
		return this.previousSecret == null
				|| (this.secret != null && this.previousSecret.length() >= MIN_SECRET_LENGTH);
	}

	@AssertTrue(message = "timestamp-tolerance must be more than 0 and at most 1h")
	boolean isTimestampToleranceSensible() {
		return !this.timestampTolerance.isNegative() && !this.timestampTolerance.isZero()
				&& this.timestampTolerance.compareTo(Duration.ofHours(1)) <= 0;
	}

	@AssertTrue(message = "max-item-size and max-batch-size must be more than 0 and at most 100MB")
	boolean isBodyLimitSensible() {
		return isSensible(this.maxItemSize) && isSensible(this.maxBatchSize);
	}

	private static boolean isSensible(DataSize size) {
		return size.toBytes() > 0 && size.compareTo(MAX_BODY_LIMIT) <= 0;
	}

	/** Whether signed requests can be verified. */
	boolean signaturesAccepted() {
		return this.secret != null;
	}

	/** Keeps the secrets out of logs and failure reports. */
	@Override
	public String toString() {
		return "WebhookProperties[secret=" + mask(this.secret) + ", previousSecret=" + mask(this.previousSecret)
				+ ", timestampTolerance=" + this.timestampTolerance + ", maxItemSize=" + this.maxItemSize
				+ ", maxBatchSize=" + this.maxBatchSize + ", maxBatchItems=" + this.maxBatchItems
				+ ", batchConcurrency=" + this.batchConcurrency + ", signedReadConcurrency="
				+ this.signedReadConcurrency + "]";
	}

	private static String mask(String secret) {
		return (secret != null) ? "******" : "unset";
	}

}
