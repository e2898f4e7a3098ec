package dev.policypulse.ingestion.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

import dev.policypulse.ingestion.feed.FetchException.Kind;
import dev.policypulse.ingestion.publishing.IncomingItem;

/**
 * Reads HTML pages of {@code PAGE} sources: the list page, whose links matched by the
 * source's CSS selector lead to items, and each linked page, which becomes one item.
 * <p>
 * A linked page's title is its {@code og:title}, else its {@code <title>}, else its first
 * {@code
 *
<h1>}, else the link's text on the list page. Its text is the page's {@code <article>},
 * else its {@code <main>}, else its body, without scripts, navigation, footers, asides
 * and forms. Its date is its {@code article:published_time}, else the first
 * {@code <time datetime>}; without one it is dated when it was fetched.
 */
final class PageReader {

	private static final String CHROME = "script, style, noscript, template, iframe, nav, footer, aside, form";

	private PageReader() {
	}

	/**
	 * The item links of a list page, in page order, each once.
	 * @param body the page
	 * @param contentType its {@code Content-Type}, for the charset, or {@code null}
	 * @param base its address after redirects
	 * @param itemSelector the CSS selector of the links, or of elements containing them
	 * @return the absolute http(s) links and their text
	 * @throws FetchException if the selector is invalid or matches no link
	 */
	static List<Link> links(byte[] body, String contentType, URI base, String itemSelector) throws FetchException {
		Document page = parse(body, contentType, base);
		Elements selected;
		try {
			selected = page.select(itemSelector);
		}
		catch (Selector.SelectorParseException ex) {
			throw new FetchException(Kind.FAILED,
					"invalid item selector: " + Messages.abbreviate(ex.getMessage(), 120));
		}
		Map<String, Link> links = new LinkedHashMap<>();
		for (Element element : selected) {
			Element anchor = element.is("a[href]") ? element : element.selectFirst("a[href]");
			if (anchor == null) {
				continue;
			}
			String url = Links.resolve(null, anchor.absUrl("href"));
			if (url != null) {
				links.putIfAbsent(url, new Link(url, anchor.text().strip()));
			}
		}
		if (links.isEmpty()) {
			throw new FetchException(Kind.FAILED, "the item selector matched no links");
		}
		return new ArrayList<>(links.values());
	}

	/**
	 * The item a linked page makes.
	 * @param sourceId the source, the item's origin and source
	 * @param link the link on the list page, the item's address
	 * @param listPage the list page's address, published for an item whose link turns out
	 * unusable
	 * @param fetched the linked page
	 * @return the item
	 * @throws FetchException if the page cannot be parsed
	 */
	static IncomingItem item(String sourceId, Link link, URI listPage, HttpFetcher.Fetched fetched)
			throws FetchException {
		Document page = parse(fetched.body(), fetched.contentType(), fetched.url());
		String title = firstNonBlank(page.select("meta[property=og:title]").attr("content"), page.title(),
				text(page.selectFirst("h1")), link.text());
		Element content = page.selectFirst("article");
		if (content == null) {
			content = page.selectFirst("main, [role=main]");
		}
		if (content == null) {
			content = page.body();
		}
		Instant date = date(page, content);
		content.select(CHROME).remove();
		if (content == page.body()) {
			content.select("header").remove();
		}
		String language = page.selectFirst("html") != null ? page.selectFirst("html").attr("lang") : "";
		return new IncomingItem(sourceId, sourceId, null, link.url(), listPage.toString(), title, content.html(), null,
				date, language.isBlank() ? null : language.strip());
	}

	private static Document parse(byte[] body, String contentType, URI base) throws FetchException {
		try {
			return Jsoup.parse(new ByteArrayInputStream(body), TextDecoding.htmlCharset(contentType), base.toString());
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new FetchException(Kind.REFUSED, "unreadable HTML", ex);
		}
	}

	private static Instant date(Document page, Element content) {
		List<String> candidates = new ArrayList<>();
		candidates.add(page.select("meta[property=article:published_time]").attr("content"));
		Element time = content.selectFirst("time[datetime]");
		if (time == null) {
			time = page.selectFirst("time[datetime]");
		}
		if (time != null) {
			candidates.add(time.attr("datetime"));
		}
		for (String candidate : candidates) {
			Instant date = parseDate(candidate.strip());
			if (date != null) {
				return date;
			}
		}
		return null;
	}

	/** An HTML date: with an offset, or else taken as UTC. */
	static Instant parseDate(String value) {
		if (value.isEmpty()) {
			return null;
		}
		String normalised = (value.length() > 10 && value.charAt(10) == ' ')
				? value.substring(0, 10) + 'T' + value.substring(11) : value;
		try {
			return OffsetDateTime.parse(normalised).toInstant();
		}
		catch (DateTimeParseException ex) {
			// no offset: try a local date-time or a date
		}
		try {
			return LocalDateTime.parse(normalised).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			// try a date
		}
		try {
			return LocalDate.parse(normalised).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String text(Element element) {
		return (element != null) ? element.text() : null;
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		return null;
	}

	/**
	 * A link to an item on a list page.
	 *
	 * @param url its absolute address, without fragment
	 * @param text its text, a title of last resort
	 */
	record Link(String url, String text) {

	}

}
