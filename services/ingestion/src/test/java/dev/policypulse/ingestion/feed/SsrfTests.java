package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.policypulse.ingestion.Fixtures;
import dev.policypulse.ingestion.health.SourceHealth;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side request forgery at fetch time, for sources without the private-network
 * allowance: addresses of this machine or of private networks are refused before any
 * request, whether configured directly or reached through a redirect, and the source's
 * health says why.
 * <p>
 * Every test server listens on 127.0.0.1. To play a public server that redirects inwards,
 * one of them (the "gateway") is trusted by the guard these tests use; every other
 * address is judged by the real policy.
 */
class SsrfTests {

	/** An internal service that must never be reached. */
	private static final FeedServer internal = new FeedServer();

	/** A public server that answers with redirects of the test's choosing. */
	private static final FeedServer gateway = new FeedServer();

	private static final AtomicInteger checks = new AtomicInteger();

	private static final TargetGuard guard = (url, allowPrivateNetwork) -> {
		checks.incrementAndGet();
		if ("127.0.0.1".equals(url.getHost()) && url.getPort() == gateway.port()) {
			return;
		}
		TargetGuard.POLICY.check(url, allowPrivateNetwork);
	};

	private static final Polling polling = new Polling(Polling.testSettings(), guard, Clock.systemUTC());

	static {
		internal.serve("/feed", Fixtures.feed("regulators.rss"), "application/rss+xml");
		gateway.handle("/redirect", (exchange) -> {
			String query = exchange.getRequestURI().getRawQuery();
			exchange.getResponseHeaders()
				.set("Location", URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8));
			FeedServer.send(exchange, 302, new byte[0]);
		});
		gateway.handle("/twice", (exchange) -> {
			exchange.getResponseHeaders().set("Location", "/feed");
			FeedServer.send(exchange, 301, new byte[0]);
		});
		gateway.serve("/feed", Fixtures.feed("regulators.rss"), "application/rss+xml");
	}

	@AfterAll
	static void stopServers() {
		internal.close();
		gateway.close();
	}

	static Stream<Arguments> localTargets() {
		int port = internal.port();
		return Stream.of(
				Arguments.of("http://127.0.0.1:" + port + "/feed", "address 127.0.0.1 is not on the public internet"),
				Arguments.of("http://localhost:" + port + "/feed", "host localhost is on a local network"),
				Arguments.of("http://localhost.:" + port + "/feed", "host localhost. is on a local network"),
				Arguments.of("http://[::1]:" + port + "/feed", "address 0:0:0:0:0:0:0:1 is not on the public internet"),
				Arguments.of("http://0.0.0.0:" + port + "/feed", "address 0.0.0.0 is not on the public internet"),
				Arguments.of("http://2130706433:" + port + "/feed",
						"host 2130706433 is a numeric address in an ambiguous notation"),
				Arguments.of("http://0x7f000001:" + port + "/feed",
						"host 0x7f000001 is a numeric address in an ambiguous notation"),
				Arguments.of("http://[::ffff:127.0.0.1]:" + port + "/feed",
						"address 127.0.0.1 is not on the public internet"),
				Arguments.of("http://10.0.0.1/feed", "address 10.0.0.1 is not on the public internet"),
				Arguments.of("http://192.168.0.1/admin", "address 192.168.0.1 is not on the public internet"),
				Arguments.of("http://172.31.255.255/", "address 172.31.255.255 is not on the public internet"),
				Arguments.of("http://169.254.169.254/latest/meta-data/",
						"address 169.254.169.254 is not on the public internet"),
				Arguments.of("http://[fd00:ec2::254]/latest/meta-data/",
						"address fd00:ec2:0:0:0:0:0:254 is not on the public internet"),
				Arguments.of("http://[::ffff:a9fe:a9fe]/", "address 169.254.169.254 is not on the public internet"),
				Arguments.of("http://100.100.100.200/latest/meta-data/",
						"address 100.100.100.200 is not on the public internet"),
				Arguments.of("http://metadata.google.internal/computeMetadata/v1/",
						"host metadata.google.internal is on a local network"),
				Arguments.of("http://printer.local/", "host printer.local is on a local network"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("localTargets")
	void refusesALocalAddressConfiguredAsTheSource(String url, String reason) {
		String id = "direct-" + Integer.toHexString(url.hashCode());
		SourceHealth health = polling.pollOnce(Polling.feed(id, URI.create(url), false));
		assertThat(health.status()).isEqualTo("failing");
		assertThat(health.lastErrorMessage()).isEqualTo(reason);
		assertThat(internal.hits("/feed")).isZero();
		assertThat(polling.fetches(id, "refused")).isOne();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("localTargets")
	void refusesARedirectToALocalAddress(String url, String reason) {
		String id = "redirected-" + Integer.toHexString(url.hashCode());
		SourceHealth health = polling.pollOnce(Polling.feed(id, redirectTo(url), false));
		assertThat(health.status()).isEqualTo("failing");
		assertThat(health.lastErrorMessage()).isEqualTo("redirect refused: " + reason);
		assertThat(internal.hits("/feed")).isZero();
		assertThat(polling.sink.publishedBy(id)).isEmpty();
	}

	@Test
	void refusesRedirectsToOtherSchemesAndSchemeRelativeLocalAddresses() {
		SourceHealth file = polling.pollOnce(Polling.feed("to-file", redirectTo("file:///etc/passwd"), false));
		assertThat(file.lastErrorMessage())
			.isEqualTo("redirect refused: only http and https URLs are fetched, not 'file:'");
		SourceHealth gopher = polling
			.pollOnce(Polling.feed("to-gopher", redirectTo("gopher://127.0.0.1:6379/_FLUSHALL"), false));
		assertThat(gopher.lastErrorMessage())
			.isEqualTo("redirect refused: only http and https URLs are fetched, not 'gopher:'");
		SourceHealth relative = polling
			.pollOnce(Polling.feed("to-relative", redirectTo("//127.0.0.1:" + internal.port() + "/feed"), false));
		assertThat(relative.lastErrorMessage())
			.isEqualTo("redirect refused: address 127.0.0.1 is not on the public internet");
		assertThat(internal.hits("/feed")).isZero();
	}

	@Test
	void checksTheTargetBeforeEveryRequestAndEveryRedirect() {
		URI url = gateway.url("/twice");
		SourceState state = new SourceState(Polling.feed("rechecked", url, false), 10);
		int before = checks.get();
		for (int i = 0; i < 3; i++) {
			assertThat(polling.poll(state).status()).isEqualTo("ok");
		}
		// Two requests per poll (the redirect and its target), each checked anew, so a
		// name that has come to point inside since the last poll is caught.
		assertThat(checks.get() - before).isEqualTo(6);
		assertThat(gateway.hits("/feed")).isEqualTo(3);
	}

	private static URI redirectTo(String location) {
		return gateway.url("/redirect?to=" + URLEncoder.encode(location, StandardCharsets.UTF_8));
	}

}
