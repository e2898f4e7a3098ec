package dev.policypulse.ingestion.health;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What is known about one source, changed as its polls end and read whenever its health
 * is asked for. The dates of its newest new items (at most {@value #HISTORY}, told apart
 * to the second) teach its usual gap between items and its rate of items per day.
 */
final class SourceRecord {

	/** Item dates kept per source. */
	static final int HISTORY = 100;

	private static final Duration RATE_WINDOW = Duration.ofDays(7);

	private static final double SECONDS_PER_DAY = 86_400;

	private final String sourceId;

	private final TreeSet<Instant> itemTimes = new TreeSet<>();

	private Instant lastSuccess;

	private Instant lastError;

	private String lastErrorMessage;

	private int consecutiveFailures;

	private Instant lastNewItem;

	private long version;

	private long savedVersion;

	SourceRecord(String sourceId) {
		this.sourceId = sourceId;
	}

	static SourceRecord restore(StoredHealth stored) {
		SourceRecord record = new SourceRecord(stored.sourceId());
		record.lastSuccess = stored.lastSuccess();
		record.lastError = stored.lastError();
		record.lastErrorMessage = stored.lastErrorMessage();
		record.consecutiveFailures = stored.consecutiveFailures();
		record.lastNewItem = stored.lastNewItem();
		record.addItemTimes(stored.itemTimes(), Instant.MAX);
		return record;
	}

	/**
	 * A fetch succeeded.
	 * @param at when it ended
	 * @param newItemDates the dates of the items it gave that were not seen before; dates
	 * in the future count as {@code at}
	 */
	synchronized void succeeded(Instant at, Collection<Instant> newItemDates) {
		this.lastSuccess = at;
		this.consecutiveFailures = 0;
		if (!newItemDates.isEmpty()) {
			this.lastNewItem = at;
			addItemTimes(newItemDates, at);
		}
		this.version++;
	}

	/** A fetch failed, for {@code reason}. */
	synchronized void failed(Instant at, String reason) {
		this.lastError = at;
		this.lastErrorMessage = reason;
		this.consecutiveFailures++;
		this.version++;
	}

	private void addItemTimes(Collection<Instant> times, Instant latest) {
		for (Instant time : times) {
			Instant second = (time.isAfter(latest) ? latest : time).truncatedTo(ChronoUnit.SECONDS);
			this.itemTimes.add(second);
			if (this.itemTimes.size() > HISTORY) {
				this.itemTimes.pollFirst();
			}
		}
	}

	synchronized SourceHealth health(Instant now, HealthProperties settings) {
		return new SourceHealth(this.sourceId, status(now, settings), this.lastSuccess, this.lastError,
				this.lastErrorMessage, this.consecutiveFailures, this.lastNewItem, itemsPerDay(now));
	}

	synchronized String status(Instant now, HealthProperties settings) {
		if (this.lastSuccess == null && this.lastError == null) {
			return "unknown";
		}
		if (this.consecutiveFailures > 0) {
			return "failing";
		}
		return isSilent(now, settings) ? "silent" : "ok";
	}

	private boolean isSilent(Instant now, HealthProperties settings) {
		if (this.lastNewItem == null || this.itemTimes.size() < settings.minimumHistory()) {
			return false;
		}
		Duration usual = Duration.ofMillis(Math.round(medianGapMillis() * settings.silenceFactor()));
		Duration threshold = (usual.compareTo(settings.silenceFloor()) > 0) ? usual : settings.silenceFloor();
		return Duration.between(this.lastNewItem, now).compareTo(threshold) > 0;
	}

	/**
	 * The median gap between consecutive item dates: a burst of items or a long holiday
	 * moves it less than it would move the mean.
	 */
	private double medianGapMillis() {
		List<Long> gaps = new ArrayList<>(this.itemTimes.size());
		Instant previous = null;
		for (Instant time : this.itemTimes) {
			if (previous != null) {
				gaps.add(Duration.between(previous, time).toMillis());
			}
			previous = time;
		}
		gaps.sort(null);
		int middle = gaps.size() / 2;
		return (gaps.size() % 2 == 1) ? gaps.get(middle) : (gaps.get(middle - 1) + gaps.get(middle)) / 2.0;
	}

	/**
	 * New items per day over the last seven days; when the kept dates do not reach back
	 * that far, over the time they span.
	 */
	private double itemsPerDay(Instant now) {
		if (this.itemTimes.isEmpty()) {
			return 0;
		}
		Instant windowStart = now.minus(RATE_WINDOW);
		long inWindow = this.itemTimes.tailSet(windowStart, false)
			.stream()
			.filter((time) -> !time.isAfter(now))
			.count();
		Duration span = RATE_WINDOW;
		if (this.itemTimes.size() == HISTORY && this.itemTimes.first().isAfter(windowStart)) {
			span = Duration.between(this.itemTimes.first(), now);
			if (span.compareTo(Duration.ofDays(1)) < 0) {
				span = Duration.ofDays(1);
			}
		}
		return inWindow / (span.toMillis() / 1000.0 / SECONDS_PER_DAY);
	}

	synchronized double up() {
		if (this.lastSuccess == null && this.lastError == null) {
			return Double.NaN;
		}
		return (this.consecutiveFailures == 0) ? 1 : 0;
	}

	synchronized int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	synchronized double lastErrorEpochSeconds() {
		return (this.lastError != null) ? this.lastError.getEpochSecond() : Double.NaN;
	}

	synchronized double itemsPerDayAt(Instant now) {
		return itemsPerDay(now);
	}

	synchronized double lastSuccessEpochSeconds() {
		return (this.lastSuccess != null) ? this.lastSuccess.getEpochSecond() : Double.NaN;
	}

	/** The state to write, or {@code null} if it did not change since it was written. */
	synchronized StoredHealth changes() {
		if (this.version == this.savedVersion) {
			return null;
		}
		return new StoredHealth(this.sourceId, this.lastSuccess, this.lastError, this.lastErrorMessage,
				this.consecutiveFailures, this.lastNewItem, List.copyOf(this.itemTimes), this.version);
	}

	/** The state of {@code version} was written. */
	synchronized void saved(long version) {
		this.savedVersion = Math.max(this.savedVersion, version);
	}

}
