package dev.policypulse.classifier;

import java.time.Clock;

import dev.policypulse.classifier.engine.ClassificationEngine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/** The engine and clock that the HTTP API and the Kafka listener share. */
@Configuration(proxyBeanMethods = false)
class ClassifierConfiguration {

	@Bean
	ClassificationEngine classificationEngine() {
		return ClassificationEngine.create();
	}

	/**
	 * Boot's transaction manager, but with transaction synchronization, so that metrics
	 * count verdicts and dead letters once their transaction commits, not the attempts
	 * that were rolled back.
	 */
	@Bean
	KafkaTransactionManager<?, ?> kafkaTransactionManager(ProducerFactory<?, ?> producerFactory) {
		KafkaTransactionManager<?, ?> manager = new KafkaTransactionManager<>(producerFactory);
		manager.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_ALWAYS);
		return manager;
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
