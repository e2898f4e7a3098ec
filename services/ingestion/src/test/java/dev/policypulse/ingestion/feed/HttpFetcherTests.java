package dev.policypulse.ingestion.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.Fixtures;
import dev.policypulse.ingestion.feed.FetchException.Kind;
import dev.policypulse.ingestion.feed.HttpFetcher.Accept;
import dev.policypulse.ingestion.feed.HttpFetcher.Fetched;
import dev.policypulse.ingestion.feed.HttpFetcher.Validators;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HttpFetcherTests {

	private static final byte[] FEED = Fixtures.feed("regulators.rss");

	private final FeedServer server = new FeedServer();

	private final HttpFetcher fetcher = new HttpFetcher(new FeedProperties.Fetch(Duration.ofSeconds(1),
			Duration.ofSeconds(1), DataSize.ofKilobytes(64), "PolicyPulse-Test", null), TargetGuard.POLICY);

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void fetchesConditionallyWithTheValidatorsOfTheLastFetch() throws Exception {
		this.server.handle("/feed", (exchange) -> {
			boolean fresh = "\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
					&& "Tue, 04 Feb 2025 14:00:00 GMT"
						.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"));
			exchange.getResponseHeaders().set("ETag", "\"v1\"");
			exchange.getResponseHeaders().set("Last-Modified", "Tue, 04 Feb 2025 14:00:00 GMT");
			exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
			FeedServer.send(exchange, fresh ? 304 : 200, fresh ? new byte[0] : FEED);
		});
		Fetched first = fetch(this.server.url("/feed"), Validators.NONE);
		assertThat(first.body()).isEqualTo(FEED);
		assertThat(first.contentType()).isEqualTo("application/rss+xml");
		assertThat(first.validators()).isEqualTo(new Validators("\"v1\"", "Tue, 04 Feb 2025 14:00:00 GMT"));
		Fetched second = fetch(this.server.url("/feed"), first.validators());
		assertThat(second.isNotModified()).isTrue();
		assertThat(second.validators()).isEqualTo(first.validators());
	}

	@Test
	void decodesGzipAndBothKindsOfDeflate() throws Exception {
		this.server.handle("/gzip", (exchange) -> compressed(exchange, "gzip", gzip(FEED)));
		this.server.handle("/zlib", (exchange) -> compressed(exchange, "deflate", deflate(FEED, false)));
		this.server.handle("/raw", (exchange) -> compressed(exchange, "deflate", deflate(FEED, true)));
		for (String path : new String[] { "/gzip", "/zlib", "/raw" }) {
			assertThat(fetch(this.server.url(path), Validators.NONE).body()).as(path).isEqualTo(FEED);
		}
	}

	@Test
	void followsRedirectsAndReportsWhereTheDocumentWasFound() throws Exception {
		this.server.handle("/old", (exchange) -> redirect(exchange, 301, "/moved?x=1#ignored"));
		this.server.handle("/moved", (exchange) -> redirect(exchange, 307, this.server.url("/new").toString()));
		this.server.serve("/new", FEED, "application/rss+xml");
		Fetched fetched = fetch(this.server.url("/old"), Validators.NONE);
		assertThat(fetched.body()).isEqualTo(FEED);
		assertThat(fetched.url()).isEqualTo(this.server.url("/new"));
		assertThat(this.server.hits("/moved")).isOne();
	}

	@Test
	void followsFiveRedirectsButNotSix() throws Exception {
		this.server.handle("/hop", (exchange) -> {
			int hop = Integer.parseInt(exchange.getRequestURI().getQuery());
			redirect(exchange, 302, "/hop?" + (hop + 1));
		});
		this.server.serve("/end", FEED, "application/rss+xml");
		this.server.handle("/chain", (exchange) -> {
			int hop = Integer.parseInt(exchange.getRequestURI().getQuery());
			if (hop == 5) {
				redirect(exchange, 302, "/end");
			}
			else {
				redirect(exchange, 302, "/chain?" + (hop + 1));
			}
		});
		assertThat(fetch(this.server.url("/chain?1"), Validators.NONE).url()).isEqualTo(this.server.url("/end"));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/hop?1"), Validators.NONE))
			.withMessage("more than 5 redirects");
		assertThat(this.server.hits("/hop")).isEqualTo(6);
	}

	@Test
	void refusesRedirectsOutOfHttpWhateverTheAllowance() {
		this.server.handle("/file", (exchange) -> redirect(exchange, 302, "file:///etc/passwd"));
		this.server.handle("/userinfo", (exchange) -> redirect(exchange, 302, "http://admin:admin@127.0.0.1:1/"));
		this.server.handle("/broken", (exchange) -> redirect(exchange, 302, "http://exa mple.org/"));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/file"), Validators.NONE))
			.withMessage("redirect refused: only http and https URLs are fetched, not 'file:'")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.REFUSED));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/userinfo"), Validators.NONE))
			.withMessage("redirect refused: URLs with user information are not fetched");
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/broken"), Validators.NONE))
			.withMessage("HTTP 302 with an invalid Location");
	}

	@Test
	void tellsHostTroubleFromAnswersThatWillNotChange() {
		this.server.handle("/unavailable", (exchange) -> FeedServer.send(exchange, 503, new byte[0]));
		this.server.handle("/busy", (exchange) -> FeedServer.send(exchange, 429, new byte[0]));
		this.server.handle("/gone", (exchange) -> FeedServer.send(exchange, 404, new byte[0]));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/unavailable"), Validators.NONE))
			.withMessage("HTTP 503")
			.satisfies((ex) -> assertThat(ex.isHostFailure()).isTrue());
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/busy"), Validators.NONE))
			.satisfies((ex) -> assertThat(ex.isHostFailure()).isTrue());
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/gone"), Validators.NONE))
			.withMessage("HTTP 404")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.FAILED));
	}

	@Test
	void reportsAHostThatIsNotListening() {
		int port = this.server.port();
		this.server.close();
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(URI.create("http://127.0.0.1:" + port + "/feed"), Validators.NONE))
			.withMessage("connection refused")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.UNAVAILABLE));
	}

	@Test
	void givesUpOnAResponseThatDoesNotEndInTime() {
		this.server.handle("/drip", (exchange) -> {
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			try {
				for (int i = 0; i < 100; i++) {
					out.write("<".getBytes(StandardCharsets.UTF_8));
					out.flush();
					Thread.sleep(100);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/drip"), Validators.NONE))
			.withMessage("no complete response within 2000 ms")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.UNAVAILABLE));
	}

	@Test
	void refusesBodiesLargerThanTheLimitAsSentOrDecompressed() throws IOException {
		byte[] big = new byte[100 * 1024];
		this.server.serve("/declared", big, "application/rss+xml");
		this.server.handle("/bomb", (exchange) -> compressed(exchange, "gzip", gzip(new byte[10 * 1024 * 1024])));
		this.server.handle("/deflate-bomb",
				(exchange) -> compressed(exchange, "deflate", deflate(new byte[10 * 1024 * 1024], false)));
		for (String path : new String[] { "/declared", "/bomb", "/deflate-bomb" }) {
			assertThatExceptionOfType(FetchException.class)
				.isThrownBy(() -> fetch(this.server.url(path), Validators.NONE))
				.withMessage("body larger than the limit of 65536 bytes")
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.REFUSED));
		}
	}

	@Test
	void refusesAnUnsupportedOrBrokenEncoding() {
		this.server.handle("/brotli", (exchange) -> compressed(exchange, "br", FEED));
		this.server.handle("/not-gzip", (exchange) -> compressed(exchange, "gzip", FEED));
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/brotli"), Validators.NONE))
			.withMessage("unsupported Content-Encoding br");
		assertThatExceptionOfType(FetchException.class)
			.isThrownBy(() -> fetch(this.server.url("/not-gzip"), Validators.NONE))
			.withMessage("invalid gzip body");
	}

	private Fetched fetch(URI url, Validators validators) throws FetchException, InterruptedException {
		return this.fetcher.fetch(url, true, validators, Accept.FEED);
	}

	private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		FeedServer.send(exchange, status, new byte[0]);
	}

	private static void compressed(HttpExchange exchange, String encoding, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
		exchange.getResponseHeaders().set("Content-Encoding", encoding);
		FeedServer.send(exchange, 200, body);
	}

	static byte[] gzip(byte[] body) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(body);
		}
		return bytes.toByteArray();
	}

	static byte[] deflate(byte[] body, boolean raw) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(Deflater.BEST_COMPRESSION, raw))) {
			out.write(body);
		}
		return bytes.toByteArray();
	}

}
