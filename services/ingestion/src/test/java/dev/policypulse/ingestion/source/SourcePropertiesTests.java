package dev.policypulse.ingestion.source;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SourcePropertiesTests {

	private static final String SOURCE = "policypulse.ingestion.sources[0].";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Configured.class);

	@Test
	void definesFeedsPolledEveryFiveMinutesByDefault() {
		this.runner.withPropertyValues(SOURCE + "id=sec.press_releases-1", SOURCE + "url=https://www.sec.gov/feed")
			.run((context) -> {
				SourceProperties properties = context.getBean(SourceProperties.class);
				assertThat(properties.sources()).singleElement()
					.extracting(SourceProperties.Definition::toSource)
					.isEqualTo(new Source("sec.press_releases-1", SourceType.FEED,
							URI.create("https://www.sec.gov/feed"), null, Duration.ofMinutes(5), false, false));
				assertThat(properties.publicSources().enabled()).isFalse();
			});
	}

	@Test
	void definesPagesWithTheirItemSelector() {
		this.runner
			.withPropertyValues(SOURCE + "id=fatf", SOURCE + "type=page",
					SOURCE + "url=https://www.fatf-gafi.org/en/publications.html",
					SOURCE + "item-selector=  .result a[href] ", SOURCE + "poll-interval=1h", SOURCE + "paused=true")
			.run((context) -> assertThat(context.getBean(SourceProperties.class).sources().get(0).toSource()).isEqualTo(
					new Source("fatf", SourceType.PAGE, URI.create("https://www.fatf-gafi.org/en/publications.html"),
							".result a[href]", Duration.ofHours(1), true, false)));
	}

	@Test
	void refusesIdsThatCannotNameASource() {
		for (String id : new String[] { "Upper", "-leading-dash", "with space", "a".repeat(65), "" }) {
			assertFailure("sources[0].id", SOURCE + "id=" + id, SOURCE + "url=https://regulator.example/rss");
		}
	}

	@Test
	void refusesTheSameIdTwice() {
		assertFailure("source ids must be unique", SOURCE + "id=twice", SOURCE + "url=https://a.example/rss",
				"policypulse.ingestion.sources[1].id=twice",
				"policypulse.ingestion.sources[1].url=https://b.example/rss");
	}

	@Test
	void refusesPagesWithoutASelectorAndFeedsWithOne() {
		assertFailure("is required for page sources", SOURCE + "id=page", SOURCE + "type=page",
				SOURCE + "url=https://a.example/");
		assertFailure("is only used by page sources", SOURCE + "id=feed", SOURCE + "url=https://a.example/rss",
				SOURCE + "item-selector=a");
		assertFailure("not a valid CSS selector", SOURCE + "id=page", SOURCE + "type=page",
				SOURCE + "url=https://a.example/", SOURCE + "item-selector=a[href");
	}

	@Test
	void refusesPrivateTargetsWithTheReasonUnlessAllowed() {
		assertFailure("sources[0].url", SOURCE + "id=internal", SOURCE + "url=http://127.0.0.1:8080/feed.xml");
		assertFailure("169.254.169.254", SOURCE + "id=metadata", SOURCE + "url=http://169.254.169.254/latest/");
		this.runner
			.withPropertyValues(SOURCE + "id=internal", SOURCE + "url=http://127.0.0.1:8080/feed.xml",
					SOURCE + "allow-private-network=true")
			.run((context) -> assertThat(context.getBean(SourceProperties.class).sources().get(0).allowPrivateNetwork())
				.isTrue());
	}

	@Test
	void refusesSchemesOtherThanHttpEvenOnAPrivateNetwork() {
		assertFailure("only http and https", SOURCE + "id=local-file", SOURCE + "url=file:///etc/passwd",
				SOURCE + "allow-private-network=true");
		assertFailure("only http and https", SOURCE + "id=gopher", SOURCE + "url=gopher://127.0.0.1:70/",
				SOURCE + "allow-private-network=true");
	}

	@Test
	void refusesPollIntervalsThatAreNotPositive() {
		assertFailure("must be positive", SOURCE + "id=never", SOURCE + "url=https://a.example/rss",
				SOURCE + "poll-interval=0s");
	}

	@Test
	void refusesPollIntervalsLongerThanThirtyDays() {
		assertFailure("must be at most 30d", SOURCE + "id=rarely", SOURCE + "url=https://a.example/rss",
				SOURCE + "poll-interval=PT9223372036854775807S");
	}

	private void assertFailure(String expected, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages).as("failure of %s", String.join(", ", properties)).contains(expected);
		});
	}

	@EnableConfigurationProperties(SourceProperties.class)
	static class Configured {

	}

}
