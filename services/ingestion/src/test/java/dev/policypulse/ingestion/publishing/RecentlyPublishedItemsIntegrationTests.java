package dev.policypulse.ingestion.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedKafka(partitions = 2, topics = RecentlyPublishedItemsIntegrationTests.TOPIC,
		brokerProperties = "auto.create.topics.enable=true")
class RecentlyPublishedItemsIntegrationTests {

	static final String TOPIC = "recent-items";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void readsAnEqualShareOfTheNewestKeyedRecordsOfEachPartitionOldestFirst(EmbeddedKafkaBroker broker)
			throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker),
				new StringSerializer(), new StringSerializer())) {
			send(producer, 0, 1_000, "left-1");
			send(producer, 1, 2_000, "right-1");
			send(producer, 0, 3_000, "left-2");
			send(producer, 0, 4_000, "left-3");
			send(producer, 1, 5_000, null);
			send(producer, 0, 6_000, "left-4");
			send(producer, 1, 7_000, "right-2");
		}
		// Three per partition: the unkeyed record takes one of the right partition's
		// places.
		List<RecentlyPublishedItems.Published> six = RecentlyPublishedItems.read(consumerConfig(broker), TOPIC, 6,
				TIMEOUT);
		assertThat(six).extracting(RecentlyPublishedItems.Published::key)
			.containsExactly("right-1", "left-2", "left-3", "left-4", "right-2");
		assertThat(six).extracting(RecentlyPublishedItems.Published::timestamp)
			.containsExactly(2_000L, 3_000L, 4_000L, 6_000L, 7_000L);
		assertThat(new String(six.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"right-1\"}");
		assertThat(RecentlyPublishedItems.read(consumerConfig(broker), TOPIC, 2, TIMEOUT))
			.extracting(RecentlyPublishedItems.Published::key)
			.containsExactly("left-4", "right-2");
	}

	@Test
	void readsNothingFromATopicThatDoesNotExistWithoutCreatingIt(EmbeddedKafkaBroker broker) throws Exception {
		assertThat(RecentlyPublishedItems.read(consumerConfig(broker), "not-created-yet", 10, TIMEOUT)).isEmpty();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			assertThat(admin.listTopics().names().get()).contains(TOPIC).doesNotContain("not-created-yet");
		}
	}

	@Test
	void givesUpAtTheTimeoutWhenTheBrokerIsUnreachable() {
		assertThat(RecentlyPublishedItems.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), TOPIC,
				10, Duration.ofSeconds(1)))
			.isEmpty();
	}

	private static void send(KafkaProducer<String, String> producer, int partition, long timestamp, String key)
			throws Exception {
		producer.send(new ProducerRecord<>(TOPIC, partition, timestamp, key, "{\"id\":\"" + key + "\"}")).get();
	}

	/** A consumer configuration with a group and deserializers, which must be ignored. */
	private static Map<String, Object> consumerConfig(EmbeddedKafkaBroker broker) {
		return KafkaTestUtils.consumerProps(broker, "some-group", true);
	}

}
