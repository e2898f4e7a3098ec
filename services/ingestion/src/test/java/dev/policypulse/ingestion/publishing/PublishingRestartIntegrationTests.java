package dev.policypulse.ingestion.publishing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Topics;
import dev.policypulse.ingestion.IngestionApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the service and starts it again against the same broker: with the same database,
 * and with an empty one. Either way what was published before is recognised, and new
 * reports still join the stories told before the restart.
 */
@EmbeddedKafka(partitions = 1)
class PublishingRestartIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startDatabase() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopDatabase() throws IOException {
		postgres.close();
	}

	@Test
	void remembersItemsAndStoriesInTheDatabaseAcrossARestart(EmbeddedKafkaBroker broker) {
		String databaseUrl = postgres.getJdbcUrl("postgres", "postgres");
		Publication first;
		try (ConfigurableApplicationContext before = start(broker, "--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres")) {
			first = publisher(before).publish(item("desk-one", "https://desk-one.example.org/vara-fines",
					"Dubai's VARA fines 19 firms for unlicensed crypto activity",
					"The Virtual Assets Regulatory Authority issued fines of up to 600,000 dirhams and ordered the"
							+ " companies to stop operating without a licence."));
		}
		try (ConfigurableApplicationContext after = start(broker, "--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				// nothing may be read back from the topic: the database knows
				"--policypulse.ingestion.publishing.seed-timeout=0")) {
			assertRecognised(publisher(after), first, "desk-one", "https://desk-one.example.org/vara-fines",
					"https://mirror.example.net/copies/5501",
					"Dubai's VARA fines 19 firms for unlicensed crypto activity",
					"The Virtual Assets Regulatory Authority issued fines of up to 600,000 dirhams and ordered the"
							+ " companies to stop operating without a licence.");
			Publication reworded = publisher(after).publish(item("desk-two", "https://desk-two.example.com/dubai",
					"Dubai regulator penalises 19 unlicensed crypto companies",
					"Nineteen firms must cease activity and pay fines of up to 600,000 dirhams, VARA said."));
			assertThat(event(broker, reworded.id()).storyId()).isEqualTo(first.id());
		}
		assertThat(records(broker, first.id())).hasSize(1);
	}

	@Test
	void learnsWhatWasPublishedFromTheTopicWhenTheDatabaseIsEmpty(EmbeddedKafkaBroker broker) {
		Publication first;
		// Without spring.datasource.url each start gets a new, empty database.
		try (ConfigurableApplicationContext before = start(broker)) {
			first = publisher(before).publish(item("desk-one", "https://desk-one.example.org/kenya-bill",
					"Kenya's parliament passes virtual asset service providers bill",
					"The bill requires crypto exchanges and wallet providers to be licensed by the Capital Markets"
							+ " Authority or the Central Bank of Kenya."));
		}
		try (ConfigurableApplicationContext after = start(broker)) {
			assertRecognised(publisher(after), first, "desk-one", "https://desk-one.example.org/kenya-bill",
					"https://mirror.example.net/copies/7310",
					"Kenya's parliament passes virtual asset service providers bill",
					"The bill requires crypto exchanges and wallet providers to be licensed by the Capital Markets"
							+ " Authority or the Central Bank of Kenya.");
			Publication reworded = publisher(after).publish(item("desk-two", "https://desk-two.example.com/kenya",
					"Kenya approves law to license crypto businesses",
					"Lawmakers passed legislation splitting supervision of virtual asset service providers between"
							+ " the central bank and the Capital Markets Authority."));
			assertThat(event(broker, reworded.id()).storyId()).isEqualTo(first.id());
		}
		assertThat(records(broker, first.id())).hasSize(1);
	}

	/** The item is a duplicate by its address, and by its text under another address. */
	private static void assertRecognised(ItemPublisher publisher, Publication first, String source, String url,
			String otherUrl, String title, String body) {
		Publication again = publisher.publish(item(source, url + "?utm_source=newsletter", title, body));
		assertThat(again.outcome()).isEqualTo(Publication.Outcome.DUPLICATE);
		assertThat(again.id()).isEqualTo(first.id());
		Publication copy = publisher.publish(item("mirror", otherUrl, title, body));
		assertThat(copy.outcome()).isEqualTo(Publication.Outcome.DUPLICATE);
		assertThat(copy.id()).isEqualTo(first.id());
	}

	private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String... arguments) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
						"--policypulse.kafka.topics.partitions=1"));
		args.addAll(List.of(arguments));
		return new SpringApplicationBuilder(IngestionApplication.class).run(args.toArray(String[]::new));
	}

	private static ItemPublisher publisher(ConfigurableApplicationContext context) {
		return context.getBean(ItemPublisher.class);
	}

	private static IncomingItem item(String source, String url, String title, String body) {
		return new IncomingItem(source, source, null, url, null, title, null, body,
				Instant.now().minus(Duration.ofHours(1)), "en");
	}

	private static PolicyItemIngested event(EmbeddedKafkaBroker broker, String id) {
		List<ConsumerRecord<String, String>> found = records(broker, id);
		assertThat(found).hasSize(1);
		return jsonMapper.readValue(found.get(0).value(), PolicyItemIngested.class);
	}

	/** The records with a key, reading the topic from its start to its current end. */
	private static List<ConsumerRecord<String, String>> records(EmbeddedKafkaBroker broker, String key) {
		Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "restart-test", false);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(Topics.INGESTED, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), WAIT).get(partition);
			List<ConsumerRecord<String, String>> found = new ArrayList<>();
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> found.add(record));
			}
			return found.stream().filter((record) -> key.equals(record.key())).toList();
		}
	}

}
