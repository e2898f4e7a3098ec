package dev.policypulse.ingestion.feed;

import java.io.IOException;
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

	private static final Instant FETCHED_AT = Instant.parse("2025-02-06T10:00:00Z");

	private final FeedReader reader = new FeedReader();

	@Test
	void readsRssEntries() throws Exception {
		List<IncomingItem> items = this.reader.read("roundup", Fixtures.feed("regulators.rss"), "application/rss+xml",
				FETCHED_AT);
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
		assertThat(items.get(2).publishedAt()).as("an undated entry").isEqualTo(FETCHED_AT);
	}

	@Test
	void readsAtomEntries() throws Exception {
		List<IncomingItem> items = this.reader.read("watch", Fixtures.feed("policy-watch.atom"), null, FETCHED_AT);
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
	void keepsTheGuidOfAnEntryWithoutALinkAndOffersTheFeedSiteInstead() throws Exception {
		String feed = """
				<?xml version="1.0"?>
				<rss version="2.0"><channel><title>Desk</title><link>https://desk.example.org/</link>
				<description>Notes</description>
				<item><title>Weekly bulletin</title><guid>bulletin-7</guid><description>Short.</description></item>
				<item><title>Daily note</title><guid isPermaLink="false">note-3</guid><description>Shorter.</description></item>
				</channel></rss>""";
		List<IncomingItem> items = this.reader.read("desk", feed.getBytes(StandardCharsets.UTF_8), "text/xml",
				FETCHED_AT);
		assertThat(items).extracting(IncomingItem::guid).containsExactly("bulletin-7", "note-3");
		assertThat(items).extracting(IncomingItem::fallbackUrl).containsOnly("https://desk.example.org/");
		assertThat(items.get(1).url()).isNull();
	}

	@Test
	void prefersAnAbsoluteHttpLinkOverARelativeOne() throws Exception {
		String feed = """
				<?xml version="1.0" encoding="UTF-8"?>
				<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:example:desk</id>
				<updated>2025-02-05T12:00:00Z</updated>
				<entry><title>Note</title><id>urn:example:desk:9</id><updated>2025-02-05T12:00:00Z</updated>
				<link rel="alternate" href="/notes/9"/><link rel="alternate" href="https://desk.example.org/notes/9"/>
				<summary>Short.</summary></entry>
				</feed>""";
		List<IncomingItem> items = this.reader.read("desk", feed.getBytes(StandardCharsets.UTF_8), null, FETCHED_AT);
		assertThat(items.get(0).url()).isEqualTo("https://desk.example.org/notes/9");
		assertThat(items.get(0).guid()).isEqualTo("urn:example:desk:9");
		assertThat(items.get(0).fallbackUrl()).as("the feed names no site").isNull();
	}

	@Test
	void refusesExternalEntities(@TempDir Path directory) throws IOException {
		Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-KEY-MATERIAL");
		byte[] feed = new String(Fixtures.feed("xxe.rss"), StandardCharsets.UTF_8)
			.replace("SECRET_FILE_URI", secret.toUri().toString())
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(FeedFetchException.class)
			.isThrownBy(() -> this.reader.read("hostile", feed, "application/xml", FETCHED_AT))
			.withMessageContaining("DOCTYPE")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("TOP-SECRET"));
	}

	@Test
	void refusesEntityExpansionWithoutExpanding() {
		byte[] feed = Fixtures.feed("billion-laughs.rss");
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatExceptionOfType(FeedFetchException.class)
			.isThrownBy(() -> this.reader.read("laughs", feed, "text/xml", FETCHED_AT)));
	}

	@Test
	void refusesDocumentsThatAreNotFeeds() {
		assertThatExceptionOfType(FeedFetchException.class).isThrownBy(() -> this.reader.read("html",
				"<html><body>Not a feed</body></html>".getBytes(StandardCharsets.UTF_8), "text/html", FETCHED_AT));
	}

}
