package dev.policypulse.notifier.subscription;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.policypulse.contracts.Severity;

/**
 * A subscriber's choices as the API and the preference page take them: the body of
 * {@code PUT /api/v1/subscriptions/{id}}, and the part of a new subscription besides the
 * address. Every field may be left out, which means its default.
 *
 * @param jurisdictions codes to follow, such as {@code PK}, {@code US-TX} or {@code EU};
 * a country also covers its subdivisions; none means every jurisdiction
 * @param includeEuMemberStates whether {@code EU} also covers the 27 member states
 * (default {@code false})
 * @param topics topic codes to follow; none means every kind of move
 * @param minSeverity {@code low} (the default), {@code medium}, {@code high} or
 * {@code critical}
 * @param policyMovesOnly whether only policy moves count (default {@code true})
 * @param keywords words or phrases of which one must occur in the item (any case, whole
 * words)
 * @param delivery {@code immediate} (the default), {@code daily} or {@code weekly}
 * @param timezone an IANA time zone for digests (default {@code UTC})
 * @param digestHour the local hour at which digests go out, 0 to 23 (default 8)
 * @param digestRepeats whether digests also list stories the address already heard of in
 * an alert or another digest (default {@code false})
 * @param paused whether alerts are held back (default {@code false})
 */
record PreferencesRequest(
		@Size(max = 50) List<@NotNull @Pattern(regexp = JURISDICTION,
				message = "must be an ISO 3166 code such as PK or US-TX, or EU") String> jurisdictions,
		Boolean includeEuMemberStates, @Size(max = 20) List<@NotNull @KnownTopic String> topics,
		@Pattern(regexp = "low|medium|high|critical",
				message = "must be one of low, medium, high, critical") String minSeverity,
		Boolean policyMovesOnly,
		@Size(max = 20) List<@NotNull @Size(min = 2, max = 60) @Pattern(regexp = KEYWORD,
				message = "must be a word or phrase of letters, digits, spaces and ' . & / + -") String> keywords,
		@Pattern(regexp = "immediate|daily|weekly",
				message = "must be one of immediate, daily, weekly") String delivery,
		@TimeZoneId String timezone, @Min(0) @Max(23) Integer digestHour, Boolean digestRepeats, Boolean paused) {

	static final String JURISDICTION = "EU|[A-Z]{2}(-[A-Z0-9]{1,3})?";

	/** Starts with a letter or digit; inside, also spaces and a little punctuation. */
	static final String KEYWORD = "\\s*[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}\\s'’.&/+-]*";

	PreferencesRequest {
		jurisdictions = (jurisdictions != null) ? jurisdictions : List.of();
		topics = (topics != null) ? topics : List.of();
		keywords = (keywords != null) ? keywords : List.of();
	}

	@AssertTrue(message = "follow at least one jurisdiction, topic or keyword")
	boolean isFollowingSomething() {
		return !this.jurisdictions.isEmpty() || !this.topics.isEmpty() || !this.keywords.isEmpty();
	}

	/** The preferences this (valid) request asks for, defaults filled in. */
	Preferences toPreferences() {
		return new Preferences(distinct(this.jurisdictions), Boolean.TRUE.equals(this.includeEuMemberStates),
				distinct(this.topics),
				(this.minSeverity != null) ? SubscriptionRepository.severity(this.minSeverity) : Severity.LOW,
				!Boolean.FALSE.equals(this.policyMovesOnly), keywords(this.keywords),
				(this.delivery != null) ? this.delivery : Subscription.IMMEDIATE,
				(this.timezone != null) ? ZoneId.of(this.timezone) : Preferences.DEFAULT_TIMEZONE,
				(this.digestHour != null) ? this.digestHour : Preferences.DEFAULT_DIGEST_HOUR,
				Boolean.TRUE.equals(this.digestRepeats), Boolean.TRUE.equals(this.paused));
	}

	private static List<String> distinct(List<String> values) {
		return values.stream().distinct().toList();
	}

	/**
	 * Keywords as the subscriber wrote them, but with single spaces, and without those
	 * that repeat another in a different case.
	 */
	private static List<String> keywords(List<String> keywords) {
		Map<String, String> byForm = new LinkedHashMap<>();
		for (String keyword : keywords) {
			String tidy = keyword.strip().replaceAll("\\s+", " ");
			byForm.putIfAbsent(Preferences.comparableForm(tidy), tidy);
		}
		return List.copyOf(byForm.values());
	}

}
