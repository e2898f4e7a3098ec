package dev.policypulse.ingestion;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Pulls the configured RSS/Atom feeds and accepts items pushed over HTTP, normalises and
 * deduplicates them, and publishes each new item once to the ingested-items topic.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestionApplication {

	public static void main(String[] args) {
		SpringApplication.run(IngestionApplication.class, args);
	}

}
