package dev.policypulse.notifier.subscription;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the tokens in emailed links. A token is
 * {@code base64url(id|purpose|expiry) "." base64url(HMAC-SHA256(payload))}: it names the
 * subscription, says what it may be used for and until when, and cannot be altered
 * without the secret.
 */
final class LinkSigner {

	/**
	 * What a token allows; a token of one purpose is refused for any other, so that a
	 * confirmation link cannot unsubscribe, nor an unsubscribe link change preferences.
	 */
	enum Purpose {

		CONFIRM, UNSUBSCRIBE, PREFERENCES

	}

	private static final String ALGORITHM = "HmacSHA256";

	private static final int MAX_TOKEN_LENGTH = 512;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKeySpec key;

	/**
	 * One initialised MAC per thread: looking one up and keying it costs more than
	 * signing, and every alert needs links signed for its recipient.
	 */
	private final ThreadLocal<Mac> macs;

	private final Clock clock;

	LinkSigner(String secret, Clock clock) {
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.macs = ThreadLocal.withInitial(this::newMac);
		this.clock = clock;
	}

	String sign(UUID subscriptionId, Purpose purpose, Instant expiresAt) {
		byte[] payload = (subscriptionId + "|" + purpose.name() + "|" + expiresAt.getEpochSecond())
			.getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
	}

	/**
	 * The subscription a token was issued for.
	 * @throws InvalidLinkException if the token is malformed, tampered with or issued for
	 * another purpose
	 * @throws ExpiredLinkException if the token is genuine but its time is up
	 */
	UUID verify(String token, Purpose purpose) {
		if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
			throw invalid();
		}
		int dot = token.indexOf('.');
		if (dot <= 0 || dot != token.lastIndexOf('.')) {
			throw invalid();
		}
		byte[] payload;
		byte[] signature;
		try {
			payload = DECODER.decode(token.substring(0, dot));
			signature = DECODER.decode(token.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		if (!MessageDigest.isEqual(mac(payload), signature)) {
			throw invalid();
		}
		String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|");
		if (parts.length != 3 || !purpose.name().equals(parts[1])) {
			throw invalid();
		}
		try {
			if (!this.clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[2])))) {
				throw new ExpiredLinkException();
			}
			return UUID.fromString(parts[0]);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	private byte[] mac(byte[] payload) {
		// doFinal leaves the MAC ready for the next payload, with the same key
		return this.macs.get().doFinal(payload);
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static InvalidLinkException invalid() {
		return new InvalidLinkException("This link is not valid. Please use the link exactly as it was emailed.");
	}

}
