package dev.policypulse.ingestion.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.policypulse.ingestion.Fixtures;
import dev.policypulse.ingestion.health.SourceHealth;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds built to harm a reader, each served by a real HTTP server and polled like any
 * source: every one is refused, nothing is published, nothing is fetched on the
 * document's behalf, and the source's health says why.
 */
class HostileFeedsTests {

	private static final String SECRET = "TOP-SECRET-KEY-MATERIAL";

	private static final FeedServer server = new FeedServer();

	private static final Polling polling = new Polling(Polling.settings(DataSize.ofMegabytes(1), 20));

	/** Polls the feeds that are read, apart from the refused ones. */
	private static final Polling reading = new Polling(Polling.settings(DataSize.ofMegabytes(1), 20));

	private static Path secretFile;

	@BeforeAll
	static void serveHostileDocuments() throws IOException {
		secretFile = Files.createTempFile("ingestion-secret", ".txt");
		Files.writeString(secretFile, SECRET);
		String exfiltration = server.url("/exfiltrate").toString();
		serve("xxe-file", fixture("xxe-file.rss").replace("SECRET_FILE_URI", secretFile.toUri().toString()));
		serve("xxe-http", fixture("xxe-http.rss").replace("EXFILTRATION_URL", exfiltration));
		serve("parameter-entities", fixture("parameter-entities.rss").replace("EXFILTRATION_URL", exfiltration));
		serve("billion-laughs", fixture("billion-laughs.rss"));
		serve("quadratic-blowup", fixture("quadratic-blowup.rss"));
		serve("deep-nesting", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" + "<x>".repeat(10_000)
				+ "</x>".repeat(10_000) + "</channel></rss>");
		serve("element-flood", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Flood</title>"
				+ "<x/>".repeat(120_000) + "</channel></rss>");
		server.handle("/endless-body", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
			exchange.sendResponseHeaders(200, 0);
			byte[] chunk = "<item><title>more</title></item>".repeat(256).getBytes(StandardCharsets.UTF_8);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write("<rss version=\"2.0\"><channel>".getBytes(StandardCharsets.UTF_8));
				for (int i = 0; i < 100_000; i++) {
					out.write(chunk);
				}
			}
		});
		server.serve("/declared-too-large", new byte[2 * 1024 * 1024], "application/rss+xml");
		byte[] gzipBomb = HttpFetcherTests.gzip(new byte[64 * 1024 * 1024]);
		server.handle("/gzip-bomb", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
			exchange.getResponseHeaders().set("Content-Encoding", "gzip");
			FeedServer.send(exchange, 200, gzipBomb);
		});
		byte[] deflateBomb = HttpFetcherTests.deflate(new byte[64 * 1024 * 1024], false);
		server.handle("/deflate-bomb", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
			exchange.getResponseHeaders().set("Content-Encoding", "deflate");
			FeedServer.send(exchange, 200, deflateBomb);
		});
		server.serve("/bad-utf8", Fixtures.file("hostile/bad-utf8.rss"), "application/rss+xml");
		// Without a charset in the Content-Type the document's own declaration counts.
		server.serve("/utf7", Fixtures.file("hostile/utf7.rss"), "application/rss+xml");
		server.serve("/not-xml", Fixtures.file("hostile/not-xml.txt"), "text/plain");
		serve("truncated", fixture("truncated.rss"));
		server.serve("/html-doctype", Fixtures.file("hostile/html-doctype.html"), "text/html; charset=utf-8");
		server.serve("/html-no-doctype", Fixtures.file("hostile/html-no-doctype.html"), "application/rss+xml");
		serve("wrong-root", fixture("wrong-root.xml"));
		server.serve("/json-deep", ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
				+ "[".repeat(10_000) + "]".repeat(10_000) + "]}")
			.getBytes(StandardCharsets.UTF_8), "application/feed+json");
		server.serve("/json-token-flood",
				("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [" + "0,".repeat(300_000) + "0]}")
					.getBytes(StandardCharsets.UTF_8),
				"application/feed+json");
		server.serve("/json-not-a-feed", Fixtures.file("hostile/json-not-a-feed.json"), "application/json");
		server.serve("/json-duplicate-keys", Fixtures.file("hostile/json-duplicate-keys.json"),
				"application/feed+json");
		server.serve("/json-truncated", Fixtures.file("hostile/json-truncated.json"), "application/feed+json");
		server.handle("/empty", (exchange) -> FeedServer.send(exchange, 200, new byte[0]));
		serve("external-dtd", "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"" + exfiltration
				+ "\"><rss version=\"2.0\"><channel><title>t</title></channel></rss>");
		serve("svg-entity", "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY s SYSTEM \"" + secretFile.toUri()
				+ "\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&s;</text></svg>");
		serve("atom-entity", "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY s SYSTEM \"" + secretFile.toUri()
				+ "\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&s;</title></feed>");
		serve("xinclude", reachingOut("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
				+ secretFile.toUri() + "\" parse=\"text\"/>", "xinclude"));
		serve("xinclude-http",
				reachingOut("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + exfiltration + "\"/>",
						"xinclude-http"));
		serve("stylesheet", reachingOut("", "stylesheet").replace("<rss",
				"<?xml-stylesheet type=\"text/xsl\" href=\"" + exfiltration + "\"?><rss"));
		serve("xslt-element",
				reachingOut(
						"<xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" "
								+ "version=\"1.0\"><xsl:import href=\"" + exfiltration + "\"/></xsl:stylesheet>",
						"xslt-element"));
		serve("svg-xlink",
				reachingOut("<svg xmlns=\"http://www.w3.org/2000/svg\" "
						+ "xmlns:xlink=\"http://www.w3.org/1999/xlink\"><image xlink:href=\"" + exfiltration
						+ "\"/></svg>", "svg-xlink"));
	}

	@AfterAll
	static void stopServer() throws IOException {
		server.close();
		Files.deleteIfExists(secretFile);
	}

	static Stream<Arguments> hostileDocuments() {
		return Stream.of(Arguments.of("xxe-file", "XML DOCTYPE refused"),
				Arguments.of("xxe-http", "XML DOCTYPE refused"),
				Arguments.of("parameter-entities", "XML DOCTYPE refused"),
				Arguments.of("billion-laughs", "XML DOCTYPE refused"),
				Arguments.of("quadratic-blowup", "XML DOCTYPE refused"),
				Arguments.of("deep-nesting", "XML nested deeper than 64 elements"),
				Arguments.of("element-flood", "XML with more than 100000 elements"),
				Arguments.of("endless-body", "body larger than the limit of 1048576 bytes"),
				Arguments.of("declared-too-large", "body larger than the limit of 1048576 bytes"),
				Arguments.of("gzip-bomb", "body larger than the limit of 1048576 bytes"),
				Arguments.of("deflate-bomb", "body larger than the limit of 1048576 bytes"),
				Arguments.of("bad-utf8", "bytes not valid UTF-8"), Arguments.of("utf7", "unknown charset 'utf-7'"),
				Arguments.of("not-xml", "neither XML nor JSON (text/plain)"),
				Arguments.of("truncated", "not well-formed XML: "),
				Arguments.of("html-doctype", "an HTML page, not a feed"),
				Arguments.of("html-no-doctype", "an HTML page, not a feed"),
				Arguments.of("wrong-root", "root element <svg> is neither RSS nor Atom"),
				Arguments.of("json-deep", "JSON beyond the safety limits: Document nesting depth"),
				Arguments.of("json-token-flood", "JSON beyond the safety limits: Token count"),
				Arguments.of("json-not-a-feed", "JSON document is not a JSON Feed (no jsonfeed.org version)"),
				Arguments.of("json-duplicate-keys", "not well-formed JSON: Duplicate"),
				Arguments.of("json-truncated", "not well-formed JSON: "), Arguments.of("empty", "empty document"),
				Arguments.of("external-dtd", "XML DOCTYPE refused"), Arguments.of("svg-entity", "XML DOCTYPE refused"),
				Arguments.of("atom-entity", "XML DOCTYPE refused"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileDocuments")
	void refusesTheDocumentAndTheHealthSaysWhy(String name, String reason) {
		int before = server.hits("/" + name);
		SourceHealth health = polling.pollOnce(Polling.feed(name, server.url("/" + name), true));
		assertThat(server.hits("/" + name)).as("fetched once, not retried").isEqualTo(before + 1);
		assertThat(health.status()).isEqualTo("failing");
		assertThat(health.consecutiveFailures()).isOne();
		assertThat(health.lastErrorMessage()).startsWith(reason).doesNotContain(SECRET).hasSizeLessThan(300);
		assertThat(polling.sink.publishedBy(name)).isEmpty();
		assertThat(polling.fetches(name, "refused")).isOne();
		assertThat(server.hits("/exfiltrate")).as("nothing fetched on the document's behalf").isZero();
	}

	@Test
	void refusesTheWholeCorpusWithoutPublishingAnything() {
		assertThat(hostileDocuments()).hasSizeGreaterThanOrEqualTo(15);
		hostileDocuments().forEach((arguments) -> polling
			.pollOnce(Polling.feed("again-" + arguments.get()[0], server.url("/" + arguments.get()[0]), true)));
		assertThat(polling.sink.published()).isEmpty();
		assertThat(server.hits("/exfiltrate")).isZero();
	}

	/**
	 * Well-formed feeds without a DOCTYPE whose markup asks a processor to fetch
	 * something: XInclude, stylesheet instructions, XSLT imports, SVG links.
	 */
	static Stream<String> documentsThatReachOut() {
		return Stream.of("xinclude", "xinclude-http", "stylesheet", "xslt-element", "svg-xlink");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documentsThatReachOut")
	void readsFeedsThatReachOutAsPlainMarkupAndFetchNothing(String name) {
		SourceHealth health = reading.pollOnce(Polling.feed(name, server.url("/" + name), true));
		assertThat(health.status()).isEqualTo("ok");
		assertThat(reading.sink.publishedBy(name)).hasSize(1)
			.allSatisfy((item) -> assertThat(item.title() + item.text() + item.html()).doesNotContain(SECRET));
		assertThat(server.hits("/exfiltrate")).as("nothing fetched on the document's behalf").isZero();
	}

	/** A one-item RSS feed with the given markup in its channel. */
	private static String reachingOut(String markup, String name) {
		return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Reaching out</title>"
				+ "<link>https://reach.example.org/</link>" + markup + "<item><title>Regulator publishes notice " + name
				+ "</title><link>https://reach.example.org/" + name + "</link><description>Text " + markup
				+ "</description></item></channel></rss>";
	}

	private static void serve(String name, String body) {
		server.serve("/" + name, body.getBytes(StandardCharsets.UTF_8), "application/rss+xml; charset=utf-8");
	}

	private static String fixture(String name) {
		return new String(Fixtures.file("hostile/" + name), StandardCharsets.UTF_8);
	}

}
