package dev.policypulse.notifier.subscription;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LinkPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Config.class);

	@ParameterizedTest
	@ValueSource(strings = { "confirm-ttl=0s", "confirm-ttl=-1d", "unsubscribe-ttl=0s" })
	void rejectsLinksThatWouldNeverWork(String setting) {
		this.contextRunner.withPropertyValues("policypulse.notifier.links." + setting)
			.run((context) -> assertThat(context).hasFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "confirm-ttl=1h", "unsubscribe-ttl=30d" })
	void acceptsPositiveLifetimes(String setting) {
		this.contextRunner.withPropertyValues("policypulse.notifier.links." + setting)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LinkProperties.class)
	static class Config {

	}

}
