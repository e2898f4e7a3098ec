package dev.policypulse.notifier.subscription;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkPagesTests {

	private static final Subscription SUBSCRIPTION = new Subscription(UUID.randomUUID(), "reader@example.org",
			List.of("PK"), List.of(), Subscription.IMMEDIATE, SubscriptionStatus.PENDING, Instant.EPOCH);

	@Test
	void formsPostToThePublicUrlUnderItsPathPrefix() {
		SubscriptionLinks links = new SubscriptionLinks(
				new LinkProperties(URI.create("https://example.org/policy&pulse/"), "a-secret-of-sixteen-chars-or-more",
						Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)),
				Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

		assertThat(LinkPages.confirmSubscription(SUBSCRIPTION, links.confirmUrl("abc.def"))).contains(
				"<form method=\"post\" action=\"https://example.org/policy&amp;pulse/api/v1/subscriptions/confirm?token=abc.def\">");
		assertThat(LinkPages.confirmUnsubscribe(SUBSCRIPTION, links.unsubscribeUrl("abc.def"))).contains(
				"<form method=\"post\" action=\"https://example.org/policy&amp;pulse/api/v1/subscriptions/unsubscribe?token=abc.def\">");
	}

}
