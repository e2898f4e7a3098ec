package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.ingestion.MutableClock;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Publishing against a real broker and the service's embedded PostgreSQL, with a clock
 * the tests set.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"policypulse.kafka.topics.partitions=1" })
@EmbeddedKafka(partitions = 1)
class PublishingIntegrationTests {

	private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

	private static KafkaConsumer<String, String> consumer;

	private static final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	@Autowired
	private ItemPublisher publisher;

	@Autowired
	private MutableClock clock;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void startTheClock() {
		this.clock.set(START);
	}

	@AfterAll
	static void closeConsumer() {
		if (consumer != null) {
			consumer.close();
			consumer = null;
		}
		records.clear();
	}

	@Test
	void publishesTheSameTextUnderAnotherAddressOnce() {
		Publication original = this.publisher.publish(item("wire", "https://wire.example.org/treasury-consultation",
				"Treasury opens consultation on crypto reporting",
				"<p>Firms have until the end of June to comment on the draft reporting rules for brokers.</p>", START));
		Publication copy = this.publisher.publish(item("aggregator", "https://aggregator.example.net/item/8812",
				"TREASURY OPENS CONSULTATION ON CRYPTO REPORTING",
				"Firms have until the end of June to comment on the draft reporting rules for brokers!", START));
		assertThat(original.outcome()).isEqualTo(Publication.Outcome.PUBLISHED);
		assertThat(copy.outcome()).isEqualTo(Publication.Outcome.DUPLICATE);
		assertThat(copy.id()).isEqualTo(original.id());
		String copyId = ItemIds.of("aggregator", null, "https://aggregator.example.net/item/8812");
		assertThat(
				this.jdbc.queryForObject("SELECT published_id FROM seen_items WHERE item_id = ?", String.class, copyId))
			.isEqualTo(original.id());
		assertThat(this.publisher
			.publish(item("aggregator", "https://aggregator.example.net/item/8812", "Again",
					"Whatever the text now, this address was seen.", START))
			.id()).isEqualTo(original.id());
		assertThat(recordsWithKey(original.id())).hasSize(1);
		assertThat(recordsWithKey(copyId)).isEmpty();
		assertThat(count(ItemPublisher.DUPLICATES_METRIC, "aggregator", "match", "content")).isEqualTo(1);
		assertThat(count(ItemPublisher.DUPLICATES_METRIC, "aggregator", "match", "id")).isEqualTo(1);
	}

	@Test
	void givesReportsOfOneEventFromTwoOutletsTheSameStory() {
		Publication first = this.publisher.publish(item("outlet-a", "https://desk-one.example.org/coinvale",
				"Nigeria detains two executives of exchange Coinvale",
				"Nigerian authorities detained two senior Coinvale employees who flew to Abuja for talks, accusing"
						+ " the exchange of currency manipulation and tax evasion.",
				START));
		Publication second = this.publisher.publish(item("outlet-b", "https://desk-two.example.com/news/77",
				"Coinvale staff held in Abuja as Nigeria escalates crackdown",
				"Two executives of the crypto exchange are in custody after meetings with the government, accused"
						+ " of currency manipulation.",
				START.plus(Duration.ofHours(3))));
		Publication other = this.publisher.publish(item("outlet-b", "https://desk-two.example.com/news/78",
				"Nigeria sets capital rules for digital asset exchanges",
				"Exchanges must hold 500 million naira and keep client funds apart.", START));
		assertThat(event(first.id()).storyId()).isEqualTo(first.id());
		assertThat(event(second.id()).storyId()).isEqualTo(first.id());
		assertThat(event(other.id()).storyId()).isEqualTo(other.id());
		assertThat(count(ItemPublisher.STORIES_METRIC, "outlet-b", "outcome", "same_story")).isEqualTo(1);
		assertThat(count(ItemPublisher.STORIES_METRIC, "outlet-b", "outcome", "new_story")).isEqualTo(1);
		assertThat(this.meterRegistry.find(ItemPublisher.PUBLISH_METRIC).tag("source", "outlet-b").timer())
			.as("publication latency of outlet-b's two new items")
			.satisfies((timer) -> assertThat(timer.count()).isEqualTo(2));
		assertThat(this.jdbc.queryForObject("SELECT story_id FROM story_items WHERE item_id = ?", String.class,
				second.id()))
			.isEqualTo(first.id());
	}

	@Test
	void startsANewStoryOnceTheFirstReportLeftTheWindow() {
		Publication first = this.publisher.publish(item("desk-one", "https://desk-one.example.org/texas-reserve",
				"Texas governor signs bitcoin reserve bill",
				"Texas will create a state strategic bitcoin reserve managed by the comptroller.", START));
		this.clock.advance(Duration.ofDays(8));
		Publication late = this.publisher.publish(
				item("desk-two", "https://desk-two.example.com/texas-reserve", "Texas sets up state bitcoin reserve",
						"The comptroller will manage the new Texas reserve.", START.plus(Duration.ofDays(8))));
		assertThat(event(first.id()).storyId()).isEqualTo(first.id());
		assertThat(event(late.id()).storyId()).isEqualTo(late.id());
	}

