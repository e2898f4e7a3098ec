package dev.policypulse.ingestion.source;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OpmlReaderTests {

	@Test
	void findsEveryFeedAtAnyDepthInDocumentOrder() {
		assertThat(OpmlReader.read(Opml.document("subscriptions.opml"))).extracting(OpmlReader.Outline::xmlUrl)
			.containsExactly("https://securities.opml-import.example/press.rss",
					"https://banque.opml-import.example/fr/rss",
					"https://markets.opml-import.example/consultations.atom",
					"https://www.ledger-news.opml-import.example/feed/",
					"https://another.opml-import.example/config-feed.rss",
					"https://securities.opml-import.example/press.rss", "http://169.254.169.254/latest/meta-data/",
					"http://10.1.2.3/news.rss", "file:///etc/passwd", "https://exa mple.opml-import.example/rss");
	}

	@Test
	void keepsTheTextAndTitleOfEachFeed() {
		var outlines = OpmlReader.read(Opml.document("subscriptions.opml"));
		assertThat(outlines.get(0).text()).isEqualTo("Harbour Securities Commission – Press");
		assertThat(outlines.get(0).title()).isEqualTo("Ignored when text is present");
		assertThat(outlines.get(2).text()).isNull();
		assertThat(outlines.get(2).title()).isEqualTo("Markets Authority: Consultations");
		assertThat(outlines.get(3).text()).isNull();
		assertThat(outlines.get(3).title()).isNull();
	}

	@Test
	void readsOpmlOneInTheEncodingItDeclares() {
		assertThat(OpmlReader.read(Opml.document("opml-1.0.opml"))).extracting(OpmlReader.Outline::text)
			.containsExactly("Treasury notices", "Café Policy Blog");
	}

	@Test
	void refusesEntityExpansionBombs() {
		assertThatExceptionOfType(InvalidOpmlException.class)
			.isThrownBy(() -> OpmlReader.read(Opml.document("billion-laughs.opml")))
			.withMessageContaining("DOCTYPE");
	}

	@Test
	void refusesExternalEntities() {
		assertThatExceptionOfType(InvalidOpmlException.class)
			.isThrownBy(() -> OpmlReader.read(Opml.document("xxe-file.opml")))
			.withMessageContaining("DOCTYPE");
	}

	@Test
	void refusesAnInternalSubsetEvenWithoutEntities() {
		byte[] document = """
				<?xml version="1.0"?>
				<!DOCTYPE opml PUBLIC "-//Example//DTD OPML//EN" "http://dtd.example/opml.dtd">
				<opml version="2.0"><body/></opml>""".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(InvalidOpmlException.class).isThrownBy(() -> OpmlReader.read(document))
			.withMessageContaining("DOCTYPE");
	}

	@Test
	void refusesDocumentsThatAreNotOpml() {
		assertThatExceptionOfType(InvalidOpmlException.class)
			.isThrownBy(() -> OpmlReader.read(Fixtures.feed("regulators.rss")))
			.withMessageContaining("<rss>");
	}

	@Test
	void refusesDocumentsThatAreNotWellFormed() {
		assertThatExceptionOfType(InvalidOpmlException.class)
			.isThrownBy(() -> OpmlReader
				.read("<opml><body><outline xmlUrl='x'></body></opml>".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("not well-formed")
			.withMessageContaining("line 1");
		assertThatExceptionOfType(InvalidOpmlException.class).isThrownBy(() -> OpmlReader.read(new byte[0]));
		assertThatExceptionOfType(InvalidOpmlException.class)
			.isThrownBy(() -> OpmlReader.read("just text".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void findsNoFeedsInAnEmptyList() {
		assertThat(OpmlReader.read("<opml version=\"2.0\"><head/><body/></opml>".getBytes(StandardCharsets.UTF_8)))
			.isEmpty();
	}

}
