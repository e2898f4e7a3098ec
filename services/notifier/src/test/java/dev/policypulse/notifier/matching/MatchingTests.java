package dev.policypulse.notifier.matching;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.notifier.subscription.Preferences;
import dev.policypulse.notifier.subscription.Subscription;
import dev.policypulse.notifier.subscription.SubscriptionStatus;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What matches what. Every case runs through both the index and the plain scan, which
 * must agree.
 */
class MatchingTests {

	private static final PolicyItemClassified PK_ACTS_WITH_AE = classified(
			item("item-0001", "story-0001", "Pakistan and the UAE sign a crypto accord", "..."),
			List.of(tag("PK", Role.ACTOR), tag("AE", Role.COUNTERPARTY), tag("IN", Role.MENTIONED)),
			"international_cooperation", "licensing");

	@Test
	void matchesFollowedActor() {
		assertThat(match(following("PK"), PK_ACTS_WITH_AE)).hasValueSatisfying((match) -> {
			assertThat(match.jurisdictions()).containsExactly(new JurisdictionMatch("PK", "PK", Role.ACTOR));
			assertThat(match.topics()).isEmpty();
			assertThat(match.keywords()).isEmpty();
		});
	}

	@Test
	void matchesFollowedCounterparty() {
		assertThat(match(following("AE"), PK_ACTS_WITH_AE))
			.hasValueSatisfying((match) -> assertThat(match.jurisdictions())
				.containsExactly(new JurisdictionMatch("AE", "AE", Role.COUNTERPARTY)));
	}

	@Test
	void ignoresJurisdictionThatIsOnlyMentioned() {
		assertThat(match(following("IN"), PK_ACTS_WITH_AE)).isEmpty();
	}

	@Test
	void ignoresUnrelatedJurisdiction() {
		assertThat(match(following("JP"), PK_ACTS_WITH_AE)).isEmpty();
	}

	@Test
	void countryCoversItsSubdivisionsButNotTheOtherWayRound() {
		PolicyItemClassified texas = classified(item("item-0002", "story-0002", "Texas licenses miners", ""),
				List.of(tag("US-TX", Role.ACTOR)), "mining_energy");
		PolicyItemClassified federal = classified(item("item-0003", "story-0003", "Federal rule", ""),
				List.of(tag("US", Role.ACTOR)), "legislation");

		assertThat(match(following("US"), texas)).hasValueSatisfying((match) -> assertThat(match.jurisdictions())
			.containsExactly(new JurisdictionMatch("US", "US-TX", Role.ACTOR)));
		assertThat(match(following("US-TX"), texas)).isPresent();
		assertThat(match(following("US-TX"), federal)).isEmpty();
		assertThat(match(following("US-CA"), texas)).isEmpty();
		assertThat(match(following("UA"), texas)).isEmpty();
	}

	@Test
	void prefersTheMostSpecificFollowedCode() {
		PolicyItemClassified texas = classified(item("item-0002", "story-0002", "Texas licenses miners", ""),
				List.of(tag("US-TX", Role.ACTOR)), "mining_energy");

		assertThat(match(following("US", "US-TX"), texas))
			.hasValueSatisfying((match) -> assertThat(match.jurisdictions())
				.containsExactly(new JurisdictionMatch("US-TX", "US-TX", Role.ACTOR)));
	}

	@Test
	void europeanUnionCoversOnlyItselfUnlessMemberStatesAreIncluded() {
		PolicyItemClassified union = classified(item("item-0004", "story-0004", "MiCA update", ""),
				List.of(tag("EU", Role.ACTOR)), "stablecoin");
		PolicyItemClassified france = classified(item("item-0005", "story-0005", "France licenses a bank", ""),
				List.of(tag("FR", Role.ACTOR)), "licensing");
		PolicyItemClassified bavaria = classified(item("item-0006", "story-0006", "Bavaria acts", ""),
				List.of(tag("DE-BY", Role.ACTOR)), "licensing");
		PolicyItemClassified switzerland = classified(item("item-0007", "story-0007", "Switzerland acts", ""),
				List.of(tag("CH", Role.ACTOR)), "licensing");
		Preferences unionOnly = Preferences.of(List.of("EU"), List.of());
		Preferences withMembers = unionOnly.withEuMemberStates(true);

		assertThat(match(subscription(unionOnly), union)).isPresent();
		assertThat(match(subscription(unionOnly), france)).isEmpty();
		assertThat(match(following("ES"), union)).isEmpty();
		assertThat(match(subscription(withMembers), union)).isPresent();
		assertThat(match(subscription(withMembers), france))
			.hasValueSatisfying((match) -> assertThat(match.jurisdictions())
				.containsExactly(new JurisdictionMatch("EU", "FR", Role.ACTOR)));
		assertThat(match(subscription(withMembers), bavaria)).isPresent();
		assertThat(match(subscription(withMembers), switzerland)).isEmpty();
		// the option alone follows nothing
		assertThat(match(subscription(Preferences.of(List.of("JP"), List.of()).withEuMemberStates(true)), france))
			.isEmpty();
	}

