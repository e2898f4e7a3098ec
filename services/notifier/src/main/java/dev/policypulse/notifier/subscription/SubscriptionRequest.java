package dev.policypulse.notifier.subscription;

import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/subscriptions}.
 *
 * @param email where alerts go
 * @param jurisdictions codes to follow, such as {@code PK}, {@code US-TX} or {@code EU};
 * a country also covers its subdivisions
 * @param topics topic codes to follow; none means every kind of move
 * @param delivery {@code immediate} (the default and, for now, the only mode)
 */
record SubscriptionRequest(
		@NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
				message = "must be an email address such as name@example.org") String email,
		@Size(max = 50) List<@NotNull @Pattern(regexp = "EU|[A-Z]{2}(-[A-Z0-9]{1,3})?",
				message = "must be an ISO 3166 code such as PK or US-TX, or EU") String> jurisdictions,
		@Size(max = 20) List<@NotNull @KnownTopic String> topics, @Pattern(regexp = Subscription.IMMEDIATE,
				message = "must be 'immediate'; digests are not offered yet") String delivery) {

	SubscriptionRequest {
		jurisdictions = (jurisdictions != null) ? jurisdictions : List.of();
		topics = (topics != null) ? topics : List.of();
		delivery = (delivery != null) ? delivery : Subscription.IMMEDIATE;
	}

	@AssertTrue(message = "follow at least one jurisdiction or topic")
	boolean isFollowingSomething() {
		return !this.jurisdictions.isEmpty() || !this.topics.isEmpty();
	}

}
