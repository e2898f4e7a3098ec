package dev.policypulse.classifier;

import dev.policypulse.classifier.batch.ClassifyBatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Classifies ingested policy items and publishes the verdicts. With
 * {@code classify-batch} as the first argument it classifies JSON lines from standard
 * input instead, without starting Spring (see {@link ClassifyBatch}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClassifierApplication {

	public static void main(String[] args) {
		if (ClassifyBatch.isRequested(args)) {
			System.exit(ClassifyBatch.run(args));
		}
		SpringApplication.run(ClassifierApplication.class, args);
	}

}
