package dev.policypulse.notifier.subscription;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Each kind of link, and how long it works with the default settings. */
class SubscriptionLinksTests {

	private static final Instant SENT = Instant.parse("2026-05-04T10:00:00Z");

	private static final UUID ID = UUID.fromString("5f0c4a52-8d1e-4c3b-9a67-0b9e2f6d1c11");

	/** Defaults, as an unset configuration binds them. */
	private static final LinkProperties DEFAULTS = new LinkProperties(URI.create("https://alerts.example.org"), null,
			null, null, null);

	@Test
	void confirmationLinkWorksForSevenDaysAndNoLonger() {
		String token = token(links(SENT).confirmUrl(ID));

		assertThat(links(SENT.plus(Duration.ofDays(7)).minusSeconds(1)).verifyConfirmation(token)).isEqualTo(ID);
		assertThatExceptionOfType(ExpiredLinkException.class)
			.isThrownBy(() -> links(SENT.plus(Duration.ofDays(7))).verifyConfirmation(token));
	}

	@Test
	void unsubscribeAndPreferencesLinksWorkForAYear() {
		String unsubscribe = token(links(SENT).unsubscribeUrl(ID));
		String preferences = token(links(SENT).preferencesUrl(ID));
		Instant aYearOn = SENT.plus(Duration.ofDays(365));

		assertThat(links(aYearOn.minusSeconds(1)).verifyUnsubscribe(unsubscribe)).isEqualTo(ID);
		assertThat(links(aYearOn.minusSeconds(1)).verifyPreferences(preferences)).isEqualTo(ID);
		assertThatExceptionOfType(ExpiredLinkException.class)
			.isThrownBy(() -> links(aYearOn).verifyPreferences(preferences));
	}

	@Test
	void linksLeadToTheirPagesUnderThePublicBaseUrl() {
		SubscriptionLinks links = links(SENT);

		assertThat(links.confirmUrl(ID)).startsWith("https://alerts.example.org/api/v1/subscriptions/confirm?token=");
		assertThat(links.unsubscribeUrl(ID))
			.startsWith("https://alerts.example.org/api/v1/subscriptions/unsubscribe?token=");
		assertThat(links.preferencesUrl(ID))
			.startsWith("https://alerts.example.org/api/v1/subscriptions/preferences?token=");
	}

	private static SubscriptionLinks links(Instant now) {
		return new SubscriptionLinks(DEFAULTS, Clock.fixed(now, ZoneOffset.UTC));
	}

	private static String token(String url) {
		return url.substring(url.indexOf("token=") + "token=".length());
	}

}
