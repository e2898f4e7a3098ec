package dev.policypulse.ingestion.item;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An item pushed to ingestion.
 *
 * @param title the headline
 * @param body the text as plain text; either this or {@code html}
 * @param html the text as HTML; either this or {@code body}
 * @param url the item's http(s) address; items with the same canonical URL are the same
 * item
 * @param publishedAt when the item was published, as an RFC 3339 date-time with an
 * offset; default now. Parsed here rather than by the JSON reader, so that a wrong value
 * is reported with the field's name like any other invalid field
 * @param source who sent it, default {@code webhook}
 */
record ItemRequest(@NotBlank @Size(max = 1_000) String title, @Size(max = 200_000) String body,
		@Size(max = 1_000_000) String html, @NotBlank @Size(max = 2_048) String url, @Size(max = 64) String publishedAt,
		@Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*",
				message = "must be lower-case letters, digits, '.', '_' or '-'") String source) {

	static final String DEFAULT_SOURCE = "webhook";

	@AssertTrue(message = "either body or html is required")
	boolean isBodyOrHtmlPresent() {
		return (this.body != null && !this.body.isBlank()) || (this.html != null && !this.html.isBlank());
	}

	@AssertTrue(message = "must be an absolute http or https URL")
	boolean isUrlHttp() {
		if (this.url == null || this.url.isBlank()) {
			return true;
		}
		try {
			URI uri = new URI(this.url.strip());
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	@AssertTrue(message = "must be an RFC 3339 date-time with an offset, such as 2025-02-07T10:15:00+01:00")
	boolean isPublishedAtValid() {
		try {
			publishedAtInstant();
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	/** The request field a constraint violation is about, for error messages. */
	static String fieldName(String property) {
		return switch (property) {
			case "bodyOrHtmlPresent" -> "body";
			case "urlHttp" -> "url";
			case "publishedAtValid" -> "publishedAt";
			default -> property;
		};
	}

	/**
	 * When the item was published, or {@code null} if the request does not say.
	 * @throws DateTimeParseException if it is not an RFC 3339 date-time with an offset
	 */
	Instant publishedAtInstant() {
		return (this.publishedAt != null && !this.publishedAt.isBlank())
				? OffsetDateTime.parse(this.publishedAt.strip()).toInstant() : null;
	}

	String sourceOrDefault() {
		return (this.source != null && !this.source.isBlank()) ? this.source : DEFAULT_SOURCE;
	}

}