	@Test
	void memberStatesOfTheUnionStillNeedToActOrBeACounterparty() {
		PolicyItemClassified franceMentioned = classified(item("item-0008", "story-0008", "Japan acts", ""),
				List.of(tag("JP", Role.ACTOR), tag("FR", Role.MENTIONED)), "licensing");

		assertThat(
				match(subscription(Preferences.of(List.of("EU"), List.of()).withEuMemberStates(true)), franceMentioned))
			.isEmpty();
	}

	@Test
	void requiresFollowedTopicsToIntersect() {
		assertThat(
				match(subscription(Preferences.of(List.of("PK"), List.of("taxation", "licensing"))), PK_ACTS_WITH_AE))
			.hasValueSatisfying((match) -> assertThat(match.topics()).containsExactly("licensing"));
		assertThat(match(subscription(Preferences.of(List.of("PK"), List.of("taxation"))), PK_ACTS_WITH_AE)).isEmpty();
	}

	@Test
	void topicOnlySubscriptionMatchesAnyJurisdiction() {
		assertThat(
				match(subscription(Preferences.of(List.of(), List.of("international_cooperation"))), PK_ACTS_WITH_AE))
			.hasValueSatisfying((match) -> {
				assertThat(match.jurisdictions()).isEmpty();
				assertThat(match.topics()).containsExactly("international_cooperation");
			});
	}

	@Test
	void ignoresItemsBelowTheSeverityThreshold() {
		Preferences highOrMore = Preferences.of(List.of("PK"), List.of()).withMinSeverity(Severity.HIGH);

		assertThat(match(subscription(highOrMore), withSeverity(PK_ACTS_WITH_AE, Severity.MEDIUM))).isEmpty();
		assertThat(match(subscription(highOrMore), withSeverity(PK_ACTS_WITH_AE, Severity.HIGH))).isPresent();
		assertThat(match(subscription(highOrMore), withSeverity(PK_ACTS_WITH_AE, Severity.CRITICAL))).isPresent();
		assertThat(match(following("PK"), withSeverity(PK_ACTS_WITH_AE, Severity.LOW))).isPresent();
	}

	/**
	 * Items that are no policy move have no actor and no topic, so only keywords can
	 * bring them to a subscriber who asks for them.
	 */
	@Test
	void ignoresItemsThatAreNoPolicyMoveUnlessAskedFor() {
		PolicyItemClassified marketNews = new PolicyItemClassified(
				item("item-0009", "story-0009", "Bitcoin rallies in Karachi trading", "Prices rose."),
				List.of(tag("PK", Role.MENTIONED)), null, List.of(), false, Severity.LOW, "rules-test", Instant.EPOCH);
		Preferences karachi = Preferences.of(List.of(), List.of()).withKeywords(List.of("Karachi"));

		assertThat(match(subscription(karachi), marketNews)).isEmpty();
		assertThat(match(subscription(karachi.withPolicyMovesOnly(false)), marketNews))
			.hasValueSatisfying((match) -> assertThat(match.keywords()).containsExactly("Karachi"));
		assertThat(match(subscription(Preferences.of(List.of("PK"), List.of()).withPolicyMovesOnly(false)), marketNews))
			.as("mentioned only")
			.isEmpty();
	}

	@Test
	void keywordsMatchWholeWordsAndPhrasesInAnyCase() {
		PolicyItemClassified item = classified(
				item("item-0010", "story-0010", "EU stablecoin   BILL advances",
						"Issuers of e-money tokens under MiCA's regime must hold reserves."),
				List.of(tag("EU", Role.ACTOR)), "stablecoin");

		assertThat(match(withKeywords("stablecoin bill"), item))
			.hasValueSatisfying((match) -> assertThat(match.keywords()).containsExactly("stablecoin bill"));
		assertThat(match(withKeywords("MiCA"), item)).isPresent();
		assertThat(match(withKeywords("mica"), item)).isPresent();
		assertThat(match(withKeywords("money"), item)).isPresent();
		assertThat(match(withKeywords("e-money tokens"), item)).isPresent();
		assertThat(match(withKeywords("stablecoins"), item)).isEmpty();
		assertThat(match(withKeywords("reserve"), item)).isEmpty();
		assertThat(match(withKeywords("issuer"), item)).isEmpty();
		assertThat(match(withKeywords("bill advances issuers"), item)).as("no phrase across title and body").isEmpty();
		assertThat(match(withKeywords("ban", "token"), item)).isEmpty();
		assertThat(match(withKeywords("ban", "reserves", "MiCA"), item))
			.hasValueSatisfying((match) -> assertThat(match.keywords()).containsExactly("reserves", "MiCA"));
	}

