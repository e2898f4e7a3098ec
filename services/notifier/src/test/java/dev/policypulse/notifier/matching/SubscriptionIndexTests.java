package dev.policypulse.notifier.matching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.Evidence;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicCodes;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.notifier.subscription.Preferences;
import dev.policypulse.notifier.subscription.Subscription;
import dev.policypulse.notifier.subscription.SubscriptionStatus;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionIndexTests {

	private static final PolicyItemClassified PAKISTAN = classified(
			item("item-0001", "story-0001", "Pakistan licenses its first crypto exchange", "The regulator acted."),
			List.of(tag("PK", Role.ACTOR)), "licensing");

	@Test
	void followsChangesToSubscriptions() {
		Subscription subscription = confirmed(Preferences.of(List.of("PK"), List.of()));
		SubscriptionIndex index = SubscriptionIndex.of(List.of());
		assertThat(index.match(PAKISTAN)).isEmpty();

		index.put(subscription);
		assertThat(index.match(PAKISTAN)).extracting(Match::subscription).containsExactly(subscription);
		assertThat(index.size()).isOne();

		Subscription movedToJapan = withPreferences(subscription, Preferences.of(List.of("JP"), List.of()));
		index.put(movedToJapan);
		assertThat(index.match(PAKISTAN)).isEmpty();
		assertThat(index.size()).isOne();

		Subscription back = withPreferences(subscription, Preferences.of(List.of("PK"), List.of()));
		index.put(back);
		assertThat(index.match(PAKISTAN)).extracting(Match::subscription).containsExactly(back);

		index.put(withPreferences(back, back.preferences().withPaused(true)));
		assertThat(index.match(PAKISTAN)).isEmpty();
		assertThat(index.size()).isZero();

		index.put(back);
		index.remove(back.id());
		assertThat(index.match(PAKISTAN)).isEmpty();
		assertThat(index.size()).isZero();
	}

	@Test
	void findsKeywordsAddedAndForgetsThoseRemoved() {
		Subscription exchange = confirmed(
				Preferences.of(List.of(), List.of()).withKeywords(List.of("crypto exchange")));
		Subscription regulator = confirmed(Preferences.of(List.of(), List.of()).withKeywords(List.of("Regulator")));
		SubscriptionIndex index = SubscriptionIndex.of(List.of(exchange));

		index.put(regulator);
		assertThat(index.match(PAKISTAN)).extracting(Match::subscription)
			.containsExactlyInAnyOrder(exchange, regulator);

		index.remove(exchange.id());
		assertThat(index.match(PAKISTAN)).extracting(Match::subscription).containsExactly(regulator);

		index.put(withPreferences(regulator, regulator.preferences().withKeywords(List.of("central bank"))));
		assertThat(index.match(PAKISTAN)).isEmpty();
	}

	/**
	 * Random subscriptions and items, with far more overlap than real ones, and the
	 * index's answer to each item compared with the plain scan's, matches and reasons.
	 */
	@Test
	void answersExactlyWhatThePlainScanAnswers() {
		Random random = new Random(20260504L);
		List<Subscription> subscriptions = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			subscriptions.add(randomSubscription(random, i));
		}
		SubscriptionIndex index = SubscriptionIndex.of(subscriptions);
		int matched = 0;
		for (int i = 0; i < 300; i++) {
			PolicyItemClassified item = randomItem(random, i);
			List<Match> expected = LinearScan.match(subscriptions, item);
			assertThat(index.match(item)).as("item %s", item).isEqualTo(expected);
			matched += expected.size();
		}
		// the comparison means little unless there is plenty to match
		assertThat(matched).isGreaterThan(3000);

		// and again after changing a third of them one by one
		for (int i = 0; i < subscriptions.size(); i += 3) {
			Subscription changed = randomSubscription(random, i);
			Subscription replaced = withPreferences(subscriptions.get(i), changed.preferences());
			subscriptions.set(i, replaced);
			index.put(replaced);
		}
		for (int i = 0; i < 100; i++) {
			PolicyItemClassified item = randomItem(random, 1000 + i);
			assertThat(index.match(item)).as("item %s", item).isEqualTo(LinearScan.match(subscriptions, item));
		}
	}

	/**
	 * Past 63 topic codes, further codes share one bit set and are checked one by one;
	 * the taxonomy is far from that, but codes are an open vocabulary.
	 */
	@Test
	void topicCodesBeyondThoseWithSetsOfTheirOwnStillMatchExactly() {
		List<String> codes = new ArrayList<>(TopicCodes.all());
		for (int i = 0; codes.size() < 80; i++) {
			codes.add("made_up_topic_" + i);
		}
		Random random = new Random(99);
		List<Subscription> subscriptions = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			subscriptions.add(confirmed(Preferences.of(List.of(), pick(random, codes, 1 + random.nextInt(2)))));
		}
		SubscriptionIndex index = SubscriptionIndex.of(subscriptions);
		for (int i = 0; i < 200; i++) {
			List<TopicTag> topics = pick(random, codes, 1 + random.nextInt(2)).stream()
				.map((code) -> new TopicTag(code, 0.8, List.of()))
				.toList();
			PolicyItemClassified item = new PolicyItemClassified(PAKISTAN.item(), PAKISTAN.jurisdictions(), "PK",
					topics, true, Severity.HIGH, "rules-test", Instant.EPOCH);
			assertThat(index.match(item)).as("topics %s", topics).isEqualTo(LinearScan.match(subscriptions, item));
		}
	}

	private static final List<String> CODES = List.of("US", "US-TX", "US-NY", "EU", "FR", "DE", "DE-BY", "PK", "AE",
			"JP", "GB", "CH", "SV", "IN", "CN", "CN-HK");

	private static final List<String> WORDS = List.of("exchange", "stablecoin", "central bank", "bitcoin", "tax",
			"MiCA", "licence", "ban", "reserve", "mining");

	private static Subscription randomSubscription(Random random, int n) {
		List<String> jurisdictions = random.nextInt(5) == 0 ? List.of() : pick(random, CODES, 1 + random.nextInt(3));
		List<String> topics = random.nextBoolean() ? List.of()
				: pick(random, List.copyOf(TopicCodes.all()), 1 + random.nextInt(3));
		List<String> keywords = random.nextInt(4) == 0 ? pick(random, WORDS, 1 + random.nextInt(2)) : List.of();
		if (jurisdictions.isEmpty() && topics.isEmpty() && keywords.isEmpty()) {
			jurisdictions = List.of("US");
		}
		Preferences preferences = new Preferences(jurisdictions, random.nextBoolean(), topics,
				Severity.values()[random.nextInt(4)], random.nextInt(4) != 0, keywords, Subscription.IMMEDIATE,
				Preferences.DEFAULT_TIMEZONE, 8, false, random.nextInt(10) == 0);
		SubscriptionStatus status = random.nextInt(10) == 0 ? SubscriptionStatus.PENDING : SubscriptionStatus.CONFIRMED;
		return new Subscription(new UUID(0, n), "reader" + n + "@example.org", preferences, status,
				Instant.EPOCH.plusSeconds(random.nextInt(1000)));
	}

	private static PolicyItemClassified randomItem(Random random, int n) {
		List<JurisdictionTag> tags = new ArrayList<>();
		for (String code : pick(random, CODES, random.nextInt(4))) {
			tags.add(new JurisdictionTag(code, Role.values()[random.nextInt(3)], 0.9,
					List.of(new Evidence("title", 0, 1, "x"))));
		}
		List<TopicTag> topics = pick(random, List.copyOf(TopicCodes.all()), random.nextInt(3)).stream()
			.map((code) -> new TopicTag(code, 0.8, List.of()))
			.toList();
		String title = String.join(" ", pick(random, WORDS, 2)) + " news";
		String body = "Officials said " + String.join(", ", pick(random, WORDS, 3)) + " matter.";
		String primary = tags.stream()
			.filter((tag) -> tag.role() == Role.ACTOR)
			.findFirst()
			.map(JurisdictionTag::code)
			.orElse(null);
		String id = "item-" + String.format("%06d", n);
		return new PolicyItemClassified(
				new PolicyItemIngested(id, id, "test", "https://example.org/" + id, title, body, "en", Instant.EPOCH,
						Instant.EPOCH),
				tags, primary, topics, random.nextInt(5) != 0, Severity.values()[random.nextInt(4)], "rules-test",
				Instant.EPOCH);
	}

	private static <T> List<T> pick(Random random, List<T> from, int count) {
		List<T> shuffled = new ArrayList<>(from);
		Collections.shuffle(shuffled, random);
		return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
	}

	private static Subscription confirmed(Preferences preferences) {
		return new Subscription(UUID.randomUUID(), "reader@example.org", preferences, SubscriptionStatus.CONFIRMED,
				Instant.EPOCH);
	}

	private static Subscription withPreferences(Subscription subscription, Preferences preferences) {
		return new Subscription(subscription.id(), subscription.email(), preferences, subscription.status(),
				subscription.createdAt());
	}

}
