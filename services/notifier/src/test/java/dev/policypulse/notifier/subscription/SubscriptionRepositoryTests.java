package dev.policypulse.notifier.subscription;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.Severity;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionRepositoryTests {

	@Test
	void rulesKeyIgnoresOrderAndRepeats() {
		assertThat(key(Preferences.of(List.of("US-TX", "EU", "PK", "EU"), List.of("licensing", "ban"))))
			.isEqualTo("immediate|EU,PK,US-TX|ban,licensing")
			.isEqualTo(key(Preferences.of(List.of("PK", "US-TX", "EU"), List.of("ban", "licensing"))));
		assertThat(key(Preferences.of(List.of(), List.of("licensing")))).isEqualTo("immediate||licensing");
	}

	/**
	 * Subscriptions stored before the other choices existed have their defaults and keys
	 * computed by the database the old way; the keys must stay the same.
	 */
	@Test
	void rulesKeyOfDefaultChoicesIsTheKeyOfEarlierVersions() {
		assertThat(key(Preferences.of(List.of("PK"), List.of()))).isEqualTo("immediate|PK|");
		assertThat(key(Preferences.of(List.of("PK"), List.of()).withPaused(true))).as("pausing is no rule")
			.isEqualTo("immediate|PK|");
	}

	@Test
	void rulesKeyTellsApartEveryOtherChoice() {
		Preferences base = Preferences.of(List.of("EU"), List.of());

		assertThat(List.of(key(base), key(base.withEuMemberStates(true)), key(base.withMinSeverity(Severity.HIGH)),
				key(base.withPolicyMovesOnly(false)), key(base.withKeywords(List.of("MiCA"))),
				key(base.withDelivery(Subscription.DAILY, ZoneId.of("UTC"), 8)),
				key(base.withDelivery(Subscription.DAILY, ZoneId.of("Europe/Berlin"), 8)),
				key(base.withDelivery(Subscription.DAILY, ZoneId.of("Europe/Berlin"), 9)),
				key(base.withDelivery(Subscription.WEEKLY, ZoneId.of("Europe/Berlin"), 9))))
			.doesNotHaveDuplicates();
	}

	@Test
	void rulesKeyComparesKeywordsInAnyCaseAndOrder() {
		Preferences base = Preferences.of(List.of("EU"), List.of());

		assertThat(key(base.withKeywords(List.of("MiCA", "stablecoin  bill"))))
			.isEqualTo(key(base.withKeywords(List.of("Stablecoin Bill", "mica"))));
	}

	@Test
	void rulesKeyIgnoresChoicesThatChangeNothing() {
		assertThat(key(Preferences.of(List.of("PK"), List.of()).withEuMemberStates(true)))
			.as("member states without the EU")
			.isEqualTo("immediate|PK|");
		assertThat(key(Preferences.of(List.of("PK"), List.of())
			.withDelivery(Subscription.IMMEDIATE, ZoneId.of("Asia/Karachi"), 6))).as("digest time of immediate alerts")
			.isEqualTo("immediate|PK|");
	}

	private static String key(Preferences preferences) {
		return SubscriptionRepository.rulesKey(preferences);
	}

}
