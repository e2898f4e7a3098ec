package dev.policypulse.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka conventions every PolicyPulse service shares: the pipeline's topics, the
 * dead-letter topics of those that services consume, and one error handler that retries a
 * failing record a bounded number of times and then publishes it, unchanged, to
 * {@code <topic>-dlt} on the same partition, so the source partition keeps moving. A
 * record that failed because a dependency is down (see {@link Outages}) is retried until
 * the dependency is back instead.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaProperties.class)
@EnableConfigurationProperties({ KafkaTopicsProperties.class, KafkaDeadLetterProperties.class })
public class KafkaSupportAutoConfiguration {

	@Bean
	KafkaAdmin.NewTopics policyPulseTopics(KafkaTopicsProperties properties) {
		return new KafkaAdmin.NewTopics(topic(Topics.INGESTED, properties),
				topic(Topics.deadLetter(Topics.INGESTED), properties), topic(Topics.CLASSIFIED, properties),
				topic(Topics.deadLetter(Topics.CLASSIFIED), properties), topic(Topics.DISPATCHED, properties));
	}

	private static org.apache.kafka.clients.admin.NewTopic topic(String name, KafkaTopicsProperties properties) {
		return TopicBuilder.name(name)
			.partitions(properties.partitions())
			.replicas(properties.replicationFactor())
			.build();
	}

	@Bean
	DeadLetterProducer deadLetterProducer(KafkaProperties kafkaProperties, JsonMapper jsonMapper) {
		return new DeadLetterProducer(kafkaProperties, jsonMapper);
	}

	@Bean
	DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(DeadLetterProducer deadLetterProducer,
			ObjectProvider<MeterRegistry> meterRegistry, Environment environment) {
		return new CountingDeadLetterRecoverer(deadLetterProducer.template(),
				meterRegistry.getIfAvailable(SimpleMeterRegistry::new),
				environment.getProperty("spring.application.name", "service"));
	}

	/**
	 * Used by listener containers without transactions. Services whose listeners run in
	 * Kafka transactions get none, so that failures are handled once, after the rollback.
	 */
	@Bean
	@Conditional(TransactionalProducerCondition.NotTransactional.class)
	DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer recoverer,
			KafkaDeadLetterProperties properties) {
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(properties));
		handler.addNotRetryableExceptions(IllegalArgumentException.class);
		handler.setBackOffFunction((record, ex) -> Outages.isOutage(ex) ? outageBackOff(properties) : null);
		return handler;
	}

	/**
	 * Used by listener containers that run in Kafka transactions: after the rollback, the
	 * record is retried the same way, then dead-lettered and its offset committed in a
	 * new transaction.
	 */
	@Bean
	@Conditional(TransactionalProducerCondition.class)
	DefaultAfterRollbackProcessor<Object, Object> kafkaAfterRollbackProcessor(DeadLetterPublishingRecoverer recoverer,
			KafkaDeadLetterProperties properties, KafkaOperations<?, ?> kafkaTemplate) {
		DefaultAfterRollbackProcessor<Object, Object> processor = new DefaultAfterRollbackProcessor<>(recoverer,
				backOff(properties), kafkaTemplate, true);
		processor.addNotRetryableExceptions(IllegalArgumentException.class);
		processor.setBackOffFunction((record, ex) -> Outages.isOutage(ex) ? outageBackOff(properties) : null);
		return processor;
	}

	/**
	 * Retries without limit while a dependency is down; the partition waits, nothing is
	 * lost.
	 */
	private static BackOff outageBackOff(KafkaDeadLetterProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.initialBackOff().toMillis(), 2.0);
		backOff.setMaxInterval(properties.outageMaxBackOff().toMillis());
		return backOff;
	}

	private static BackOff backOff(KafkaDeadLetterProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.initialBackOff().toMillis(), 2.0);
		backOff.setMaxAttempts(properties.retries());
		return backOff;
	}

}
