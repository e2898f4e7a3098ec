package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Items refused before anything is looked up or sent; neither the database nor the broker
 * exists here, and neither is used.
 */
class ItemPublisherTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-06T10:00:00Z"), ZoneOffset.UTC);

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final SeenItemStore noDatabase = new SeenItemStore(new JdbcTemplate(), null);

	private final ItemPublisher publisher = new ItemPublisher(
			new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())),
			new PublishingProperties(null, null, null, null), this.meterRegistry,
			new ItemNormaliser(1_000, LanguageDetector.load(), Boilerplate.load()), new SeenIds(10), this.noDatabase,
			new Stories(StoryAnalyzer.load(), new StoryIndex(Duration.ofDays(7), 0.15, 100, CLOCK), this.noDatabase,
					Duration.ofDays(7), CLOCK),
			new StaticListableBeanFactory(Map.of("clock", CLOCK)).getBeanProvider(Clock.class));

	@Test
	void countsAnEntryWithNeitherLinkNorGuidAsInvalid() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.publisher.publish(entry(null, null, null, "Title")))
			.withMessageContaining("no http(s) link and no GUID");
		assertThat(invalid()).isEqualTo(1);
	}

	@Test
	void explainsAnUnusableLinkWithoutRepeatingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.publisher.publish(entry(null, "ftp://files.example.org/a", null, "Title")))
			.withMessageStartingWith("unusable link and no GUID")
			.withMessageNotContaining("files.example.org");
		assertThat(invalid()).isEqualTo(1);
	}

	@Test
	void countsAnEntryWithOnlyAGuidAndNoSiteToLinkToAsInvalid() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.publisher.publish(entry("bulletin-7", null, null, "Title")))
			.withMessageContaining("no site address");
		assertThat(invalid()).isEqualTo(1);
	}

	@Test
	void countsAnUntitledEntryAsInvalidAndDoesNotRememberIt() {
		IncomingItem untitled = entry(null, "https://desk.example.org/notes/1", null, "<b> </b>");
		assertThatIllegalArgumentException().isThrownBy(() -> this.publisher.publish(untitled))
			.withMessage("title must not be blank");
		assertThatIllegalArgumentException().as("refused again, not a duplicate")
			.isThrownBy(() -> this.publisher.publish(untitled));
		assertThat(invalid()).isEqualTo(2);
		assertThat(this.meterRegistry.find(ItemPublisher.ITEMS_METRIC).tag("outcome", "failed").counter()).isNull();
	}

	private double invalid() {
		Counter counter = this.meterRegistry.find(ItemPublisher.ITEMS_METRIC)
			.tag("source", "desk")
			.tag("outcome", "invalid")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static IncomingItem entry(String guid, String url, String fallbackUrl, String title) {
		return new IncomingItem("desk", "desk", guid, url, fallbackUrl, title, "<p>Text.</p>", null,
				Instant.parse("2025-02-06T10:00:00Z"), "en");
	}

}
