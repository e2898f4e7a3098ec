package dev.policypulse.notifier.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

import dev.policypulse.notifier.subscription.Preferences;
import dev.policypulse.notifier.subscription.Subscription;

/**
 * One period of a subscriber's digests: a local day, or a week that starts on the weekly
 * day. Its digest is due at the subscriber's digest hour on that day, in their time zone.
 * On the day clocks go forward, an hour that does not exist is taken to be the hour after
 * the gap (02:00 becomes 03:00); on the day they go back, the first of the two is taken.
 * Either way the period, and so its one digest, stays the same.
 *
 * @param weekly whether it is a week (else a day)
 * @param start the local date the digest is due on
 * @param dueAt when the digest is due
 */
record DigestPeriod(boolean weekly, LocalDate start, Instant dueAt) {

	/** {@code daily} or {@code weekly}, as the database keeps it. */
	String cadence() {
		return this.weekly ? Subscription.WEEKLY : Subscription.DAILY;
	}

	/**
	 * The latest period whose digest is due at {@code now} or was due before it.
	 * @param preferences a daily or weekly subscriber's preferences
	 * @param weeklyDay the day weekly digests go out on
	 * @param now the time
	 */
	static DigestPeriod latest(Preferences preferences, DayOfWeek weeklyDay, Instant now) {
		return latest(preferences.delivery(), preferences.timezone(), preferences.digestHour(), weeklyDay, now);
	}

	/**
	 * The latest period whose digest is due at {@code now} or was due before it.
	 * @param delivery {@code weekly} for weekly digests, else daily ones
	 * @param zone the subscriber's time zone
	 * @param digestHour the subscriber's digest hour
	 * @param weeklyDay the day weekly digests go out on
	 * @param now the time
	 */
	static DigestPeriod latest(String delivery, ZoneId zone, int digestHour, DayOfWeek weeklyDay, Instant now) {
		boolean weekly = Subscription.WEEKLY.equals(delivery);
		LocalDate today = LocalDate.ofInstant(now, zone);
		LocalDate start = weekly ? today.with(TemporalAdjusters.previousOrSame(weeklyDay)) : today;
		Instant dueAt = dueAt(start, digestHour, zone);
		if (dueAt.isAfter(now)) {
			start = weekly ? start.minusWeeks(1) : start.minusDays(1);
			dueAt = dueAt(start, digestHour, zone);
		}
		return new DigestPeriod(weekly, start, dueAt);
	}

	/** A key for the period, such as {@code daily:2026-05-04}. */
	String key() {
		return cadence() + ":" + this.start;
	}

	private static Instant dueAt(LocalDate day, int hour, ZoneId zone) {
		// ZonedDateTime.of moves a time in a gap forward and takes the earlier offset in
		// an overlap
		return ZonedDateTime.of(day, LocalTime.of(hour, 0), zone).toInstant();
	}

}
