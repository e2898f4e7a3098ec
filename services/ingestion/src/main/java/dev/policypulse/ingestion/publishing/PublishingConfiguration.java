package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Topics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Creates what publishing remembers, ready before the application context has started:
 * the cache of published ids, warmed from the database, and the story index, loaded with
 * the fingerprints of the story window. Everything that publishes depends on them, so
 * neither the webhook nor the feed poller starts, and the service does not report ready,
 * before they are.
 * <p>
 * When the database has never recorded an item (a new database, or the temporary one the
 * service starts without {@code spring.datasource.url}) while the ingested topic has
 * records, the newest records are read back first and recorded, so that a restart with a
 * fresh database still recognises what was published and still groups new reports with
 * recent stories.
 */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PublishingConfiguration.class);

	@Bean
	StoryAnalyzer storyAnalyzer() {
		return StoryAnalyzer.load();
	}

	@Bean
	ItemNormaliser itemNormaliser(PublishingProperties properties) {
		return new ItemNormaliser(properties.maxBodyLength(), LanguageDetector.load(), Boilerplate.load());
	}

	@Bean
	SeenIds seenIds(PublishingProperties properties, StoryProperties storyProperties, SeenItemStore store,
			StoryAnalyzer analyzer, ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper,
			ObjectProvider<Clock> clock) {
		if (store.isEmpty()) {
			importHistory(properties, storyProperties, store, analyzer, consumerFactory, jsonMapper,
					clock.getIfUnique(Clock::systemUTC).instant());
		}
		SeenIds seenIds = new SeenIds(properties.seenIdsCapacity());
		long started = System.nanoTime();
		for (SeenItemStore.Known known : store.newest(properties.seenIdsCapacity())) {
			seenIds.remember(known.itemId(), known.publishedId());
		}
		logger.info("Cached the {} most recently seen item ids in {} ms", seenIds.size(),
				(System.nanoTime() - started) / 1_000_000);
		return seenIds;
	}

	/**
	 * The story index. Depends on {@link SeenIds} only so that history is imported before
	 * the stored fingerprints are read.
	 */
	@Bean
	StoryIndex storyIndex(StoryProperties properties, SeenItemStore store, SeenIds seenIds,
			ObjectProvider<Clock> clockProvider) {
		Clock clock = clockProvider.getIfUnique(Clock::systemUTC);
		StoryIndex index = new StoryIndex(properties.window(), properties.similarityThreshold(), properties.maxItems(),
				clock);
		long started = System.nanoTime();
		Instant windowStart = clock.instant().minus(properties.window());
		store.deleteStoriesBefore(windowStart);
		for (SeenItemStore.StoredStory story : store.storiesSince(windowStart, properties.maxItems())) {
			int[] signature = (story.signature() != null) ? story.signature()
					: MinHash.signature(story.fingerprint().features());
			index.restore(story.itemId(), story.storyId(), story.fingerprint(), signature, story.publishedAt());
		}
		logger.info("Loaded {} story fingerprints of the last {} in {} ms", index.size(), properties.window(),
				(System.nanoTime() - started) / 1_000_000);
		return index;
	}

	@Bean
	Stories stories(StoryAnalyzer analyzer, StoryIndex index, SeenItemStore store, StoryProperties properties,
			ObjectProvider<Clock> clock) {
		return new Stories(analyzer, index, store, properties.window(), clock.getIfUnique(Clock::systemUTC));
	}

	/**
	 * Records the newest records of the ingested topic in the empty database: their ids
	 * and text fingerprints, and the story fingerprints of those in the story window.
	 */
	private static void importHistory(PublishingProperties properties, StoryProperties storyProperties,
			SeenItemStore store, StoryAnalyzer analyzer, ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper,
			Instant now) {
		if (properties.seedTimeout().isZero()) {
			logger.info("The database knows no published item; not reading them back from {}: seed-timeout is 0",
					Topics.INGESTED);
			return;
		}
		long started = System.nanoTime();
		List<RecentlyPublishedItems.Published> records = RecentlyPublishedItems.read(
				consumerFactory.getConfigurationProperties(), Topics.INGESTED, properties.seenIdsCapacity(),
				properties.seedTimeout());
		Instant windowStart = now.minus(storyProperties.window());
		List<SeenItemStore.PublishedItem> items = new ArrayList<>(records.size());
		int unreadable = 0;
		for (RecentlyPublishedItems.Published record : records) {
			Instant seenAt = Instant.ofEpochMilli(record.timestamp());
			PolicyItemIngested event = parse(jsonMapper, record.value());
			if (event == null || !event.id().equals(record.key())) {
				unreadable++;
				items
					.add(new SeenItemStore.PublishedItem(record.key(), null, seenAt, record.key(), seenAt, null, null));
				continue;
			}
			String contentHash = ContentHash.of(event.title(), event.body());
			StoryFingerprint fingerprint = null;
			int[] signature = null;
			if (!event.publishedAt().isBefore(windowStart)) {
				fingerprint = analyzer.analyse(event.title(), event.body());
				signature = MinHash.signature(fingerprint.features());
			}
			items.add(new SeenItemStore.PublishedItem(event.id(), contentHash, event.ingestedAt(), event.storyId(),
					event.publishedAt(), fingerprint, signature));
		}
		store.recordAll(items);
		logger.info(
				"The database knew no published item: recorded {} read back from the newest records of {}"
						+ " ({} without a readable item) in {} ms",
				items.size(), Topics.INGESTED, unreadable, (System.nanoTime() - started) / 1_000_000);
	}

	private static PolicyItemIngested parse(JsonMapper jsonMapper, byte[] value) {
		if (value == null) {
			return null;
		}
		try {
			return jsonMapper.readValue(value, PolicyItemIngested.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
