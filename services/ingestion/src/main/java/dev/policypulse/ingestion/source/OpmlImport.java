package dev.policypulse.ingestion.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Registers the feeds of an OPML subscription list. Each feed becomes a feed source with
 * the default poll interval, named after its outline's {@code text} or {@code title} (or
 * its host), made unique with a numeric suffix. Feeds whose URL is registered already are
 * skipped; feeds the {@link dev.policypulse.ingestion.net.TargetPolicy} refuses are
 * reported with the reason.
 */
@Component
class OpmlImport {

	private final SourceRegistry registry;

	OpmlImport(SourceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Imports a document.
	 * @param document the raw OPML
	 * @return what became of each feed
	 * @throws InvalidOpmlException if the document is not well-formed OPML or has a
	 * DOCTYPE
	 */
	ImportSummary importDocument(byte[] document) {
		List<OpmlReader.Outline> outlines = OpmlReader.read(document);
		List<Refused> refused = new ArrayList<>();
		List<SourceRegistry.FeedCandidate> candidates = new ArrayList<>();
		for (OpmlReader.Outline outline : outlines) {
			String name = (outline.text() != null) ? outline.text() : outline.title();
			URI url;
			try {
				url = new URI(outline.xmlUrl());
			}
			catch (URISyntaxException ex) {
				refused.add(new Refused(outline.xmlUrl(), name, "not a valid URL: " + ex.getReason()));
				continue;
			}
			Optional<String> problem = SourceRules.urlProblem(url, false);
			if (problem.isPresent()) {
				refused.add(new Refused(outline.xmlUrl(), name, problem.get()));
				continue;
			}
			candidates.add(new SourceRegistry.FeedCandidate(preferredId(name, url), url));
		}
		List<Created> created = new ArrayList<>();
		List<Skipped> skipped = new ArrayList<>();
		for (SourceRegistry.ImportedFeed feed : this.registry.importFeeds(candidates)) {
			if (feed.created()) {
				created.add(new Created(feed.id(), feed.url()));
			}
			else {
				skipped.add(new Skipped(feed.url(), feed.id(), "already registered as '" + feed.id() + "'"));
			}
		}
		return new ImportSummary(created, skipped, refused);
	}

	/**
	 * A valid source id from the outline's name, else from the feed's host, else
	 * {@code feed}: lower-case ASCII letters and digits, accents removed, every other run
	 * of characters one {@code -}.
	 */
	static String preferredId(String name, URI url) {
		String fromName = slug(name);
		if (!fromName.isEmpty()) {
			return fromName;
		}
		String host = (url.getHost() != null) ? url.getHost().toLowerCase(Locale.ROOT) : "";
		String fromHost = slug(host.startsWith("www.") ? host.substring(4) : host);
		return fromHost.isEmpty() ? "feed" : fromHost;
	}

	static String slug(String text) {
		if (text == null) {
			return "";
		}
		String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
		String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (slug.length() > SourceRules.MAX_ID_LENGTH) {
			slug = slug.substring(0, SourceRules.MAX_ID_LENGTH).replaceAll("-+$", "");
		}
		return slug;
	}

	/**
	 * The outcome of an import.
	 *
	 * @param created feeds registered now
	 * @param skipped feeds whose URL was registered already
	 * @param refused feeds that were not registered, with the reason
	 */
	record ImportSummary(List<Created> created, List<Skipped> skipped, List<Refused> refused) {

	}

	/**
	 * A feed registered by the import.
	 *
	 * @param id its new source id
	 * @param url its address
	 */
	record Created(String id, String url) {

	}

	/**
	 * A feed already registered.
	 *
	 * @param url its address
	 * @param existingId the source that has it
	 * @param reason why it was skipped
	 */
	record Skipped(String url, String existingId, String reason) {

	}

	/**
	 * A feed refused.
	 *
	 * @param url its address, as written in the document
	 * @param title its outline's text or title
	 * @param reason why it was refused
	 */
	record Refused(String url, String title, String reason) {

	}

}
