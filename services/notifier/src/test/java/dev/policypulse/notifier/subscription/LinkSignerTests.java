package dev.policypulse.notifier.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.policypulse.notifier.subscription.LinkSigner.Purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LinkSignerTests {

	private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

	private static final UUID ID = UUID.fromString("5f0c4a52-8d1e-4c3b-9a67-0b9e2f6d1c11");

	private final LinkSigner signer = new LinkSigner("a-secret-of-sufficient-length", Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void verifiesItsOwnTokenForTheSamePurpose() {
		String token = this.signer.sign(ID, Purpose.CONFIRM, NOW.plus(Duration.ofDays(7)));

		assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
		assertThat(this.signer.verify(token, Purpose.CONFIRM)).isEqualTo(ID);
	}

	@Test
	void rejectsTokenIssuedForAnotherPurpose() {
		String token = this.signer.sign(ID, Purpose.CONFIRM, NOW.plusSeconds(60));

		assertThatExceptionOfType(InvalidLinkException.class)
			.isThrownBy(() -> this.signer.verify(token, Purpose.UNSUBSCRIBE));
	}

	@Test
	void rejectsTokenWhosePayloadWasChanged() {
		String token = this.signer.sign(ID, Purpose.CONFIRM, NOW.plusSeconds(60));
		String signature = token.substring(token.indexOf('.'));
		String forgedPayload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((UUID.randomUUID() + "|CONFIRM|" + NOW.plusSeconds(60).getEpochSecond()).getBytes());

		assertThatExceptionOfType(InvalidLinkException.class)
			.isThrownBy(() -> this.signer.verify(forgedPayload + signature, Purpose.CONFIRM))
			.withMessageContaining("not valid");
	}

	@Test
	void rejectsTokenWithAlteredSignature() {
		String token = this.signer.sign(ID, Purpose.UNSUBSCRIBE, NOW.plusSeconds(60));
		char last = token.charAt(token.length() - 1);
		String tampered = token.substring(0, token.length() - 1) + ((last == 'A') ? 'B' : 'A');

		assertThatExceptionOfType(InvalidLinkException.class)
			.isThrownBy(() -> this.signer.verify(tampered, Purpose.UNSUBSCRIBE));
	}

	@Test
	void rejectsTokenSignedWithAnotherSecret() {
		LinkSigner other = new LinkSigner("another-secret-entirely-here", Clock.fixed(NOW, ZoneOffset.UTC));
		String token = other.sign(ID, Purpose.CONFIRM, NOW.plusSeconds(60));

		assertThatExceptionOfType(InvalidLinkException.class)
			.isThrownBy(() -> this.signer.verify(token, Purpose.CONFIRM));
	}

	@Test
	void rejectsExpiredToken() {
		String token = this.signer.sign(ID, Purpose.CONFIRM, NOW.minusSeconds(1));

		assertThatExceptionOfType(ExpiredLinkException.class)
			.isThrownBy(() -> this.signer.verify(token, Purpose.CONFIRM))
			.withMessageContaining("expired");
	}

	@Test
	void tokenWorksUntilItsExpiryAndNotFromThenOn() {
		Instant expiry = NOW.plus(Duration.ofDays(7));
		String token = this.signer.sign(ID, Purpose.CONFIRM, expiry);

		assertThat(new LinkSigner("a-secret-of-sufficient-length", Clock.fixed(expiry.minusSeconds(1), ZoneOffset.UTC))
			.verify(token, Purpose.CONFIRM)).isEqualTo(ID);
		assertThatExceptionOfType(ExpiredLinkException.class)
			.isThrownBy(() -> new LinkSigner("a-secret-of-sufficient-length", Clock.fixed(expiry, ZoneOffset.UTC))
				.verify(token, Purpose.CONFIRM));
	}

	@Test
	void preferencesTokenDoesNothingElse() {
		String token = this.signer.sign(ID, Purpose.PREFERENCES, NOW.plusSeconds(60));

		assertThat(this.signer.verify(token, Purpose.PREFERENCES)).isEqualTo(ID);
		assertThatExceptionOfType(InvalidLinkException.class)
			.isThrownBy(() -> this.signer.verify(token, Purpose.UNSUBSCRIBE));
		assertThatExceptionOfType(InvalidLinkException.class)
			.isThrownBy(() -> this.signer.verify(token, Purpose.CONFIRM));
		String unsubscribe = this.signer.sign(ID, Purpose.UNSUBSCRIBE, NOW.plusSeconds(60));
		assertThatExceptionOfType(InvalidLinkException.class)
			.isThrownBy(() -> this.signer.verify(unsubscribe, Purpose.PREFERENCES));
	}

	@Test
	void rejectsGarbage() {
		for (String garbage : new String[] { "", "abc", "a.b.c", "!!!.???", ".", "x".repeat(600) }) {
			assertThatExceptionOfType(InvalidLinkException.class)
				.isThrownBy(() -> this.signer.verify(garbage, Purpose.CONFIRM));
		}
	}

}
