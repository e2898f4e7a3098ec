package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.ingestion.feed.FetchException.Kind;
import dev.policypulse.ingestion.publishing.IncomingItem;

/**
 * Reads JSON Feed 1.0 and 1.1 documents (<a href="https://jsonfeed.org/version/1.1">the
 * specification</a>). The parser refuses documents that would cost far more than their
 * size suggests: nesting deeper than {@value #MAX_DEPTH}, more than {@value #MAX_TOKENS}
 * tokens, very long numbers or names, duplicate keys.
 * <p>
 * An item's {@code id} is its GUID, its {@code url} (or else {@code external_url}) its
 * link; {@code content_html} is preferred to {@code content_text}, and {@code summary}
 * stands in for both, and for a missing title, as JSON Feed allows items without one.
 * Dates are RFC 3339 with an offset; an item without a readable {@code date_published} or
 * {@code date_modified} is dated when it was fetched.
 */
final class JsonFeedReader {

	static final int MAX_DEPTH = 32;

	static final int MAX_TOKENS = 200_000;

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_DEPTH)
				.maxTokenCount(MAX_TOKENS)
				.maxNumberLength(64)
				.maxNameLength(256)
				.build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final String VERSION_PREFIX = "https://jsonfeed.org/version/";

	private JsonFeedReader() {
	}

	/**
	 * The items of a JSON Feed.
	 * @param sourceId the source, the items' origin and source
	 * @param text the decoded document
	 * @param base the document's address, for relative links, or {@code null}
	 * @return one item per item object, in document order
	 * @throws FetchException if the document is refused or not a JSON Feed
	 */
	static List<IncomingItem> read(String sourceId, String text, URI base) throws FetchException {
		JsonNode feed = parse(text);
		if (!feed.isObject()) {
			throw new FetchException(Kind.REFUSED, "JSON document is not a JSON Feed");
		}
		String version = string(feed, "version");
		if (version == null
				|| !version.toLowerCase(Locale.ROOT).replace("http://", "https://").startsWith(VERSION_PREFIX)) {
			throw new FetchException(Kind.REFUSED, "JSON document is not a JSON Feed (no jsonfeed.org version)");
		}
		JsonNode entries = feed.get("items");
		if (entries == null || !entries.isArray()) {
			throw new FetchException(Kind.REFUSED, "JSON Feed without an items array");
		}
		String site = Links.resolve(base, string(feed, "home_page_url"));
		String feedLanguage = string(feed, "language");
		List<IncomingItem> items = new ArrayList<>(entries.size());
		for (JsonNode entry : entries) {
			if (!entry.isObject()) {
				continue;
			}
			String url = string(entry, "url");
			if (url == null) {
				url = string(entry, "external_url");
			}
			String resolved = Links.resolve(base, url);
			String html = string(entry, "content_html");
			String contentText = string(entry, "content_text");
			String summary = string(entry, "summary");
			String title = string(entry, "title");
			String language = string(entry, "language");
			items.add(new IncomingItem(sourceId, sourceId, id(entry), (resolved != null) ? resolved : url, site,
					(title != null) ? title : summary, html,
					(html != null) ? null : ((contentText != null) ? contentText : summary), date(entry),
					(language != null) ? language : feedLanguage));
		}
		return items;
	}

	private static JsonNode parse(String text) throws FetchException {
		try {
			return MAPPER.readTree(text);
		}
		catch (StreamConstraintsException ex) {
			throw new FetchException(Kind.REFUSED,
					"JSON beyond the safety limits: " + Messages.abbreviate(ex.getOriginalMessage(), 120), ex);
		}
		catch (JacksonException ex) {
			throw new FetchException(Kind.REFUSED,
					"not well-formed JSON: " + Messages.abbreviate(ex.getOriginalMessage(), 120), ex);
		}
	}

	/** The id, which the specification asks readers to coerce to a string. */
	private static String id(JsonNode entry) {
		JsonNode id = entry.get("id");
		if (id == null || !(id.isString() || id.isNumber())) {
			return null;
		}
		String value = id.asString().strip();
		return value.isEmpty() ? null : value;
	}

	private static Instant date(JsonNode entry) {
		for (String field : new String[] { "date_published", "date_modified" }) {
			String value = string(entry, field);
			if (value != null) {
				try {
					// RFC 3339 also allows a space instead of the "T" and lower-case
					// letters.
					String normalised = value.toUpperCase(Locale.ROOT);
					if (normalised.length() > 10 && normalised.charAt(10) == ' ') {
						normalised = normalised.substring(0, 10) + 'T' + normalised.substring(11);
					}
					return OffsetDateTime.parse(normalised).toInstant();
				}
				catch (DateTimeParseException ex) {
					// try the next field; an unreadable date is no date
				}
			}
		}
		return null;
	}

	private static String string(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString()) {
			return null;
		}
		String text = value.stringValue().strip();
		return text.isEmpty() ? null : text;
	}

}
