package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Topics;
import dev.policypulse.ingestion.publishing.ItemNormaliser.NormalisedItem;
import dev.policypulse.ingestion.publishing.Publication.Outcome;
import dev.policypulse.ingestion.publishing.SeenItemStore.Known;
import dev.policypulse.support.EventRecords;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * The one way items leave ingestion: normalises an incoming item, derives its id (see
 * {@link ItemIds}), and publishes it to {@link Topics#INGESTED} unless it was published
 * before, with the id of its story.
 * <p>
 * An item was published before if an item with the same id was (the same canonical URL,
 * or the same GUID of the same feed), or an item with the same text under another address
 * (see {@link ContentHash}); a repeat is answered with the id of the record that carries
 * it. The published items are remembered in PostgreSQL, with a bounded cache in memory in
 * front ({@link SeenIds}), and only after the broker acknowledged the record: a failed
 * send, or a crash before the acknowledgement, leaves the item free to be published on
 * the next attempt. A crash between the acknowledgement and the database write publishes
 * the item again when it is next seen, so delivery is at least once and consumers must
 * tolerate a repeated item id.
 * <p>
 * Reports of the same event from different outlets share a {@code storyId}: the id of the
 * first item of the story (see {@link StoryIndex}).
 */
@Service
public class ItemPublisher {

	static final String EVENT_SOURCE = "/policypulse/ingestion";

	/**
	 * Items received, tagged by origin and by outcome: published, duplicate, invalid or
	 * failed.
	 */
	static final String ITEMS_METRIC = "policypulse.ingestion.items";

	/**
	 * Publication latency of new items: broker acknowledgement plus the database record.
	 */
	static final String PUBLISH_METRIC = "policypulse.ingestion.publish.duration";

	/** Duplicates, tagged by origin and by what matched: the id or the text. */
	static final String DUPLICATES_METRIC = "policypulse.ingestion.duplicates";

	/**
	 * Published items, tagged by origin and by whether they started a story or joined
	 * one.
	 */
	static final String STORIES_METRIC = "policypulse.ingestion.stories";

	private static final Logger logger = LoggerFactory.getLogger(ItemPublisher.class);

	private final KafkaTemplate<String, PolicyItemIngested> kafkaTemplate;

	private final PublishingProperties properties;

	private final MeterRegistry meterRegistry;

	private final ItemNormaliser normaliser;

	private final SeenIds seenIds;

	private final SeenItemStore store;

	private final Stories stories;

	/**
	 * How long the same text under another address counts as a duplicate in the database:
	 * long enough for every outlet's copy of a release, short enough that a source
	 * repeating a stock text is heard again.
	 */
	static final Duration TEXT_MEMORY = Duration.ofDays(30);

	private final Clock clock;

	ItemPublisher(KafkaTemplate<String, PolicyItemIngested> kafkaTemplate, PublishingProperties properties,
			MeterRegistry meterRegistry, ItemNormaliser normaliser, SeenIds seenIds, SeenItemStore store,
			Stories stories, ObjectProvider<Clock> clock) {
		this.kafkaTemplate = kafkaTemplate;
		this.properties = properties;
		this.meterRegistry = meterRegistry;
		this.normaliser = normaliser;
		this.seenIds = seenIds;
		this.store = store;
		this.stories = stories;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Publishes {@code item} unless it was published before.
	 * @param item the item
	 * @return the id of the record that carries it and whether this call published it
	 * @throws IllegalArgumentException if the item is invalid: no usable link or GUID to
	 * identify it by, no address to publish, or no title; the message says which, without
	 * repeating the item
	 * @throws PublicationFailedException if the broker did not acknowledge it in time, or
	 * the published items could not be looked up; it may be retried
	 */
	public Publication publish(IncomingItem item) {
		String url;
		String id;
		try {
			String link = canonicalLink(item.url(), item.guid());
			id = ItemIds.of(item.origin(), item.guid(), link);
			url = (link != null) ? link : fallbackUrl(item.fallbackUrl());
		}
		catch (IllegalArgumentException ex) {
			count(item, "invalid");
			throw ex;
		}
		SeenIds.Claim claim = this.seenIds.claim(id);
		if (claim.state() != SeenIds.Claim.State.OWNED) {
			String publishedId = (claim.state() == SeenIds.Claim.State.SEEN) ? claim.publishedId()
					: awaitOtherPublisher(id, claim.pending());
			return duplicate(item, publishedId, "id");
		}
		Claims claims = new Claims(id);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		NormalisedItem normalised;
		try {
			normalised = this.normaliser.normalise(item, now);
		}
		catch (IllegalArgumentException ex) {
			claims.release(ex);
			count(item, "invalid");
			throw ex;
		}
		try {
			return publishClaimed(item, id, url, normalised, now, claims);
		}
		catch (PublicationFailedException ex) {
			claims.release(ex);
			count(item, "failed");
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			// The broker refused this record for good (too large): the item is invalid,
			// and a poller moves on to the next one.
			claims.release(ex);
			count(item, "invalid");
			throw ex;
		}
		catch (RuntimeException ex) {
			// Not the item's fault, so not invalid: it may go through on a later attempt.
			logger.error("Could not publish item {}", id, ex);
			claims.release(ex);
			count(item, "failed");
			throw new PublicationFailedException(id, "Could not publish item " + id, ex);
		}
	}

	private Publication publishClaimed(IncomingItem item, String id, String url, NormalisedItem normalised, Instant now,
			Claims claims) {
		String contentHash = ContentHash.of(normalised.title(), normalised.body());
		Optional<Known> known = lookUp(id, contentHash);
		if (known.isPresent() && known.get().byId()) {
			claims.confirm(known.get().publishedId());
			return duplicate(item, known.get().publishedId(), "id");
		}
		if (contentHash != null) {
			String original = claimContent(id, SeenIds.contentKey(contentHash), claims);
			if (original == null && known.isPresent()) {
				original = known.get().publishedId();
			}
			if (original != null) {
				rememberAlias(id, original, now);
				claims.confirm(original);
				return duplicate(item, original, "content");
			}
		}
		Stories.Clustered story = this.stories.assign(id, normalised.title(), normalised.body(),
				normalised.publishedAt());
		claims.assignedStory();
		PolicyItemIngested event = new PolicyItemIngested(id, story.assignment().storyId(), item.source(), url,
				normalised.title(), normalised.body(), normalised.language(), normalised.publishedAt(), now,
				normalised.publishedAtEstimated());
		long started = System.nanoTime();
		send(id, event);
		remember(new SeenItemStore.PublishedItem(id, contentHash, now, event.storyId(), event.publishedAt(),
				story.fingerprint(), story.signature()));
		Timer.builder(PUBLISH_METRIC)
			.description("Time from handing a new item to the broker until it is acknowledged and recorded")
			.tag("source", item.origin())
			.register(this.meterRegistry)
			.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		claims.confirm(id);
		count(item, "published");
		countStory(item, story.assignment().joinedExistingStory() ? "same_story" : "new_story");
		if (story.assignment().joinedExistingStory()) {
			logger.debug("Published item {} from {}: story {}, similarity {} to item {}", id, item.origin(),
					event.storyId(), story.assignment().similarity(), story.assignment().matchedItemId());
		}
		else {
			logger.debug("Published item {} from {}: new story", id, item.origin());
		}
		this.stories.pruneIfDue();
		return new Publication(id, Outcome.PUBLISHED);
	}

	/**
	 * Claims an item's text; the id of the record that already carries it, or
	 * {@code null} if the caller now owns it.
	 */
	private String claimContent(String id, String contentKey, Claims claims) {
		SeenIds.Claim claim = this.seenIds.claim(contentKey);
		return switch (claim.state()) {
			case SEEN -> claim.publishedId();
			case IN_FLIGHT -> awaitOtherPublisher(id, claim.pending());
			case OWNED -> {
				claims.own(contentKey);
				yield null;
			}
		};
	}

	private Optional<Known> lookUp(String id, String contentHash) {
		try {
			return this.store.find(id, contentHash, this.clock.instant().minus(TEXT_MEMORY));
		}
		catch (DataAccessException ex) {
			throw new PublicationFailedException(id, "Could not look item " + id + " up among the published items", ex);
		}
	}

	private void send(String id, PolicyItemIngested event) {
		try {
			this.kafkaTemplate
				.send(EventRecords.event(Topics.INGESTED, id, event, EventHeaders.TYPE_INGESTED, EVENT_SOURCE,
						event.ingestedAt()))
				.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublicationFailedException(id, "Interrupted while publishing item " + id, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RecordTooLargeException || ex.getCause() instanceof SerializationException) {
				throw new IllegalArgumentException("the broker refuses item " + id + ": " + ex.getCause().getMessage(),
						ex);
			}
			throw new PublicationFailedException(id, "The broker did not acknowledge item " + id, ex);
		}
		catch (TimeoutException ex) {
			throw new PublicationFailedException(id, "The broker did not acknowledge item " + id, ex);
		}
	}

	/**
	 * Records a published item. The record is on the topic already: if the database
	 * cannot take it, the item stays known in memory and would only be published again
	 * after a restart.
	 */
	private void remember(SeenItemStore.PublishedItem item) {
		try {
			this.store.recordPublished(item);
		}
		catch (DataAccessException ex) {
			logger.warn("Published item {} but could not record it: {}", item.itemId(), ex.getMessage());
		}
	}

	private void rememberAlias(String id, String publishedId, Instant now) {
		try {
			this.store.recordAlias(id, publishedId, now);
		}
		catch (DataAccessException ex) {
			logger.warn("Could not record item {} as a copy of item {}: {}", id, publishedId, ex.getMessage());
		}
	}

	private Publication duplicate(IncomingItem item, String publishedId, String match) {
		count(item, "duplicate");
		Counter.builder(DUPLICATES_METRIC)
			.description("Items not published because they were published before, by source and by what matched")
			.tag("source", item.origin())
			.tag("match", match)
			.register(this.meterRegistry)
			.increment();
		return new Publication(publishedId, Outcome.DUPLICATE);
	}

	/**
	 * The canonical form of an item's own link, or {@code null} if it has none that is an
	 * absolute http(s) URL and a GUID can identify it instead.
	 */
	private static String canonicalLink(String link, String guid) {
		if (link == null || link.isBlank()) {
			return null;
		}
		try {
			return CanonicalUrls.canonicalize(link);
		}
		catch (IllegalArgumentException ex) {
			if (guid == null || guid.isBlank()) {
				throw new IllegalArgumentException("unusable link and no GUID: " + ex.getMessage(), ex);
			}
			return null;
		}
	}

	private static String fallbackUrl(String fallback) {
		try {
			return CanonicalUrls.canonicalize(fallback);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("no http(s) link and no site address to publish instead", ex);
		}
	}

	private String awaitOtherPublisher(String id, CompletableFuture<String> pending) {
		try {
			return pending.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublicationFailedException(id, "Interrupted while waiting for item " + id, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new PublicationFailedException(id, "A concurrent publication of item " + id + " did not succeed", ex);
		}
	}

	private void count(IncomingItem item, String outcome) {
		Counter.builder(ITEMS_METRIC)
			.description("Items received, by source and outcome")
			.tag("source", item.origin())
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

	private void countStory(IncomingItem item, String outcome) {
		Counter.builder(STORIES_METRIC)
			.description("Published items, by source and by whether they started a story or joined one")
			.tag("source", item.origin())
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

	/**
	 * What one publication holds while it runs: the keys it claimed and its place in the
	 * story index, confirmed together on success and given up together on failure.
	 */
	private final class Claims {

		private final String id;

		private final List<String> keys = new ArrayList<>();

		private boolean inStoryIndex;

		Claims(String id) {
			this.id = id;
			this.keys.add(id);
		}

		void own(String key) {
			this.keys.add(key);
		}

		void assignedStory() {
			this.inStoryIndex = true;
		}

		void confirm(String publishedId) {
			for (String key : this.keys) {
				ItemPublisher.this.seenIds.confirm(key, publishedId);
			}
			this.keys.clear();
		}

		void release(Throwable cause) {
			if (this.inStoryIndex) {
				ItemPublisher.this.stories.forget(this.id);
			}
			for (String key : this.keys) {
				ItemPublisher.this.seenIds.release(key, cause);
			}
			this.keys.clear();
		}

	}

}
