package dev.policypulse.ingestion.source;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

import dev.policypulse.ingestion.net.RefusedTargetException;
import dev.policypulse.ingestion.net.TargetPolicy;

/**
 * What every source must satisfy, wherever it is defined: in configuration, through the
 * API, by an OPML import or in the shipped public list. Each check answers the reason a
 * value is wrong, or empty when it is fine, so that callers can name the field.
 */
final class SourceRules {

	/** Source ids: short, lower-case, usable as a metric tag and in a URL path. */
	static final String ID_REGEX = "[a-z0-9][a-z0-9._-]{0,63}";

	static final Pattern ID = Pattern.compile(ID_REGEX);

	static final int MAX_ID_LENGTH = 64;

	static final int MAX_URL_LENGTH = 2048;

	static final int MAX_SELECTOR_LENGTH = 500;

	static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);

	/**
	 * The longest poll interval: a source polled less often is as good as paused, and
	 * scheduling works in milliseconds, which much longer durations overflow.
	 */
	static final Duration MAX_POLL_INTERVAL = Duration.ofDays(30);

	private SourceRules() {
	}

	static Optional<String> idProblem(String id) {
		if (id == null || id.isBlank()) {
			return Optional.of("must not be blank");
		}
		if (!ID.matcher(id).matches()) {
			return Optional.of("must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a"
					+ " letter or digit");
		}
		return Optional.empty();
	}

	/**
	 * Checks a source's address against the {@link TargetPolicy}, without DNS.
	 * @param url the address
	 * @param allowPrivateNetwork whether the source may be on a private network
	 * @return why the address is refused
	 */
	static Optional<String> urlProblem(URI url, boolean allowPrivateNetwork) {
		if (url == null) {
			return Optional.of("must not be blank");
		}
		if (url.toString().length() > MAX_URL_LENGTH) {
			return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
		}
		if (!url.isAbsolute()) {
			return Optional.of("must be an absolute http or https URL");
		}
		try {
			TargetPolicy.checkUrl(url, allowPrivateNetwork);
			return Optional.empty();
		}
		catch (RefusedTargetException ex) {
			return Optional.of(ex.getMessage());
		}
	}

	/**
	 * Page sources need the CSS selector of their item links; feeds take none, so that a
	 * selector given by mistake is not silently ignored.
	 */
	static Optional<String> selectorProblem(SourceType type, String selector) {
		boolean blank = selector == null || selector.isBlank();
		if (type == SourceType.PAGE && blank) {
			return Optional.of("is required for page sources: the CSS selector of the links to items");
		}
		if (type != SourceType.PAGE) {
			return blank ? Optional.empty() : Optional.of("is only used by page sources; leave it out for feeds");
		}
		if (selector.length() > MAX_SELECTOR_LENGTH) {
			return Optional.of("must be at most " + MAX_SELECTOR_LENGTH + " characters");
		}
		try {
			QueryParser.parse(selector);
			return Optional.empty();
		}
		catch (Selector.SelectorParseException | IllegalArgumentException ex) {
			return Optional.of("is not a valid CSS selector: " + ex.getMessage());
		}
	}

	/**
	 * A duration in the largest unit that states it exactly, as configuration writes it:
	 * {@code 5m}, {@code 90s}, {@code 300ms}.
	 */
	static String format(Duration duration) {
		long millis = duration.toMillis();
		long[] sizes = { Duration.ofDays(1).toMillis(), Duration.ofHours(1).toMillis(),
				Duration.ofMinutes(1).toMillis(), Duration.ofSeconds(1).toMillis() };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < sizes.length; i++) {
			if (millis != 0 && millis % sizes[i] == 0) {
				return (millis / sizes[i]) + units[i];
			}
		}
		return millis + "ms";
	}

	static Optional<String> pollIntervalProblem(Duration pollInterval, Duration minimum) {
		if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
			return Optional.of("must be positive");
		}
		if (pollInterval.compareTo(minimum) < 0) {
			return Optional.of("must be at least " + format(minimum));
		}
		if (pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
			return Optional.of("must be at most " + format(MAX_POLL_INTERVAL));
		}
		return Optional.empty();
	}

}
