package dev.policypulse.notifier.subscription;

import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/subscriptions}: the address, and the choices
 * {@link PreferencesRequest} describes (with the same rules and defaults).
 *
 * @param email where alerts go
 */
record SubscriptionRequest(
		@NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
				message = "must be an email address such as name@example.org") String email,
		@Size(max = 50) List<@NotNull @Pattern(regexp = PreferencesRequest.JURISDICTION,
				message = "must be an ISO 3166 code such as PK or US-TX, or EU") String> jurisdictions,
		Boolean includeEuMemberStates, @Size(max = 20) List<@NotNull @KnownTopic String> topics,
		@Pattern(regexp = "low|medium|high|critical",
				message = "must be one of low, medium, high, critical") String minSeverity,
		Boolean policyMovesOnly,
		@Size(max = 20) List<@NotNull @Size(min = 2, max = 60) @Pattern(regexp = PreferencesRequest.KEYWORD,
				message = "must be a word or phrase of letters, digits, spaces and ' . & / + -") String> keywords,
		@Pattern(regexp = "immediate|daily|weekly",
				message = "must be one of immediate, daily, weekly") String delivery,
		@TimeZoneId String timezone, @Min(0) @Max(23) Integer digestHour, Boolean digestRepeats, Boolean paused) {

	SubscriptionRequest {
		jurisdictions = (jurisdictions != null) ? jurisdictions : List.of();
		topics = (topics != null) ? topics : List.of();
		keywords = (keywords != null) ? keywords : List.of();
	}

	@AssertTrue(message = "follow at least one jurisdiction, topic or keyword")
	boolean isFollowingSomething() {
		return !this.jurisdictions.isEmpty() || !this.topics.isEmpty() || !this.keywords.isEmpty();
	}

	/** The choices besides the address. */
	PreferencesRequest preferences() {
		return new PreferencesRequest(this.jurisdictions, this.includeEuMemberStates, this.topics, this.minSeverity,
				this.policyMovesOnly, this.keywords, this.delivery, this.timezone, this.digestHour, this.digestRepeats,
				this.paused);
	}

}
