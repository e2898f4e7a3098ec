package dev.policypulse.notifier.delivery;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchPropertiesTests {

	@Test
	void backOffDoublesUpToTheCap() {
		DispatchProperties properties = new DispatchProperties(null, null, Duration.ofSeconds(10),
				Duration.ofMinutes(1));

		assertThat(properties.backOff(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.backOff(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(properties.backOff(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(properties.backOff(4)).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.backOff(500)).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void messageIdIsStablePerSubscriptionStoryAndKind() {
		UUID id = UUID.randomUUID();

		assertThat(Outbox.messageId(id, "story-1", Outbox.ALERT)).isEqualTo(Outbox.messageId(id, "story-1", Outbox.ALERT))
			.matches("<[0-9a-f]{32}@policypulse>")
			.isNotEqualTo(Outbox.messageId(id, "story-2", Outbox.ALERT));
	}

}
