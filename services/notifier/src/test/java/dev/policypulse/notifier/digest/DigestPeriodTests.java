package dev.policypulse.notifier.digest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DigestPeriodTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Test
	void aDailyDigestIsDueAtTheDigestHourAndBelongsToThatDay() {
		assertThat(daily("UTC", 8, "2026-05-04T07:59:59Z"))
			.isEqualTo(new DigestPeriod(false, LocalDate.of(2026, 5, 3), Instant.parse("2026-05-03T08:00:00Z")));
		assertThat(daily("UTC", 8, "2026-05-04T08:00:00Z"))
			.isEqualTo(new DigestPeriod(false, LocalDate.of(2026, 5, 4), Instant.parse("2026-05-04T08:00:00Z")));
	}

	@Test
	void theDayIsTheSubscribersLocalDay() {
		// 20:30 on 4 May in Los Angeles is already 5 May in UTC
		assertThat(daily("America/Los_Angeles", 20, "2026-05-05T03:30:00Z"))
			.isEqualTo(new DigestPeriod(false, LocalDate.of(2026, 5, 4), Instant.parse("2026-05-05T03:00:00Z")));
		// 07:00 on 4 May in Tokyo is still 3 May in UTC
		assertThat(daily("Asia/Tokyo", 7, "2026-05-03T22:00:00Z"))
			.isEqualTo(new DigestPeriod(false, LocalDate.of(2026, 5, 4), Instant.parse("2026-05-03T22:00:00Z")));
	}

	@Test
	void aWeeklyDigestIsDueOnTheWeeklyDay() {
		ZoneId tokyo = ZoneId.of("Asia/Tokyo");
		// Monday 4 May, 09:00 in Tokyo
		assertThat(DigestPeriod.latest("weekly", tokyo, 8, DayOfWeek.MONDAY, Instant.parse("2026-05-04T00:00:00Z")))
			.isEqualTo(new DigestPeriod(true, LocalDate.of(2026, 5, 4), Instant.parse("2026-05-03T23:00:00Z")));
		// Monday 4 May, 07:59 in Tokyo: the week before
		assertThat(DigestPeriod.latest("weekly", tokyo, 8, DayOfWeek.MONDAY, Instant.parse("2026-05-03T22:59:00Z")))
			.isEqualTo(new DigestPeriod(true, LocalDate.of(2026, 4, 27), Instant.parse("2026-04-26T23:00:00Z")));
		// Sunday 10 May, late: still the week of Monday 4 May
		assertThat(DigestPeriod.latest("weekly", tokyo, 8, DayOfWeek.MONDAY, Instant.parse("2026-05-10T14:00:00Z"))
			.start()).isEqualTo(LocalDate.of(2026, 5, 4));
		assertThat(DigestPeriod.latest("weekly", tokyo, 8, DayOfWeek.FRIDAY, Instant.parse("2026-05-10T14:00:00Z"))
			.start()).isEqualTo(LocalDate.of(2026, 5, 8));
	}

	@Test
	void theDigestHourStaysLocalAcrossTheChangeToSummerTime() {
		assertThat(daily("Europe/Berlin", 8, "2026-03-28T12:00:00Z").dueAt())
			.isEqualTo(Instant.parse("2026-03-28T07:00:00Z"));
		assertThat(daily("Europe/Berlin", 8, "2026-03-29T12:00:00Z").dueAt())
			.isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
		assertThat(daily("Europe/Berlin", 8, "2026-10-25T12:00:00Z").dueAt())
			.isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
	}

	@Test
	void anHourThatClocksSkipIsTakenAsTheHourAfter() {
		// on 29 March 2026 Berlin goes from 02:00 straight to 03:00 (01:00 UTC)
		assertThat(daily("Europe/Berlin", 2, "2026-03-29T00:59:00Z").start()).isEqualTo(LocalDate.of(2026, 3, 28));
		assertThat(daily("Europe/Berlin", 2, "2026-03-29T01:00:00Z"))
			.isEqualTo(new DigestPeriod(false, LocalDate.of(2026, 3, 29), Instant.parse("2026-03-29T01:00:00Z")));
	}

	@Test
	void anHourThatHappensTwiceIsTakenOnceAtItsFirstOccurrence() {
		// on 25 October 2026 Berlin lives 02:00 to 03:00 twice, from 00:00 and 01:00 UTC
		assertThat(daily("Europe/Berlin", 2, "2026-10-25T00:00:00Z"))
			.isEqualTo(new DigestPeriod(false, LocalDate.of(2026, 10, 25), Instant.parse("2026-10-25T00:00:00Z")));
		assertThat(daily("Europe/Berlin", 2, "2026-10-25T01:30:00Z"))
			.isEqualTo(new DigestPeriod(false, LocalDate.of(2026, 10, 25), Instant.parse("2026-10-25T00:00:00Z")));
	}

	@Test
	void everyLocalDayHasExactlyOneDueTimeAcrossBothClockChanges() {
		for (String from : new String[] { "2026-03-27T00:00:00Z", "2026-10-23T00:00:00Z" }) {
			for (int hour : new int[] { 0, 2, 3, 8, 23 }) {
				Map<LocalDate, Instant> dueTimes = new LinkedHashMap<>();
				Instant start = Instant.parse(from);
				for (Instant now = start; now
					.isBefore(start.plus(Duration.ofDays(4))); now = now.plus(Duration.ofMinutes(15))) {
					DigestPeriod period = DigestPeriod.latest("daily", BERLIN, hour, DayOfWeek.MONDAY, now);
					assertThat(period.dueAt()).isBeforeOrEqualTo(now);
					Instant known = dueTimes.putIfAbsent(period.start(), period.dueAt());
					assertThat(known).as("%s at %02d:00", period.start(), hour).isIn(null, period.dueAt());
				}
				// four days of 15-minute steps cross four or five due times
				assertThat(dueTimes).hasSizeBetween(4, 5);
				assertThat(dueTimes.keySet()).doesNotHaveDuplicates();
			}
		}
	}

	private static DigestPeriod daily(String zone, int hour, String now) {
		return DigestPeriod.latest("daily", ZoneId.of(zone), hour, DayOfWeek.MONDAY, Instant.parse(now));
	}

}
