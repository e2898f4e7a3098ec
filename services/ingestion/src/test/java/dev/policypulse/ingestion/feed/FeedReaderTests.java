package dev.policypulse.ingestion.feed;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.policypulse.ingestion.Fixtures;
import dev.policypulse.ingestion.publishing.IncomingItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class FeedReaderTests {

	private final FeedReader reader = new FeedReader();

	@Test
	void readsRssEntries() throws Exception {
		List<IncomingItem> items = read("roundup", Fixtures.feed("regulators.rss"), "application/rss+xml");
		assertThat(items).hasSize(3);
		IncomingItem first = items.get(0);
		assertThat(first.origin()).isEqualTo("roundup");
		assertThat(first.source()).isEqualTo("roundup");
		assertThat(first.guid()).isEqualTo("roundup-0001");
		assertThat(first.url())
			.isEqualTo("https://roundup.example.org/2025/stablecoin-reserves?utm_source=rss&utm_medium=feed");
		assertThat(first.title()).isEqualTo("Island authority opens consultation on stablecoin reserves");
		assertThat(first.html()).contains("<b>Monetary Authority</b>");
		assertThat(first.publishedAt()).isEqualTo(Instant.parse("2025-02-03T09:30:00Z"));
		assertThat(first.language()).isEqualTo("en-GB");
		assertThat(first.fallbackUrl()).isEqualTo("https://roundup.example.org/");
		IncomingItem second = items.get(1);
		assertThat(second.guid()).as("an entry without a guid is keyed by its URL").isNull();
		assertThat(second.html()).as("full content wins over the description").contains("<li>Custody audits</li>");
		assertThat(items.get(2).publishedAt()).as("an undated entry").isNull();
	}

	@Test
	void readsRss091() throws Exception {
		List<IncomingItem> items = read("gazette", Fixtures.feed("rss-091.rss"), "text/xml");
		assertThat(items).extracting(IncomingItem::url)
			.containsExactly("https://gazette.example.org/decrees/2025-114", "https://gazette.example.org/opinions/77");
		assertThat(items.get(0).title()).isEqualTo("Ministry publishes draft decree on crypto-asset custody");
		assertThat(items.get(0).language()).isEqualTo("fr");
	}

	@Test
	void readsRss10() throws Exception {
		List<IncomingItem> items = read("bulletin", Fixtures.feed("rss-10.rdf"), "application/rdf+xml");
		assertThat(items).hasSize(2);
		assertThat(items.get(0).title()).isEqualTo("Central bank report weighs stablecoin risks");
		assertThat(items.get(0).url()).isEqualTo("https://bulletin.example.net/2025/03/stablecoin-report");
		assertThat(items.get(0).publishedAt()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
		assertThat(items.get(0).language()).isEqualTo("de");
	}

	@Test
	void readsAtomEntries() throws Exception {
		List<IncomingItem> items = read("watch", Fixtures.feed("policy-watch.atom"), null);
		assertThat(items).hasSize(2);
		assertThat(items.get(0).guid()).isEqualTo("urn:example:policy-watch:entry-17");
		assertThat(items.get(0).url()).isEqualTo("https://watch.example.net/entries/17");
		assertThat(items.get(0).title()).isEqualTo("Central bank pauses retail <em>CBDC</em> pilot");
		assertThat(items.get(0).html()).isEqualTo("<p>The pilot stops while privacy rules are rewritten.</p>");
		assertThat(items.get(0).publishedAt()).isEqualTo(Instant.parse("2025-02-05T08:15:00Z"));
		assertThat(items.get(1).publishedAt()).as("updated stands in for published")
			.isEqualTo(Instant.parse("2025-02-05T11:45:00Z"));
		assertThat(items.get(1).html()).isEqualTo("Unregistered offering of a yield token led to a penalty.");
	}

	@Test
	void readsJsonFeed11WithHtmlOrTextIdsDatesAndLanguages() throws Exception {
		List<IncomingItem> items = this.reader.read("treasury", Fixtures.feed("json-feed-11.json"),
				"application/feed+json", URI.create("https://treasury.example.com/feed.json"));
		assertThat(items).hasSize(4);
		IncomingItem first = items.get(0);
		assertThat(first.guid()).isEqualTo("tn-2025-031");
		assertThat(first.url()).isEqualTo("https://treasury.example.com/notes/2025-031");
		assertThat(first.title()).isEqualTo("Treasury proposes reporting rule for crypto brokers");
		assertThat(first.html()).as("content_html wins")
			.isEqualTo("<p>Brokers would report <strong>gross proceeds</strong>.</p>");
		assertThat(first.text()).isNull();
		assertThat(first.publishedAt()).isEqualTo(Instant.parse("2025-03-10T14:00:00Z"));
		assertThat(first.language()).as("the item's language wins").isEqualTo("en-GB");
		assertThat(first.fallbackUrl()).isEqualTo("https://treasury.example.com/");
		IncomingItem second = items.get(1);
		assertThat(second.guid()).as("a numeric id is coerced to a string").isEqualTo("20250032");
		assertThat(second.url()).as("resolved against the feed's address")
			.isEqualTo("https://treasury.example.com/notes/2025-032");
		assertThat(second.html()).isNull();
		assertThat(second.text()).isEqualTo("The comment period now ends in May.");
		assertThat(second.publishedAt()).isEqualTo(Instant.parse("2025-03-11T12:15:30Z"));
		assertThat(second.language()).as("the feed's language").isEqualTo("en-US");
		IncomingItem third = items.get(2);
		assertThat(third.url()).isEqualTo("https://elsewhere.example.org/analysis");
		assertThat(third.title()).isEqualTo("A short note without a title, as JSON Feed allows.");
		assertThat(third.text()).isEqualTo("A short note without a title, as JSON Feed allows.");
		assertThat(third.publishedAt()).as("date_modified stands in").isEqualTo(Instant.parse("2025-03-12T08:00:00Z"));
		assertThat(items.get(3).publishedAt()).as("an unreadable date").isNull();
		assertThat(items.get(3).url()).isNull();
	}

	@Test
	void readsJsonFeed10EvenWhenServedAsText() throws Exception {
		List<IncomingItem> items = read("legacy", Fixtures.feed("json-feed-10.json"), "text/plain; charset=utf-8");
		assertThat(items).singleElement().satisfies((item) -> {
			assertThat(item.guid()).isEqualTo("https://legacy.example.net/posts/1");
			assertThat(item.title()).isEqualTo("Regulator updates virtual asset guidance");
			assertThat(item.text()).isEqualTo("Updated guidance covers staking.");
			assertThat(item.language()).isNull();
		});
	}

	@Test
	void readsAnIso88591FeedAsDeclaredInItsProlog() throws Exception {
		List<IncomingItem> items = read("regulation", Fixtures.feed("latin1.rss"), "text/xml");
		assertThat(items).singleElement().satisfies((item) -> {
			assertThat(item.title()).isEqualTo("L'autorité publie un avis sur les crypto-actifs à Genève");
			assertThat(item.html()).isEqualTo("Les émetteurs doivent être agréés.");
			assertThat(item.publishedAt()).isEqualTo(Instant.parse("2025-03-05T09:00:00Z"));
		});
	}

	@Test
	void readsAWindows1252FeedWhoseServerDeclaresIso88591() throws Exception {
		List<IncomingItem> items = read("quotes", Fixtures.feed("cp1252.rss"),
				"application/rss+xml; charset=ISO-8859-1");
		assertThat(items).singleElement()
			.satisfies((item) -> assertThat(item.title())
				.isEqualTo("Minister: \u201cstablecoins need \u20ac1m in capital\u201d \u2013 draft"));
	}

	@Test
	void prefersTheDeclaredCharsetWhenTheHeaderOneDoesNotFitTheBytes() throws Exception {
		List<IncomingItem> items = read("regulation", Fixtures.feed("latin1.rss"), "text/xml; charset=utf-8");
		assertThat(items.get(0).title()).contains("à Genève");
	}

	@Test
	void readsUtf16WithAByteOrderMark() throws Exception {
		List<IncomingItem> items = read("utf16", Fixtures.feed("utf16.atom"), "application/atom+xml");
		assertThat(items).singleElement().satisfies((item) -> {
			assertThat(item.title()).isEqualTo("Agency in Zürich issues token guidance");
			assertThat(item.html()).isEqualTo("Größere Klarheit.");
		});
	}

	@Test
	void mendsHtmlEntitiesThatXmlDoesNotDefine() throws Exception {
		String feed = """
				<?xml version="1.0"?>
				<rss version="2.0"><channel><title>Desk</title><link>https://desk.example.org/</link>
				<description>Notes</description>
				<item><title>Rules&nbsp;change &ndash; again</title><link>https://desk.example.org/1</link></item>
				</channel></rss>""";
		assertThat(read("desk", feed.getBytes(StandardCharsets.UTF_8), "text/xml").get(0).title())
			.isEqualTo("Rules\u00a0change \u2013 again");
	}

	@Test
	void keepsTheGuidOfAnEntryWithoutALinkAndOffersTheFeedSiteInstead() throws Exception {
		String feed = """
				<?xml version="1.0"?>
				<rss version="2.0"><channel><title>Desk</title><link>https://desk.example.org/</link>
				<description>Notes</description>
				<item><title>Weekly bulletin</title><guid>bulletin-7</guid><description>Short.</description></item>
				<item><title>Daily note</title><guid isPermaLink="false">note-3</guid><description>Shorter.</description></item>
				</channel></rss>""";
		List<IncomingItem> items = read("desk", feed.getBytes(StandardCharsets.UTF_8), "text/xml");
		assertThat(items).extracting(IncomingItem::guid).containsExactly("bulletin-7", "note-3");
		assertThat(items).extracting(IncomingItem::fallbackUrl).containsOnly("https://desk.example.org/");
		assertThat(items.get(1).url()).isNull();
	}

	@Test
	void prefersAnAbsoluteHttpLinkOverARelativeOneAndResolvesARelativeOneOtherwise() throws Exception {
		String feed = """
				<?xml version="1.0" encoding="UTF-8"?>
				<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:example:desk</id>
				<updated>2025-02-05T12:00:00Z</updated>
				<entry><title>Note</title><id>urn:example:desk:9</id><updated>2025-02-05T12:00:00Z</updated>
				<link rel="alternate" href="/notes/9"/><link rel="alternate" href="https://desk.example.org/notes/9"/>
				<summary>Short.</summary></entry>
				<entry><title>Other</title><id>urn:example:desk:10</id><updated>2025-02-05T12:00:00Z</updated>
				<link rel="alternate" href="notes/10#top"/><summary>Short.</summary></entry>
				</feed>""";
		List<IncomingItem> items = this.reader.read("desk", feed.getBytes(StandardCharsets.UTF_8), null,
				URI.create("https://desk.example.org/feeds/atom.xml"));
		assertThat(items.get(0).url()).isEqualTo("https://desk.example.org/notes/9");
		assertThat(items.get(0).guid()).isEqualTo("urn:example:desk:9");
		assertThat(items.get(0).fallbackUrl()).as("the feed names no site").isNull();
		assertThat(items.get(1).url()).isEqualTo("https://desk.example.org/feeds/notes/10");
	}

	@Test
	void refusesExternalEntities(@TempDir Path directory) throws IOException {
		Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-KEY-MATERIAL");
		byte[] feed = new String(Fixtures.feed("xxe.rss"), StandardCharsets.UTF_8)
			.replace("SECRET_FILE_URI", secret.toUri().toString())
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(FetchException.class).isThrownBy(() -> read("hostile", feed, "application/xml"))
			.withMessage("XML DOCTYPE refused")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(FetchException.Kind.REFUSED));
	}

	@Test
	void refusesEntityExpansionWithoutExpanding() {
		byte[] feed = Fixtures.feed("billion-laughs.rss");
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> read("laughs", feed, "text/xml")));
	}

	@Test
	void refusesDocumentsThatAreNotFeeds() {
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> read("html", "<html><body>Not a feed</body></html>".getBytes(StandardCharsets.UTF_8),
					"text/html"))
			.withMessage("an HTML page, not a feed");
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> read("svg",
					"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), "image/svg+xml"))
			.withMessage("root element <svg> is neither RSS nor Atom");
	}

	private List<IncomingItem> read(String sourceId, byte[] body, String contentType) throws FetchException {
		return this.reader.read(sourceId, body, contentType, null);
	}

}
