package dev.policypulse.notifier.subscription;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.springframework.util.MultiValueMap;

/**
 * The preference page's form, as shown and as posted. Lists travel as text a subscriber
 * can type: jurisdiction codes separated by commas or spaces, keywords by commas. A box
 * that is not ticked is not posted, so on this form it means {@code false}.
 *
 * @param jurisdictions followed codes, such as {@code PK, US-TX, EU}
 * @param includeEuMemberStates whether {@code EU} also covers the member states
 * @param topics ticked topic codes
 * @param minSeverity least severity
 * @param policyMovesOnly whether only policy moves count
 * @param keywords keywords, comma-separated
 * @param delivery immediate, daily or weekly
 * @param timezone IANA time zone
 * @param digestHour hour of digests, as posted
 * @param digestRepeats whether digests also list stories already heard of
 */
record PreferencesForm(String jurisdictions, boolean includeEuMemberStates, List<String> topics, String minSeverity,
		boolean policyMovesOnly, String keywords, String delivery, String timezone, String digestHour,
		boolean digestRepeats) {

	PreferencesForm {
		topics = List.copyOf(topics);
	}

	static PreferencesForm of(Preferences preferences) {
		return new PreferencesForm(String.join(", ", preferences.jurisdictions()), preferences.includeEuMemberStates(),
				preferences.topics(), SubscriptionRepository.code(preferences.minSeverity()),
				preferences.policyMovesOnly(), String.join(", ", preferences.keywords()), preferences.delivery(),
				preferences.timezone().getId(), Integer.toString(preferences.digestHour()),
				preferences.digestRepeats());
	}

	static PreferencesForm of(MultiValueMap<String, String> posted) {
		List<String> topics = posted.getOrDefault("topics", List.of()).stream().filter(Objects::nonNull).toList();
		return new PreferencesForm(text(posted, "jurisdictions"), ticked(posted, "includeEuMemberStates"), topics,
				text(posted, "minSeverity"), ticked(posted, "policyMovesOnly"), text(posted, "keywords"),
				text(posted, "delivery"), text(posted, "timezone"), text(posted, "digestHour"),
				ticked(posted, "digestRepeats"));
	}

	/**
	 * The request this form makes, to be validated like an API request; the subscription
	 * stays paused or not as it is.
	 */
	PreferencesRequest toRequest(boolean paused) {
		List<String> codes = split(this.jurisdictions.toUpperCase(Locale.ROOT), "[\\s,;]+");
		return new PreferencesRequest(codes, this.includeEuMemberStates, this.topics, blankToNull(this.minSeverity),
				this.policyMovesOnly, split(this.keywords, ","), blankToNull(this.delivery), blankToNull(this.timezone),
				hour(this.digestHour), this.digestRepeats, paused);
	}

	private static String text(MultiValueMap<String, String> posted, String name) {
		String value = posted.getFirst(name);
		return (value != null) ? value.strip() : "";
	}

	private static boolean ticked(MultiValueMap<String, String> posted, String name) {
		List<String> values = posted.get(name);
		return values != null && !values.isEmpty();
	}

	private static List<String> split(String text, String separators) {
		return Arrays.stream(text.split(separators)).map(String::strip).filter((part) -> !part.isEmpty()).toList();
	}

	private static String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}

	/** An hour that is not a number becomes one that validation refuses. */
	private static Integer hour(String value) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
