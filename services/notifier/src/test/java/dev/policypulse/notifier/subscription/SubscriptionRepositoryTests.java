package dev.policypulse.notifier.subscription;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionRepositoryTests {

	@Test
	void rulesKeyIgnoresOrderAndRepeats() {
		assertThat(SubscriptionRepository.rulesKey(List.of("US-TX", "EU", "PK", "EU"), List.of("licensing", "ban"),
				Subscription.IMMEDIATE))
			.isEqualTo("immediate|EU,PK,US-TX|ban,licensing")
			.isEqualTo(SubscriptionRepository.rulesKey(List.of("PK", "US-TX", "EU"), List.of("ban", "licensing"),
					Subscription.IMMEDIATE));
		assertThat(SubscriptionRepository.rulesKey(List.of(), List.of("licensing"), Subscription.IMMEDIATE))
			.isEqualTo("immediate||licensing");
	}

}
