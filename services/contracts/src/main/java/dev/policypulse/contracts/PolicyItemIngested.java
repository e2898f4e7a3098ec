package dev.policypulse.contracts;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A policy-relevant item that ingestion accepted from a feed or a webhook. Published to
 * {@link Topics#INGESTED}, keyed by {@link #id()}.
 *
 * @param id stable item id, derived from the canonical URL (or, for a feed entry without
 * a link, from the feed and the entry's GUID), so the same item always gets the same id
 * @param storyId id of the story the item belongs to: the {@code id} of the first item
 * ingestion saw reporting it, so items reporting the same story share it, and an item
 * that starts a story has {@code storyId} equal to {@code id}
 * @param source id of the configured source, or {@code webhook}
 * @param url canonical URL of the item
 * @param title cleaned title
 * @param body plain-text body (HTML removed)
 * @param language ISO 639-1 code if known, otherwise {@code null}
 * @param publishedAt when the source published it (UTC)
 * @param ingestedAt when ingestion accepted it (UTC)
 * @param publishedAtEstimated whether {@code publishedAt} is ingestion's estimate rather
 * than the source's word: the source gave no usable date, so the time ingestion fetched
 * or received the item stands in. Events written before the field existed lack it, which
 * reads as {@code false}
 */
// AS_EMPTY: a missing or null flag reads as false; Jackson would otherwise refuse older
// events, which lack it, as a null primitive.
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyItemIngested(String id, String storyId, String source, String url, String title, String body,
		String language, Instant publishedAt, Instant ingestedAt,
		@JsonSetter(nulls = Nulls.AS_EMPTY) boolean publishedAtEstimated) {

	public PolicyItemIngested {
		Validation.requireId(id, "id");
		Validation.requireId(storyId, "storyId");
		Validation.requireText(source, "source");
		Validation.requireText(url, "url");
		Validation.requireText(title, "title");
		body = (body != null) ? body : "";
		if (language != null && !language.matches("[a-z]{2,3}")) {
			throw new IllegalArgumentException("language must be an ISO 639 code, got '" + language + "'");
		}
		Objects.requireNonNull(publishedAt, "publishedAt");
		Objects.requireNonNull(ingestedAt, "ingestedAt");
	}

	/**
	 * An item whose publication time the source stated.
	 */
	public PolicyItemIngested(String id, String storyId, String source, String url, String title, String body,
			String language, Instant publishedAt, Instant ingestedAt) {
		this(id, storyId, source, url, title, body, language, publishedAt, ingestedAt, false);
	}

}
