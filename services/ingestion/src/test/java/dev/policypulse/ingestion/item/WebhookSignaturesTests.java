package dev.policypulse.ingestion.item;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.policypulse.ingestion.item.WebhookSignatures.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signature checks against reference values computed with {@code printf '%s'
 * '1767225600.{"items":[]}' | openssl dgst -sha256 -hmac "$SECRET"}.
 */
class WebhookSignaturesTests {

	private static final String SECRET = "correct-horse-battery-staple-0123456789";

	private static final String PREVIOUS_SECRET = "previous-secret-abcdefghijklmnopqrstuvwxyz";

	private static final String TIMESTAMP = "1767225600";

	private static final byte[] BODY = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);

	private static final String SIGNED_WITH_SECRET = "sha256=11e5b56ad943e0bc9297cabf25ba507dfb400493432071a982c922e57fd5da79";

	private static final String SIGNED_WITH_PREVIOUS = "sha256=6a1347c7b128ba0d7009100ec03f76f4f26824643e0cb0f4fe2d2c3cad4daaae";

	private final WebhookSignatures signatures = signatures(SECRET, PREVIOUS_SECRET, Instant.ofEpochSecond(1767225600));

	@Test
	void acceptsTheSignatureOfEitherSecret() {
		assertThat(this.signatures.verify(TIMESTAMP, SIGNED_WITH_SECRET, BODY)).isEqualTo(Verdict.VALID);
		assertThat(this.signatures.verify(TIMESTAMP, SIGNED_WITH_PREVIOUS, BODY)).isEqualTo(Verdict.VALID);
		assertThat(
				this.signatures.verify(TIMESTAMP, SIGNED_WITH_SECRET.toUpperCase().replace("SHA256=", "sha256="), BODY))
			.isEqualTo(Verdict.VALID);
	}

	@Test
	void refusesThePreviousSecretOnceItIsRemoved() {
		WebhookSignatures rotated = signatures(SECRET, null, Instant.ofEpochSecond(1767225600));
		assertThat(rotated.verify(TIMESTAMP, SIGNED_WITH_PREVIOUS, BODY)).isEqualTo(Verdict.INVALID);
	}

	@Test
	void refusesAnyChangeToBodyOrTimestamp() {
		byte[] tampered = "{\"items\":[ ]}".getBytes(StandardCharsets.UTF_8);
		assertThat(this.signatures.verify(TIMESTAMP, SIGNED_WITH_SECRET, tampered)).isEqualTo(Verdict.INVALID);
		assertThat(this.signatures.verify("1767225601", SIGNED_WITH_SECRET, BODY)).isEqualTo(Verdict.INVALID);
		String otherSignature = SIGNED_WITH_SECRET.substring(0, SIGNED_WITH_SECRET.length() - 1) + "8";
		assertThat(this.signatures.verify(TIMESTAMP, otherSignature, BODY)).isEqualTo(Verdict.INVALID);
	}

	@Test
	void acceptsTimestampsWithinTheToleranceEitherWay() {
		Instant signedAt = Instant.ofEpochSecond(1767225600);
		assertThat(signatures(SECRET, null, signedAt.plusSeconds(300)).verify(TIMESTAMP, SIGNED_WITH_SECRET, BODY))
			.isEqualTo(Verdict.VALID);
		assertThat(signatures(SECRET, null, signedAt.minusSeconds(300)).verify(TIMESTAMP, SIGNED_WITH_SECRET, BODY))
			.isEqualTo(Verdict.VALID);
	}

	@Test
	void refusesStaleAndFutureTimestampsBeforeReadingTheBody() {
		Instant signedAt = Instant.ofEpochSecond(1767225600);
		assertThat(signatures(SECRET, null, signedAt.plusSeconds(301)).checkHeaders(TIMESTAMP, SIGNED_WITH_SECRET))
			.isEqualTo(Verdict.EXPIRED);
		assertThat(signatures(SECRET, null, signedAt.minusSeconds(301)).checkHeaders(TIMESTAMP, SIGNED_WITH_SECRET))
			.isEqualTo(Verdict.EXPIRED);
		assertThat(signatures(SECRET, null, signedAt.plusSeconds(301)).verify(TIMESTAMP, SIGNED_WITH_SECRET, BODY))
			.isEqualTo(Verdict.EXPIRED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "11e5b56ad943e0bc9297cabf25ba507dfb400493432071a982c922e57fd5da79",
			"sha1=11e5b56ad943e0bc9297cabf25ba507dfb400493432071a982c922e57fd5da79",
			"sha256=11e5b56ad943e0bc9297cabf25ba507dfb400493432071a982c922e57fd5da7",
			"sha256=11e5b56ad943e0bc9297cabf25ba507dfb400493432071a982c922e57fd5da79 ",
			"sha256=zz e5b56ad943e0bc9297cabf25ba507dfb400493432071a982c922e57fd5d" })
	void refusesSignaturesNotInTheExpectedForm(String signature) {
		assertThat(this.signatures.verify(TIMESTAMP, signature, BODY)).isEqualTo(Verdict.MALFORMED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-1767225600", "1767225600.5", "2026-01-01T00:00:00Z", "99999999999999999999" })
	void refusesTimestampsNotInSeconds(String timestamp) {
		assertThat(this.signatures.verify(timestamp, SIGNED_WITH_SECRET, BODY)).isEqualTo(Verdict.MALFORMED);
	}

	@Test
	void needsBothHeaders() {
		assertThat(this.signatures.checkHeaders(null, SIGNED_WITH_SECRET)).isEqualTo(Verdict.MALFORMED);
		assertThat(this.signatures.checkHeaders(TIMESTAMP, null)).isEqualTo(Verdict.MALFORMED);
	}

	@Test
	void acceptsNoSignatureWithoutASecret() {
		WebhookSignatures unconfigured = signatures(null, null, Instant.ofEpochSecond(1767225600));
		assertThat(unconfigured.verify(TIMESTAMP, SIGNED_WITH_SECRET, BODY)).isEqualTo(Verdict.NOT_ACCEPTED);
	}

	private static WebhookSignatures signatures(String secret, String previousSecret, Instant now) {
		WebhookProperties properties = new WebhookProperties(secret, previousSecret, Duration.ofMinutes(5), null, null,
				null, null, null);
		return new WebhookSignatures(properties, Clock.fixed(now, ZoneOffset.UTC));
	}

}
