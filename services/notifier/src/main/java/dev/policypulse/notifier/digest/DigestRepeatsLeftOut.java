package dev.policypulse.notifier.digest;

import java.time.Instant;
import java.util.Objects;

/**
 * Published inside the transaction that composes a digest when it leaves out stories the
 * address already heard of (in an alert or another digest), so that each is recorded as
 * suppressed in the same transaction.
 *
 * @param digestId the record of the period's digest; its left-out items have the status
 * {@code alerted}
 * @param at when the digest was composed
 */
public record DigestRepeatsLeftOut(long digestId, Instant at) {

	public DigestRepeatsLeftOut {
		Objects.requireNonNull(at, "at");
	}

}
