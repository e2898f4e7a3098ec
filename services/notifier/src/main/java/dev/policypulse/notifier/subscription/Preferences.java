package dev.policypulse.notifier.subscription;

import java.text.Normalizer;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.policypulse.contracts.Severity;

/**
 * What a subscriber wants to hear about, and how.
 *
 * @param jurisdictions followed jurisdiction codes ({@code PK}, {@code US-TX},
 * {@code EU}); a country covers its subdivisions; empty means every jurisdiction
 * @param includeEuMemberStates whether following {@code EU} also covers the member states
 * (and their subdivisions); otherwise {@code EU} covers only moves of the Union itself
 * @param topics followed topic codes; empty means every kind of move
 * @param minSeverity the least severe items wanted
 * @param policyMovesOnly whether only items the classifier found to be a policy move
 * count
 * @param keywords words or phrases of which at least one must occur in the item's title
 * or body (whole words, any case); empty means no such condition
 * @param delivery {@link Subscription#IMMEDIATE}, {@link Subscription#DAILY} or
 * {@link Subscription#WEEKLY}
 * @param timezone the subscriber's time zone, for digests
 * @param digestHour the local hour (0 to 23) at which digests go out
 * @param digestRepeats whether digests also list stories the address already heard of in
 * an alert or another digest; by default they leave them out
 * @param paused whether alerts are held back for now; a paused subscription matches
 * nothing
 */
public record Preferences(List<String> jurisdictions, boolean includeEuMemberStates, List<String> topics,
		Severity minSeverity, boolean policyMovesOnly, List<String> keywords, String delivery, ZoneId timezone,
		int digestHour, boolean digestRepeats, boolean paused) {

	/** The time zone of a subscriber who named none. */
	public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");

	/** The hour at which digests go out unless the subscriber chose another. */
	public static final int DEFAULT_DIGEST_HOUR = 8;

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	public Preferences {
		jurisdictions = List.copyOf(jurisdictions);
		topics = List.copyOf(topics);
		keywords = List.copyOf(keywords);
		Objects.requireNonNull(minSeverity, "minSeverity");
		Objects.requireNonNull(delivery, "delivery");
		Objects.requireNonNull(timezone, "timezone");
		if (digestHour < 0 || digestHour > 23) {
			throw new IllegalArgumentException("digestHour must be within 0 to 23, got " + digestHour);
		}
	}

	/**
	 * The given jurisdictions and topics with every other choice at its default: any
	 * severity, policy moves only, no keywords, immediate delivery, not paused.
	 */
	public static Preferences of(List<String> jurisdictions, List<String> topics) {
		return new Preferences(jurisdictions, false, topics, Severity.LOW, true, List.of(), Subscription.IMMEDIATE,
				DEFAULT_TIMEZONE, DEFAULT_DIGEST_HOUR, false, false);
	}

	/**
	 * The form in which keywords and item text are compared: Unicode compatibility forms
	 * folded (NFKC), lower case, every run of white space a single space, no leading or
	 * trailing space.
	 */
	public static String comparableForm(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		return WHITESPACE.matcher(folded).replaceAll(" ").strip();
	}

	/** These preferences, paused or resumed. */
	public Preferences withPaused(boolean paused) {
		return new Preferences(this.jurisdictions, this.includeEuMemberStates, this.topics, this.minSeverity,
				this.policyMovesOnly, this.keywords, this.delivery, this.timezone, this.digestHour, this.digestRepeats,
				paused);
	}

	/** These preferences with other keywords. */
	public Preferences withKeywords(List<String> keywords) {
		return new Preferences(this.jurisdictions, this.includeEuMemberStates, this.topics, this.minSeverity,
				this.policyMovesOnly, keywords, this.delivery, this.timezone, this.digestHour, this.digestRepeats,
				this.paused);
	}

	/** These preferences with another severity threshold. */
	public Preferences withMinSeverity(Severity minSeverity) {
		return new Preferences(this.jurisdictions, this.includeEuMemberStates, this.topics, minSeverity,
				this.policyMovesOnly, this.keywords, this.delivery, this.timezone, this.digestHour, this.digestRepeats,
				this.paused);
	}

	/**
	 * These preferences, counting items that are no policy move or only those that are.
	 */
	public Preferences withPolicyMovesOnly(boolean policyMovesOnly) {
		return new Preferences(this.jurisdictions, this.includeEuMemberStates, this.topics, this.minSeverity,
				policyMovesOnly, this.keywords, this.delivery, this.timezone, this.digestHour, this.digestRepeats,
				this.paused);
	}

	/** These preferences with {@code EU} covering its member states, or not. */
	public Preferences withEuMemberStates(boolean includeEuMemberStates) {
		return new Preferences(this.jurisdictions, includeEuMemberStates, this.topics, this.minSeverity,
				this.policyMovesOnly, this.keywords, this.delivery, this.timezone, this.digestHour, this.digestRepeats,
				this.paused);
	}

	/** These preferences with another delivery, time zone and digest hour. */
	public Preferences withDelivery(String delivery, ZoneId timezone, int digestHour) {
		return new Preferences(this.jurisdictions, this.includeEuMemberStates, this.topics, this.minSeverity,
				this.policyMovesOnly, this.keywords, delivery, timezone, digestHour, this.digestRepeats, this.paused);
	}

}
