package dev.policypulse.ingestion.item;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature a sender puts on a pushed request: {@value #SIGNATURE_HEADER}
 * carries {@code sha256=} and the hex HMAC-SHA256, under a shared secret, of the
 * {@value #TIMESTAMP_HEADER} value (Unix time in seconds), a {@code .}, and the body
 * bytes exactly as sent.
 * <p>
 * The timestamp bounds how long a captured request can be replayed. Within the tolerance
 * a replay is still accepted; that is harmless here because pushing an item again only
 * gets it reported as a duplicate.
 */
final class WebhookSignatures {

	static final String TIMESTAMP_HEADER = "X-PolicyPulse-Timestamp";

	static final String SIGNATURE_HEADER = "X-PolicyPulse-Signature";

	private static final String ALGORITHM = "HmacSHA256";

	private static final String SCHEME = "sha256=";

	/**
	 * Up to twelve digits: any time in the next thirty thousand years, and no overflow.
	 */
	private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

	private static final Pattern SIGNATURE = Pattern.compile("sha256=[0-9a-fA-F]{64}");

	private final List<SecretKeySpec> keys;

	private final Duration tolerance;

	private final Clock clock;

	WebhookSignatures(WebhookProperties properties, Clock clock) {
		List<SecretKeySpec> keys = new ArrayList<>();
		for (String secret : new String[] { properties.secret(), properties.previousSecret() }) {
			if (secret != null) {
				keys.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			}
		}
		this.keys = List.copyOf(keys);
		this.tolerance = properties.timestampTolerance();
		this.clock = clock;
	}

	/**
	 * What can be told from the headers alone, before the body is read.
	 * @param timestamp the {@value #TIMESTAMP_HEADER} value, or {@code null}
	 * @param signature the {@value #SIGNATURE_HEADER} value, or {@code null}
	 * @return {@link Verdict#VALID} if the body must now be checked with {@link #verify},
	 * otherwise why the request is refused
	 */
	Verdict checkHeaders(String timestamp, String signature) {
		if (this.keys.isEmpty()) {
			return Verdict.NOT_ACCEPTED;
		}
		if (timestamp == null || signature == null || !TIMESTAMP.matcher(timestamp).matches()
				|| !SIGNATURE.matcher(signature).matches()) {
			return Verdict.MALFORMED;
		}
		long skew = Math.abs(this.clock.instant().getEpochSecond() - Long.parseLong(timestamp));
		return (skew > this.tolerance.toSeconds()) ? Verdict.EXPIRED : Verdict.VALID;
	}

	/**
	 * Checks a signed request completely.
	 * @param timestamp the {@value #TIMESTAMP_HEADER} value, or {@code null}
	 * @param signature the {@value #SIGNATURE_HEADER} value, or {@code null}
	 * @param body the request body as received
	 * @return {@link Verdict#VALID} if one of the secrets produced the signature,
	 * otherwise why the request is refused
	 */
	Verdict verify(String timestamp, String signature, byte[] body) {
		Verdict headers = checkHeaders(timestamp, signature);
		if (headers != Verdict.VALID) {
			return headers;
		}
		byte[] presented = HexFormat.of().parseHex(signature, SCHEME.length(), signature.length());
		boolean matched = false;
		// Every secret is tried, so the time taken does not tell which one matched.
		for (SecretKeySpec key : this.keys) {
			matched |= MessageDigest.isEqual(mac(key, timestamp, body), presented);
		}
		return matched ? Verdict.VALID : Verdict.INVALID;
	}

	private static byte[] mac(SecretKeySpec key, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
			mac.update((byte) '.');
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			// Every Java runtime must provide HmacSHA256.
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	/** The result of checking a signature; also the metric tag. */
	enum Verdict {

		/** The signature is right and the timestamp recent. */
		VALID("valid"),

		/** No secret is configured, so no signature can be checked. */
		NOT_ACCEPTED("not_accepted"),

		/** A header is missing or not in the expected form. */
		MALFORMED("malformed"),

		/** The timestamp is too far from now. */
		EXPIRED("expired"),

		/** No configured secret produces the signature for this body and timestamp. */
		INVALID("invalid");

		private final String tag;

		Verdict(String tag) {
			this.tag = tag;
		}

		String tag() {
			return this.tag;
		}

	}

}
