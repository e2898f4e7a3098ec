package dev.policypulse.ingestion.publishing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Brings an incoming item to the form it is published in: a clean one-line title, plain
 * text without trailing boilerplate, a language, and a publication time that can be
 * trusted or is flagged as estimated.
 */
final class ItemNormaliser {

	/**
	 * Publication times before this are placeholders of broken feeds (the epoch, year 1),
	 * not dates.
	 */
	static final Instant EARLIEST_PLAUSIBLE = Instant.parse("1995-01-01T00:00:00Z");

	/**
	 * How far ahead of the clock a publication time may be, for clocks that differ a
	 * little. Further ahead, the time is a mistake (often a local time labelled as UTC)
	 * and the time of ingestion stands in for it.
	 */
	static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

	/** Titles longer than this are cut, as a headline never is. */
	static final int MAX_TITLE_LENGTH = 1000;

	private final int maxBodyLength;

	private final LanguageDetector languages;

	private final Boilerplate boilerplate;

	ItemNormaliser(int maxBodyLength, LanguageDetector languages, Boilerplate boilerplate) {
		this.maxBodyLength = maxBodyLength;
		this.languages = languages;
		this.boilerplate = boilerplate;
	}

	/**
	 * The item as it is published.
	 * @param item the item as received
	 * @param ingestedAt when ingestion received it
	 * @return the normalised item
	 * @throws IllegalArgumentException if nothing is left of the title
	 */
	NormalisedItem normalise(IncomingItem item, Instant ingestedAt) {
		String title = Titles.clean(item.title(), item.source(), item.origin());
		if (title.isEmpty()) {
			throw new IllegalArgumentException("title must not be blank");
		}
		if (title.length() > MAX_TITLE_LENGTH) {
			int end = MAX_TITLE_LENGTH - 1;
			if (Character.isHighSurrogate(title.charAt(end - 1))) {
				end--;
			}
			title = title.substring(0, end).strip() + "…";
		}
		String body = this.boilerplate
			.strip((item.html() != null) ? PlainText.fromHtml(item.html()) : PlainText.normalise(item.text()));
		if (body.length() > this.maxBodyLength) {
			int end = this.maxBodyLength;
			if (Character.isHighSurrogate(body.charAt(end - 1))) {
				end--;
			}
			body = body.substring(0, end);
		}
		String language = language(item.language());
		if (language == null) {
			language = this.languages.detect(title, body);
		}
		Instant publishedAt = item.publishedAt();
		boolean estimated = publishedAt == null || publishedAt.isBefore(EARLIEST_PLAUSIBLE)
				|| publishedAt.isAfter(ingestedAt.plus(FUTURE_TOLERANCE));
		return new NormalisedItem(title, body, language,
				estimated ? ingestedAt : publishedAt.truncatedTo(ChronoUnit.MILLIS), estimated);
	}

	/**
	 * The primary subtag of a language tag such as {@code en-GB}, if it is an ISO 639
	 * code.
	 */
	static String language(String tag) {
		if (tag == null) {
			return null;
		}
		String primary = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
		return primary.matches("[a-z]{2,3}") ? primary : null;
	}

	/**
	 * An item ready for publication.
	 *
	 * @param title the clean title, not empty
	 * @param body the plain-text body, possibly empty
	 * @param language the ISO 639 code, declared or detected, or {@code null}
	 * @param publishedAt the publication time, to the millisecond
	 * @param publishedAtEstimated whether {@code publishedAt} is the time of ingestion
	 * standing in for a missing or implausible one
	 */
	record NormalisedItem(String title, String body, String language, Instant publishedAt,
			boolean publishedAtEstimated) {

	}

}
