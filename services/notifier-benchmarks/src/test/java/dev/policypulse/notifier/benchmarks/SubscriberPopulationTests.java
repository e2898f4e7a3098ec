package dev.policypulse.notifier.benchmarks;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.notifier.matching.LinearScan;
import dev.policypulse.notifier.matching.SubscriptionIndex;
import dev.policypulse.notifier.subscription.Subscription;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriberPopulationTests {

	private static final List<Subscription> SUBSCRIPTIONS = SubscriberPopulation.subscriptions(MatchingLatency.SEED,
			20_000);

	private static final List<PolicyItemClassified> ITEMS = SubscriberPopulation.items(MatchingLatency.SEED, 100);

	@Test
	void generatesTheSameSubscribersAndItemsForTheSameSeed() {
		assertThat(SubscriberPopulation.subscriptions(MatchingLatency.SEED, 500))
			.isEqualTo(SUBSCRIPTIONS.subList(0, 500))
			.isNotEqualTo(SubscriberPopulation.subscriptions(MatchingLatency.SEED + 1, 500));
		assertThat(SubscriberPopulation.items(MatchingLatency.SEED, 100)).isEqualTo(ITEMS);
	}

	@Test
	void spreadsSubscribersTheWayTheBenchmarkSays() {
		assertThat(SUBSCRIPTIONS)
			.allSatisfy((subscription) -> assertThat(subscription.jurisdictions()).hasSizeBetween(0, 5));
		assertThat(share((s) -> s.jurisdictions().size() >= 1 && s.jurisdictions().size() <= 5)).isGreaterThan(0.9);
		assertThat(share((s) -> !s.preferences().keywords().isEmpty())).isBetween(0.08, 0.12);
		assertThat(share((s) -> !s.topics().isEmpty())).isBetween(0.35, 0.55);
		assertThat(share((s) -> s.jurisdictions().contains("US"))).as("a heavy head").isBetween(0.2, 0.6);
		assertThat(share((s) -> s.jurisdictions().contains("ZW"))).as("a long tail").isLessThan(0.02);
	}

	@Test
	void policyMovesHaveAnActorAndEveryItemABodyOfNewsLength() {
		assertThat(ITEMS).allSatisfy((item) -> {
			assertThat(item.jurisdictions().get(0).role()).isEqualTo(item.policyMove() ? Role.ACTOR : Role.MENTIONED);
			assertThat(item.item().body().length()).isBetween(1400, 2100);
		});
		assertThat(ITEMS.stream().filter(PolicyItemClassified::policyMove).count()).isBetween(70L, 95L);
	}

	/** The benchmark compares like with like only if both answer the same. */
	@Test
	void indexAndPlainScanAgreeOnThePopulation() {
		SubscriptionIndex index = SubscriptionIndex.of(SUBSCRIPTIONS);
		long matched = 0;
		for (PolicyItemClassified item : ITEMS.subList(0, 40)) {
			List<?> expected = LinearScan.match(SUBSCRIPTIONS, item);
			assertThat(index.match(item)).isEqualTo(expected);
			matched += expected.size();
		}
		assertThat(matched).isPositive();
	}

	private static double share(Predicate<Subscription> test) {
		return (double) SUBSCRIPTIONS.stream().filter(test).count() / SUBSCRIPTIONS.size();
	}

}