	@Test
	void keywordsComeOnTopOfTheOtherRules() {
		PolicyItemClassified item = classified(item("item-0011", "story-0011", "Japan taxes crypto gains", ""),
				List.of(tag("JP", Role.ACTOR)), "taxation");

		assertThat(match(subscription(Preferences.of(List.of("PK"), List.of()).withKeywords(List.of("crypto"))), item))
			.isEmpty();
		assertThat(
				match(subscription(Preferences.of(List.of(), List.of()).withKeywords(List.of("crypto gains"))), item))
			.isPresent();
	}

	@Test
	void onlyConfirmedUnpausedSubscriptionsMatch() {
		Subscription pending = new Subscription(UUID.randomUUID(), "reader@example.org",
				Preferences.of(List.of("PK"), List.of()), SubscriptionStatus.PENDING, Instant.EPOCH);
		Subscription paused = subscription(Preferences.of(List.of("PK"), List.of()).withPaused(true));
		Subscription cancelled = new Subscription(UUID.randomUUID(), "reader@example.org",
				Preferences.of(List.of("PK"), List.of()), SubscriptionStatus.UNSUBSCRIBED, Instant.EPOCH);

		assertThat(match(pending, PK_ACTS_WITH_AE)).isEmpty();
		assertThat(match(paused, PK_ACTS_WITH_AE)).isEmpty();
		assertThat(match(cancelled, PK_ACTS_WITH_AE)).isEmpty();
	}

	@Test
	void listsActorsBeforeCounterparties() {
		PolicyItemClassified item = classified(item("item-0012", "story-0012", "Accord", ""),
				List.of(tag("AE", Role.COUNTERPARTY), tag("PK", Role.ACTOR)), "international_cooperation");

		assertThat(match(following("AE", "PK"), item))
			.hasValueSatisfying((match) -> assertThat(match.jurisdictions()).extracting(JurisdictionMatch::tagged)
				.containsExactly("PK", "AE"));
	}

	@Test
	void reportsMatchesOldestSubscriptionFirst() {
		Subscription newer = new Subscription(UUID.fromString("00000000-0000-0000-0000-000000000001"), "a@example.org",
				Preferences.of(List.of("PK"), List.of()), SubscriptionStatus.CONFIRMED,
				Instant.parse("2026-05-02T00:00:00Z"));
		Subscription older = new Subscription(UUID.fromString("00000000-0000-0000-0000-000000000002"), "b@example.org",
				Preferences.of(List.of("AE"), List.of()), SubscriptionStatus.CONFIRMED,
				Instant.parse("2026-05-01T00:00:00Z"));
		List<Subscription> both = List.of(newer, older);

		assertThat(SubscriptionIndex.of(both).match(PK_ACTS_WITH_AE)).extracting(Match::subscription)
			.containsExactly(older, newer);
		assertThat(LinearScan.match(both, PK_ACTS_WITH_AE)).extracting(Match::subscription)
			.containsExactly(older, newer);
	}

	/** The match of one subscription, after checking that index and scan agree on it. */
	private static Optional<Match> match(Subscription subscription, PolicyItemClassified item) {
		List<Match> indexed = SubscriptionIndex.of(List.of(subscription)).match(item);
		List<Match> scanned = LinearScan.match(List.of(subscription), item);
		assertThat(indexed).as("index and scan agree").isEqualTo(scanned);
		return indexed.stream().findFirst();
	}

	private static Subscription following(String... jurisdictions) {
		return subscription(Preferences.of(List.of(jurisdictions), List.of()));
	}

	private static Subscription withKeywords(String... keywords) {
		return subscription(Preferences.of(List.of("EU"), List.of()).withKeywords(List.of(keywords)));
	}

	private static Subscription subscription(Preferences preferences) {
		return new Subscription(UUID.randomUUID(), "reader@example.org", preferences, SubscriptionStatus.CONFIRMED,
				Instant.parse("2026-05-01T00:00:00Z"));
	}

	private static PolicyItemClassified withSeverity(PolicyItemClassified item, Severity severity) {
		List<JurisdictionTag> tags = item.jurisdictions();
		return new PolicyItemClassified(item.item(), tags, item.primaryJurisdiction(), item.topics(), item.policyMove(),
				severity, item.classifierVersion(), item.classifiedAt());
	}

}
