package dev.policypulse.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.email.MatchedRules.MatchedJurisdiction;
import dev.policypulse.notifier.subscription.Subscription;
import dev.policypulse.notifier.subscription.SubscriptionStatus;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;

class AlertMatcherTests {

	private static final PolicyItemClassified PK_ACTS_WITH_AE = classified(
			item("item-0001", "story-0001", "Pakistan and the UAE sign a crypto accord", "..."),
			List.of(tag("PK", Role.ACTOR), tag("AE", Role.COUNTERPARTY), tag("IN", Role.MENTIONED)),
			"international_cooperation", "licensing");

	@Test
	void matchesFollowedActor() {
		assertThat(AlertMatcher.match(subscription(List.of("PK"), List.of()), PK_ACTS_WITH_AE))
			.contains(new MatchedRules(List.of("PK"), List.of(),
					List.of(new MatchedJurisdiction("PK", "PK", Role.ACTOR)), List.of()));
	}

	@Test
	void matchesFollowedCounterparty() {
		assertThat(AlertMatcher.match(subscription(List.of("AE"), List.of()), PK_ACTS_WITH_AE)).isPresent();
	}

	@Test
	void ignoresJurisdictionThatIsOnlyMentioned() {
		assertThat(AlertMatcher.match(subscription(List.of("IN"), List.of()), PK_ACTS_WITH_AE)).isEmpty();
	}

	@Test
	void ignoresUnrelatedJurisdiction() {
		assertThat(AlertMatcher.match(subscription(List.of("JP"), List.of()), PK_ACTS_WITH_AE)).isEmpty();
	}

	@Test
	void countryCoversItsSubdivisionsButNotTheOtherWayRound() {
		PolicyItemClassified texas = classified(item("item-0002", "story-0002", "Texas licenses miners", ""),
				List.of(tag("US-TX", Role.ACTOR)), "mining_energy");
		PolicyItemClassified federal = classified(item("item-0003", "story-0003", "Federal rule", ""),
				List.of(tag("US", Role.ACTOR)), "legislation");

		assertThat(AlertMatcher.match(subscription(List.of("US"), List.of()), texas))
			.hasValueSatisfying((rules) -> assertThat(rules.jurisdictions())
				.containsExactly(new MatchedJurisdiction("US", "US-TX", Role.ACTOR)));
		assertThat(AlertMatcher.match(subscription(List.of("US-TX"), List.of()), federal)).isEmpty();
		assertThat(AlertMatcher.match(subscription(List.of("UA"), List.of()), texas)).isEmpty();
	}

	@Test
	void europeanUnionMatchesOnlyItself() {
		PolicyItemClassified eu = classified(item("item-0004", "story-0004", "MiCA update", ""),
				List.of(tag("EU", Role.ACTOR)), "stablecoin");

		assertThat(AlertMatcher.match(subscription(List.of("EU"), List.of()), eu)).isPresent();
		assertThat(AlertMatcher.match(subscription(List.of("ES"), List.of()), eu)).isEmpty();
	}

	@Test
	void requiresFollowedTopicsToIntersect() {
		assertThat(AlertMatcher.match(subscription(List.of("PK"), List.of("taxation", "licensing")), PK_ACTS_WITH_AE))
			.hasValueSatisfying((rules) -> assertThat(rules.topics()).containsExactly("licensing"));
		assertThat(AlertMatcher.match(subscription(List.of("PK"), List.of("taxation")), PK_ACTS_WITH_AE)).isEmpty();
	}

	@Test
	void topicOnlySubscriptionMatchesAnyJurisdiction() {
		assertThat(AlertMatcher.match(subscription(List.of(), List.of("international_cooperation")), PK_ACTS_WITH_AE))
			.hasValueSatisfying((rules) -> {
				assertThat(rules.jurisdictions()).isEmpty();
				assertThat(rules.topics()).containsExactly("international_cooperation");
			});
	}

	@Test
	void listsActorsBeforeCounterparties() {
		PolicyItemClassified item = classified(item("item-0005", "story-0005", "Accord", ""),
				List.of(tag("AE", Role.COUNTERPARTY), tag("PK", Role.ACTOR)), "international_cooperation");

		assertThat(AlertMatcher.match(subscription(List.of("AE", "PK"), List.of()), item))
			.hasValueSatisfying((rules) -> assertThat(rules.jurisdictions()).extracting(MatchedJurisdiction::tagged)
				.containsExactly("PK", "AE"));
	}

	private static Subscription subscription(List<String> jurisdictions, List<String> topics) {
		return new Subscription(UUID.randomUUID(), "reader@example.org", jurisdictions, topics, Subscription.IMMEDIATE,
				SubscriptionStatus.CONFIRMED, Instant.now());
	}

}
