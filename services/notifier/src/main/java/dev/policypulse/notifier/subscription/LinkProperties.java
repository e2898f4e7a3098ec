package dev.policypulse.notifier.subscription;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The signed links in emails.
 *
 * @param publicBaseUrl how subscribers reach this service (default
 * {@code http://127.0.0.1:8083})
 * @param secret HMAC key that signs the links; set it with
 * {@code POLICYPULSE_NOTIFIER_LINKS_SECRET} in any shared deployment, since anyone who
 * knows it can confirm or cancel any subscription
 * @param confirmTtl how long a confirmation link works (default 7 days, at least a
 * minute)
 * @param unsubscribeTtl how long the unsubscribe link in an alert works (default 365
 * days, at least a minute)
 * @param preferencesTtl how long the preferences link in an email works (default 365
 * days, at least a minute)
 */
@Validated
@ConfigurationProperties("policypulse.notifier.links")
record LinkProperties(@NotNull URI publicBaseUrl, @NotNull @Size(min = 16) String secret,
		@NotNull @DurationMin(minutes = 1) Duration confirmTtl,
		@NotNull @DurationMin(minutes = 1) Duration unsubscribeTtl,
		@NotNull @DurationMin(minutes = 1) Duration preferencesTtl) {

	/** The secret of a local run; never use it where others can reach the service. */
	static final String LOCAL_SECRET = "local-dev-links-secret-not-for-production";

	LinkProperties {
		publicBaseUrl = (publicBaseUrl != null) ? publicBaseUrl : URI.create("http://127.0.0.1:8083");
		secret = (secret != null) ? secret : LOCAL_SECRET;
		confirmTtl = (confirmTtl != null) ? confirmTtl : Duration.ofDays(7);
		unsubscribeTtl = (unsubscribeTtl != null) ? unsubscribeTtl : Duration.ofDays(365);
		preferencesTtl = (preferencesTtl != null) ? preferencesTtl : Duration.ofDays(365);
	}

}
