package dev.policypulse.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
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

	/**
	 * Dead letters of services without transactions, outside any transaction;
	 * transactional services write theirs with their own producer
	 * ({@link TransactionalDeadLetters}).
	 */
	@Bean
	@Conditional(TransactionalProducerCondition.NotTransactional.class)
	DeadLetterProducer deadLetterProducer(KafkaProperties kafkaProperties, JsonMapper jsonMapper) {
		return new DeadLetterProducer(kafkaProperties, jsonMapper);
	}

	@Bean
	@Conditional(TransactionalProducerCondition.NotTransactional.class)
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
	 * Used by listener containers that run in Kafka transactions. Such services consume
	 * in batches, one transaction per poll, and dead-letter a record they cannot process
	 * themselves, inside that transaction ({@link TransactionalDeadLetters}). A failure
	 * that escapes the listener is therefore not about one record (the broker or the
	 * transaction failed): the batch is rolled back and retried, with back-off, until it
	 * commits. It is never dead-lettered as a whole.
	 */
	@Bean
	@Conditional(TransactionalProducerCondition.class)
	DefaultAfterRollbackProcessor<Object, Object> kafkaAfterRollbackProcessor(KafkaDeadLetterProperties properties) {
		return new DefaultAfterRollbackProcessor<>(outageBackOff(properties));
	}

	@Bean
	@Conditional(TransactionalProducerCondition.class)
	TransactionalDeadLetters transactionalDeadLetters(KafkaOperations<?, ?> kafkaTemplate,
			ObjectProvider<MeterRegistry> meterRegistry, Environment environment) {
		return new TransactionalDeadLetters(
				new CountingDeadLetterRecoverer(kafkaTemplate, meterRegistry.getIfAvailable(SimpleMeterRegistry::new),
						environment.getProperty("spring.application.name", "service")));
	}

	/**
	 * The transactional producer writes dead letters too: a record that could not be
	 * deserialized goes back as the bytes it came as, everything else as JSON.
	 */
	@Bean
	@Conditional(TransactionalProducerCondition.class)
	DefaultKafkaProducerFactoryCustomizer rawBytesOrJsonValues(JsonMapper jsonMapper) {
		return (factory) -> {
			Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
			byType.put(byte[].class, new ByteArraySerializer());
			byType.put(Object.class, new JacksonJsonSerializer<>(jsonMapper).noTypeInfo());
			@SuppressWarnings("unchecked")
			DefaultKafkaProducerFactory<Object, Object> objects = (DefaultKafkaProducerFactory<Object, Object>) factory;
			// configured here in code, not by the spring.json.* settings (set first: the
			// factory decides when the serializer is set)
			objects.setConfigureSerializers(false);
			objects.setValueSerializer(new DelegatingByTypeSerializer(byType, true));
		};
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
