package dev.policypulse.notifier.delivery;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Config.class);

	@Test
	void backOffDoublesUpToTheCap() {
		DispatchProperties properties = new DispatchProperties(null, null, Duration.ofSeconds(10),
				Duration.ofMinutes(1), null, null, null, null, null);

		assertThat(properties.backOff(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.backOff(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(properties.backOff(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(properties.backOff(4)).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.backOff(500)).isEqualTo(Duration.ofMinutes(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "interval=0s", "initial-back-off=0s", "max-back-off=-1s", "lease=0s",
			"shutdown-grace-period=0s" })
	void rejectsDurationsThatAreNotPositive(String setting) {
		this.contextRunner.withPropertyValues("policypulse.notifier.dispatch." + setting)
			.run((context) -> assertThat(context).hasFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "lease-margin=2m", "lease-margin=5m", "max-attempts=0", "parallelism=0" })
	void rejectsAMarginThatLeavesNoTimeToSendAndZeroAttemptsOrSenders(String setting) {
		this.contextRunner.withPropertyValues("policypulse.notifier.dispatch." + setting)
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void defaultsAreValid() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			DispatchProperties dispatch = context.getBean(DispatchProperties.class);
			assertThat(dispatch.lease()).isEqualTo(Duration.ofMinutes(2));
			assertThat(dispatch.leaseMargin()).isEqualTo(Duration.ofSeconds(30));
			assertThat(dispatch.maxAttempts()).isEqualTo(20);
			assertThat(dispatch.parallelism()).isEqualTo(4);
			SmtpResilienceProperties smtp = context.getBean(SmtpResilienceProperties.class);
			assertThat(smtp.rateLimit()).isEqualTo(500);
			assertThat(smtp.circuitBreaker().openDuration()).isEqualTo(Duration.ofSeconds(30));
			assertThat(smtp.retry().maxAttempts()).isEqualTo(3);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "rate-limit=0", "circuit-breaker.failure-rate-threshold=101",
			"circuit-breaker.minimum-calls=30", "circuit-breaker.open-duration=0s", "retry.max-attempts=0",
			"retry.back-off=0s" })
	void rejectsResilienceSettingsThatCannotWork(String setting) {
		this.contextRunner.withPropertyValues("policypulse.notifier.dispatch.smtp." + setting)
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void messageIdIsStablePerSubscriptionStoryAndKind() {
		UUID id = UUID.randomUUID();

		assertThat(Outbox.messageId(id, "story-1", Outbox.ALERT))
			.isEqualTo(Outbox.messageId(id, "story-1", Outbox.ALERT))
			.matches("<[0-9a-f]{32}@policypulse>")
			.isNotEqualTo(Outbox.messageId(id, "story-2", Outbox.ALERT));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ DispatchProperties.class, SmtpResilienceProperties.class })
	static class Config {

	}

}
