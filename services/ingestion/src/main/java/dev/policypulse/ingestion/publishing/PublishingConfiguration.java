package dev.policypulse.ingestion.publishing;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.policypulse.contracts.Topics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Creates the memory of published ids, seeded from the ingested topic while the
 * application context starts. Everything that publishes depends on it, so neither the
 * webhook nor the feed poller starts, and the service does not report ready, before
 * seeding ended.
 */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PublishingConfiguration.class);

	@Bean
	SeenIds seenIds(PublishingProperties properties, ConsumerFactory<?, ?> consumerFactory) {
		SeenIds seenIds = new SeenIds(properties.seenIdsCapacity());
		if (properties.seedTimeout().isZero()) {
			logger.info("Not reading published item ids back from {}: seed-timeout is 0", Topics.INGESTED);
			return seenIds;
		}
		long started = System.nanoTime();
		List<String> published = RecentlyPublishedIds.read(consumerFactory.getConfigurationProperties(),
				Topics.INGESTED, properties.seenIdsCapacity(), properties.seedTimeout());
		seenIds.rememberPublished(published);
		logger.info("Remembered {} published item ids from the newest records of {} in {} ms", seenIds.size(),
				Topics.INGESTED, (System.nanoTime() - started) / 1_000_000);
		return seenIds;
	}

}
