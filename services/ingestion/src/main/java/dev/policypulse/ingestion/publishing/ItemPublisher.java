package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Topics;
import dev.policypulse.ingestion.publishing.Publication.Outcome;
import dev.policypulse.support.EventRecords;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * The one way items leave ingestion: normalises an incoming item, derives its id (see
 * {@link ItemIds}), and publishes it to {@link Topics#INGESTED} unless an item with that
 * id was published before. An id is remembered only after the broker acknowledged the
 * record, so a failed send can be retried.
 * <p>
 * Delivery is at least once: the published ids are remembered in memory (see
 * {@link SeenIds}) and read back from the topic's newest records at start-up, so a
 * restart forgets only ids older than that window, or what start-up could not read back;
 * an item seen again after that is published again with the same id. Consumers must
 * tolerate a repeated item id; the notifier never alerts a subscriber twice for the same
 * story.
 */
@Service
public class ItemPublisher {

	static final String EVENT_SOURCE = "/policypulse/ingestion";

	/**
	 * Items received, tagged by origin and by outcome: published, duplicate, invalid or
	 * failed.
	 */
	static final String ITEMS_METRIC = "policypulse.ingestion.items";

	private static final Logger logger = LoggerFactory.getLogger(ItemPublisher.class);

	private final KafkaTemplate<String, PolicyItemIngested> kafkaTemplate;

	private final PublishingProperties properties;

	private final MeterRegistry meterRegistry;

	private final SeenIds seenIds;

	private final Clock clock;

	ItemPublisher(KafkaTemplate<String, PolicyItemIngested> kafkaTemplate, PublishingProperties properties,
			MeterRegistry meterRegistry, SeenIds seenIds) {
		this.kafkaTemplate = kafkaTemplate;
		this.properties = properties;
		this.meterRegistry = meterRegistry;
		this.seenIds = seenIds;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Publishes {@code item} unless it was published before.
	 * @param item the item
	 * @return its id and whether this call published it
	 * @throws IllegalArgumentException if the item is invalid: no usable link or GUID to
	 * identify it by, no address to publish, or no title; the message says which, without
	 * repeating the item
	 * @throws PublicationFailedException if the broker did not acknowledge it in time
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
		if (claim.state() == SeenIds.Claim.State.IN_FLIGHT) {
			awaitOtherPublisher(id, claim.pending());
		}
		if (claim.state() != SeenIds.Claim.State.OWNED) {
			count(item, "duplicate");
			return new Publication(id, Outcome.DUPLICATE);
		}
		try {
			PolicyItemIngested event = toEvent(id, url, item);
			this.kafkaTemplate
				.send(EventRecords.event(Topics.INGESTED, id, event, EventHeaders.TYPE_INGESTED, EVENT_SOURCE,
						event.ingestedAt()))
				.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failed(item, id, "Interrupted while publishing item " + id, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw failed(item, id, "The broker did not acknowledge item " + id, ex);
		}
		catch (IllegalArgumentException ex) {
			this.seenIds.release(id, ex);
			count(item, "invalid");
			throw ex;
		}
		catch (RuntimeException ex) {
			throw failed(item, id, "Could not send item " + id, ex);
		}
		this.seenIds.confirm(id);
		count(item, "published");
		logger.debug("Published item {} from {}", id, item.origin());
		return new Publication(id, Outcome.PUBLISHED);
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

	private void awaitOtherPublisher(String id, CompletableFuture<Void> pending) {
		try {
			pending.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublicationFailedException(id, "Interrupted while waiting for item " + id, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new PublicationFailedException(id, "A concurrent publication of item " + id + " did not succeed", ex);
		}
	}

	private PublicationFailedException failed(IncomingItem item, String id, String message, Exception cause) {
		this.seenIds.release(id, cause);
		count(item, "failed");
		return new PublicationFailedException(id, message, cause);
	}

	private PolicyItemIngested toEvent(String id, String url, IncomingItem item) {
		Instant ingestedAt = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		String body = (item.html() != null) ? PlainText.fromHtml(item.html()) : PlainText.normalise(item.text());
		if (body.length() > this.properties.maxBodyLength()) {
			body = body.substring(0, this.properties.maxBodyLength());
		}
		Instant publishedAt = (item.publishedAt() != null) ? item.publishedAt() : ingestedAt;
		// Until story clustering exists every item is its own story.
		return new PolicyItemIngested(id, id, item.source(), url, PlainText.line(item.title()), body,
				language(item.language()), publishedAt, ingestedAt);
	}

	/**
	 * The primary subtag of a language tag such as {@code en-GB}, if it is an ISO 639
	 * code.
	 */
	static String language(String tag) {
		if (tag == null) {
			return null;
		}
		String primary = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
		return primary.matches("[a-z]{2,3}") ? primary : null;
	}

	private void count(IncomingItem item, String outcome) {
		Counter.builder(ITEMS_METRIC)
			.description("Items received, by source and outcome")
			.tag("source", item.origin())
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

}
