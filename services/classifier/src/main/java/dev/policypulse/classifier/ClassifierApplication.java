package dev.policypulse.classifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Classifies ingested policy items and publishes the verdicts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClassifierApplication {

	public static void main(String[] args) {
		SpringApplication.run(ClassifierApplication.class, args);
	}

}
