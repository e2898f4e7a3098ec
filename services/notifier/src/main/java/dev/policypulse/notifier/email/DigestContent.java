package dev.policypulse.notifier.email;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What one digest holds.
 *
 * @param weekly whether it is a weekly digest (else a daily one)
 * @param period the subscriber's local date the digest is due on (for a weekly digest,
 * the day of the week digests go out on)
 * @param timezone the subscriber's time zone
 * @param digestHour the subscriber's local hour for digests
 * @param entries the items, at least one, in any order
 * @param omitted how many further items matched but are left out to keep the email short
 * @param links the subscriber's preference and unsubscribe links
 */
public record DigestContent(boolean weekly, LocalDate period, ZoneId timezone, int digestHour,
		List<DigestEntry> entries, int omitted, EmailLinks links) {

	public DigestContent {
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(timezone, "timezone");
		entries = List.copyOf(entries);
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("a digest needs at least one item");
		}
		if (omitted < 0) {
			throw new IllegalArgumentException("omitted must not be negative");
		}
		Objects.requireNonNull(links, "links");
	}

}
