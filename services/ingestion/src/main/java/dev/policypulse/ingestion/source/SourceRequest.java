package dev.policypulse.ingestion.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;

/**
 * A source as sent to {@code POST /api/v1/sources} or {@code PUT /api/v1/sources/{id}}.
 * Fields are validated here rather than by the JSON reader, so that every wrong field is
 * reported by name, and the address with the reason it is refused.
 *
 * @param id the source id; required to create, optional to update (it must then be the id
 * in the path: ids cannot be changed)
 * @param type {@code feed} (the default) or {@code page}
 * @param url the feed's or page's http(s) address on the public internet
 * @param itemSelector for pages, the CSS selector of the links to items
 * @param pollInterval time between polls, such as {@code 10m} or {@code PT10M}; at least
 * {@value #MIN_POLL_INTERVAL_TEXT}, at most 30d, default 5m
 * @param paused whether polling is paused; default false when creating, unchanged when
 * updating
 * @param allowPrivateNetwork refused when true: the allowance is configuration-only
 */
record SourceRequest(String id, String type, String url, String itemSelector, String pollInterval, Boolean paused,
		Boolean allowPrivateNetwork) {

	static final String MIN_POLL_INTERVAL_TEXT = "1m";

	/**
	 * Sources defined through the API poll third parties' servers: not more often than
	 * this.
	 */
	static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(1);

	/** A duration needs a unit: a bare number would silently mean milliseconds. */
	private static final Pattern DURATION = Pattern.compile("(?i)\\d{1,9}(ms|s|m|h|d)|P.+");

	/**
	 * The source to create.
	 * @throws InvalidRequestException naming every wrong field
	 */
	Source toNewSource() {
		List<FieldProblem> problems = new ArrayList<>();
		SourceRules.idProblem(this.id).ifPresent((problem) -> problems.add(new FieldProblem("id", problem)));
		return toSource(this.id, problems, false);
	}

	/**
	 * The new definition of the source in the path.
	 * @param pathId the id in the path
	 * @throws InvalidRequestException naming every wrong field
	 */
	Source toReplacement(String pathId) {
		List<FieldProblem> problems = new ArrayList<>();
		if (this.id != null && !this.id.equals(pathId)) {
			problems.add(new FieldProblem("id", "must be the id in the path, '" + pathId
					+ "': a source's id cannot be changed (create a new source and delete this one)"));
		}
		return toSource(pathId, problems, this.paused == null);
	}

	private Source toSource(String sourceId, List<FieldProblem> problems, boolean pausedUnknown) {
		SourceType sourceType = sourceType(problems);
		URI address = address(problems);
		String selector = (this.itemSelector != null && !this.itemSelector.isBlank()) ? this.itemSelector.strip()
				: null;
		if (sourceType != null) {
			SourceRules.selectorProblem(sourceType, selector)
				.ifPresent((problem) -> problems.add(new FieldProblem("itemSelector", problem)));
		}
		Duration interval = interval(problems);
		if (Boolean.TRUE.equals(this.allowPrivateNetwork)) {
			problems.add(new FieldProblem("allowPrivateNetwork",
					"can only be given in configuration (policypulse.ingestion.sources), not through the API"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException("source", problems);
		}
		// When updating without a paused value, the registry keeps the current one.
		boolean isPaused = !pausedUnknown && Boolean.TRUE.equals(this.paused);
		return new Source(sourceId, sourceType, address, selector, interval, isPaused, false);
	}

	private SourceType sourceType(List<FieldProblem> problems) {
		if (this.type == null || this.type.isBlank()) {
			return SourceType.FEED;
		}
		return switch (this.type.strip().toLowerCase(Locale.ROOT)) {
			case "feed" -> SourceType.FEED;
			case "page" -> SourceType.PAGE;
			default -> {
				problems.add(new FieldProblem("type", "must be feed or page"));
				yield null;
			}
		};
	}

	private URI address(List<FieldProblem> problems) {
		if (this.url == null || this.url.isBlank()) {
			problems.add(new FieldProblem("url", "must not be blank"));
			return null;
		}
		URI address;
		try {
			address = new URI(this.url.strip());
		}
		catch (URISyntaxException ex) {
			problems.add(new FieldProblem("url", "is not a valid URL: " + ex.getReason()));
			return null;
		}
		SourceRules.urlProblem(address, false).ifPresent((problem) -> problems.add(new FieldProblem("url", problem)));
		return address;
	}

	private Duration interval(List<FieldProblem> problems) {
		if (this.pollInterval == null || this.pollInterval.isBlank()) {
			return SourceRules.DEFAULT_POLL_INTERVAL;
		}
		String text = this.pollInterval.strip();
		Duration interval = null;
		if (DURATION.matcher(text).matches()) {
			try {
				interval = DurationStyle.detectAndParse(text);
			}
			catch (IllegalArgumentException | ArithmeticException ex) {
				// reported below
			}
		}
		if (interval == null) {
			problems.add(new FieldProblem("pollInterval", "must be a duration with a unit, such as 10m, 2h or PT10M"));
			return null;
		}
		SourceRules.pollIntervalProblem(interval, MIN_POLL_INTERVAL)
			.ifPresent((problem) -> problems.add(new FieldProblem("pollInterval", problem)));
		return interval;
	}

}
