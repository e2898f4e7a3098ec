package dev.policypulse.support;

import java.util.Collection;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaSupportAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, KafkaAutoConfiguration.class,
				KafkaSupportAutoConfiguration.class))
		// no broker here: check the beans, do not let KafkaAdmin try to create the topics
		.withPropertyValues("spring.kafka.admin.auto-create=false");

	@Test
	void providesOneErrorHandlerAndLeavesTheServiceItsOwnTemplate() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DefaultErrorHandler.class);
			assertThat(context).hasSingleBean(KafkaTemplate.class);
			assertThat(context).doesNotHaveBean(DefaultAfterRollbackProcessor.class);
			assertThat(context).hasSingleBean(KafkaAdmin.NewTopics.class);
		});
	}

	@Test
	void transactionalServicesAlsoGetAnAfterRollbackProcessor() {
		this.runner.withPropertyValues("spring.kafka.producer.transaction-id-prefix=test-").run((context) -> {
			assertThat(context).hasSingleBean(DefaultAfterRollbackProcessor.class);
			// handled once, after the rollback, not also by an error handler inside the
			// transaction
			assertThat(context).doesNotHaveBean(DefaultErrorHandler.class);
		});
	}

	@Test
	void anEmptyTransactionIdPrefixMeansNoTransactions() {
		this.runner.withPropertyValues("spring.kafka.producer.transaction-id-prefix=").run((context) -> {
			assertThat(context).hasSingleBean(DefaultErrorHandler.class);
			assertThat(context).doesNotHaveBean(DefaultAfterRollbackProcessor.class);
		});
	}

	@Test
	void createsEveryTopicAndTheDeadLetterTopicsOfConsumedOnesAlike() {
		this.runner.withPropertyValues("policypulse.kafka.topics.partitions=6").run((context) -> {
			Collection<NewTopic> topics = ReflectionTestUtils.invokeMethod(context.getBean(KafkaAdmin.NewTopics.class),
					"getNewTopics");
			assertThat(topics).extracting("name")
				.containsExactlyInAnyOrder("policy.items.ingested.v1", "policy.items.ingested.v1-dlt",
						"policy.items.classified.v1", "policy.items.classified.v1-dlt", "policy.alerts.dispatched.v1");
			assertThat(topics).allSatisfy((topic) -> assertThat(topic.numPartitions()).isEqualTo(6));
		});
	}

	@Test
	void refusesInvalidSettings() {
		this.runner.withPropertyValues("policypulse.kafka.topics.partitions=0")
			.run((context) -> assertThat(context).hasFailed());
	}

}
