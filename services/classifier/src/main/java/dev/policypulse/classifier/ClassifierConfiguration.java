package dev.policypulse.classifier;

import java.time.Clock;

import dev.policypulse.classifier.engine.ClassificationEngine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine and clock that the HTTP API and the Kafka listener share. */
@Configuration(proxyBeanMethods = false)
class ClassifierConfiguration {

	@Bean
	ClassificationEngine classificationEngine() {
		return ClassificationEngine.create();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