	@Test
	void flagsAPublicationTimeThatIngestionHadToEstimate() {
		Publication undated = this.publisher.publish(item("desk-one", "https://desk-one.example.org/undated",
				"Ministry names digital asset advisers", "Five advisers will help draft token rules.", null));
		Publication dated = this.publisher
			.publish(item("desk-one", "https://desk-one.example.org/dated", "Ministry publishes token rule timetable",
					"The rules take effect next spring.", START.minus(Duration.ofHours(1))));
		PolicyItemIngested estimated = event(undated.id());
		assertThat(estimated.publishedAtEstimated()).isTrue();
		assertThat(estimated.publishedAt()).isEqualTo(estimated.ingestedAt()).isEqualTo(START);
		assertThat(recordsWithKey(undated.id()).get(0).value()).contains("\"publishedAtEstimated\":true");
		assertThat(event(dated.id()).publishedAtEstimated()).isFalse();
		assertThat(event(dated.id()).publishedAt()).isEqualTo(START.minus(Duration.ofHours(1)));
	}

	@Test
	void publishesAnItemFromLongBeforeTheWindowAsAStoryOfItsOwn() {
		Instant lastYear = START.minus(Duration.ofDays(400));
		Publication old = this.publisher.publish(item("archive", "https://archive.example.org/2025/staking-tax",
				"Tax office clarifies treatment of staking rewards",
				"Rewards are income when received, says the new guidance note from the tax office.", lastYear));
		assertThat(old.outcome()).isEqualTo(Publication.Outcome.PUBLISHED);
		assertThat(event(old.id()).storyId()).isEqualTo(old.id());
		assertThat(event(old.id()).publishedAt()).isEqualTo(lastYear);
	}

	@Test
	void leavesAnItemUnseenWhenTheBrokerDoesNotAcknowledgeIt() {
		ItemPublisher withoutBroker = new ItemPublisher(unreachableBroker(),
				new PublishingProperties(null, null, Duration.ofSeconds(5), null), this.meterRegistry,
				this.context.getBean(ItemNormaliser.class), this.context.getBean(SeenIds.class),
				this.context.getBean(SeenItemStore.class), this.context.getBean(Stories.class),
				this.context.getBeanProvider(Clock.class));
		IncomingItem item = item("fragile", "https://fragile.example.org/mining-power",
				"Pakistan allocates 2,000 megawatts for bitcoin mining",
				"Surplus electricity goes to crypto mining and data centres, the council said.", START);
		String id = ItemIds.of("fragile", null, "https://fragile.example.org/mining-power");
		assertThatExceptionOfType(PublicationFailedException.class).isThrownBy(() -> withoutBroker.publish(item))
			.satisfies((ex) -> assertThat(ex.itemId()).isEqualTo(id));
		assertThat(this.context.getBean(SeenIds.class).isSeen(id)).isFalse();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM seen_items WHERE item_id = ?", Integer.class, id))
			.isZero();
		assertThat(count(ItemPublisher.ITEMS_METRIC, "fragile", "outcome", "failed")).isEqualTo(1);

		// The failed item is no story anyone can join; the item itself goes through
		// later.
		Publication reworded = this.publisher.publish(item("steady", "https://steady.example.org/pakistan-power",
				"Pakistan to use 2,000 megawatts of surplus power for bitcoin mining",
				"Officials set aside the electricity for miners and data centres.", START));
		assertThat(event(reworded.id()).storyId()).isEqualTo(reworded.id());
		Publication retried = this.publisher.publish(item);
		assertThat(retried.outcome()).isEqualTo(Publication.Outcome.PUBLISHED);
		assertThat(retried.id()).isEqualTo(id);
		assertThat(event(id).storyId()).isEqualTo(reworded.id());
		assertThat(recordsWithKey(id)).hasSize(1);
	}

	private static IncomingItem item(String source, String url, String title, String html, Instant publishedAt) {
		return new IncomingItem(source, source, null, url, null, title, html, null, publishedAt, null);
	}

	private static KafkaTemplate<String, PolicyItemIngested> unreachableBroker() {
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				"127.0.0.1:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JacksonJsonSerializer.class)));
	}

	private double count(String metric, String source, String tag, String value) {
		Counter counter = this.meterRegistry.find(metric).tag("source", source).tag(tag, value).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private PolicyItemIngested event(String id) {
		List<ConsumerRecord<String, String>> found = recordsWithKey(id);
		assertThat(found).as("records of item " + id).hasSize(1);
		return this.jsonMapper.readValue(found.get(0).value(), PolicyItemIngested.class);
	}

	/**
	 * The records with a key, reading the topic up to its current end: publications
	 * return only once acknowledged, so every record of a returned call is there.
	 */
	private List<ConsumerRecord<String, String>> recordsWithKey(String key) {
		synchronized (records) {
			TopicPartition partition = new TopicPartition(Topics.INGESTED, 0);
			if (consumer == null) {
				consumer = new KafkaConsumer<>(KafkaTestUtils.consumerProps(this.broker, "publishing-test", false),
						new StringDeserializer(), new StringDeserializer());
				consumer.assign(List.of(partition));
				consumer.seekToBeginning(List.of(partition));
			}
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records.stream().filter((record) -> key.equals(record.key())).toList();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(START);
		}

	}

}
