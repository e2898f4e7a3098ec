package dev.policypulse.ingestion.item;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.support.SignedRequests;

import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature filter on its own, with servlet request and response stand-ins: what it
 * passes on, and what it refuses before reading the body.
 */
class SignatureFilterTests {

	private static final String SECRET = "filter-test-secret-0123456789abcdefghij";

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@Test
	void passesUnsignedRequestsOnUntouched() throws Exception {
		MockHttpServletRequest request = unreadable("/api/v1/items");
		MockFilterChain chain = new MockFilterChain();
		filter(SECRET).doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
	}

	@Test
	void handsTheEndpointTheBytesThatWereVerified() throws Exception {
		byte[] body = "{\"title\": \"Signed\"}".getBytes(StandardCharsets.UTF_8);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/items");
		request.setContent(body);
		sign(request, SECRET, now(), body);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter(SECRET).doFilter(request, response, chain);
		ServletRequest passedOn = chain.getRequest();
		assertThat(passedOn).isNotNull();
		assertThat(passedOn.getInputStream().readAllBytes()).isEqualTo(body);
		assertThat(passedOn.getContentLengthLong()).isEqualTo(body.length);
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void refusesSignedRequestsWhenNoSecretIsSetWithoutReadingTheBody() throws Exception {
		MockHttpServletRequest request = unreadable("/api/v1/items");
		sign(request, SECRET, now(), new byte[0]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter(null).doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString())
			.contains("This service does not accept signed requests; use the X-Api-Key header.");
	}

	@Test
	void refusesAStaleRequestWithoutReadingTheBody() throws Exception {
		MockHttpServletRequest request = unreadable("/api/v1/items:batch");
		sign(request, SECRET, now() - 3600, new byte[0]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter(SECRET).doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(401);
	}

	@Test
	void appliesTheBatchLimitToBatchesAndTheItemLimitToItems() throws Exception {
		byte[] body = new byte[2048];
		Arrays.fill(body, (byte) ' ');
		for (String path : List.of("/api/v1/items", "/api/v1/items:batch")) {
			MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
			request.setServletPath(path);
			request.setContent(body);
			sign(request, SECRET, now(), body);
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter(SECRET).doFilter(request, response, new MockFilterChain());
			assertThat(response.getStatus()).as(path).isEqualTo(path.endsWith(":batch") ? 200 : 413);
		}
	}

	@Test
	void answersBusyWithoutReadingTheBodyWhileOtherSignedBodiesAreBeingRead() throws Exception {
		SignatureFilter filter = filter(SECRET, 1);
		byte[] body = "{\"title\": \"Signed\"}".getBytes(StandardCharsets.UTF_8);
		MockHttpServletRequest inner = unreadable("/api/v1/items");
		sign(inner, SECRET, now(), body);
		MockHttpServletResponse innerResponse = new MockHttpServletResponse();
		MockHttpServletRequest outer = new MockHttpServletRequest("POST", "/api/v1/items") {

			@Override
			public ServletInputStream getInputStream() {
				// A second signed request arrives while this body is still being read.
				try {
					filter.doFilter(inner, innerResponse, new MockFilterChain());
				}
				catch (Exception ex) {
					throw new AssertionError(ex);
				}
				return new DelegatingServletInputStream(new ByteArrayInputStream(body));
			}

		};
		outer.setServletPath("/api/v1/items");
		sign(outer, SECRET, now(), body);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse outerResponse = new MockHttpServletResponse();
		filter.doFilter(outer, outerResponse, chain);
		assertThat(innerResponse.getStatus()).isEqualTo(503);
		assertThat(innerResponse.getHeader("Retry-After")).isEqualTo("1");
		assertThat(innerResponse.getContentType()).isEqualTo("application/problem+json");
		assertThat(outerResponse.getStatus()).isEqualTo(200);
		assertThat(chain.getRequest()).isNotNull();
		MockFilterChain later = new MockFilterChain();
		MockHttpServletRequest again = new MockHttpServletRequest("POST", "/api/v1/items");
		again.setContent(body);
		sign(again, SECRET, now(), body);
		filter.doFilter(again, new MockHttpServletResponse(), later);
		assertThat(later.getRequest()).as("a free slot once the first body was verified").isNotNull();
	}

	private SignatureFilter filter(String secret) {
		return filter(secret, null);
	}

	private SignatureFilter filter(String secret, Integer signedReadConcurrency) {
		WebhookProperties properties = new WebhookProperties(secret, null, Duration.ofMinutes(5),
				DataSize.ofKilobytes(1), DataSize.ofKilobytes(4), null, null, signedReadConcurrency);
		return new SignatureFilter(new WebhookSignatures(properties, Clock.systemUTC()), properties,
				new SignedRequests(List.of("/api/v1/items", "/api/v1/items:batch")), this.jsonMapper,
				new SimpleMeterRegistry());
	}

	/** A request whose body must not be read. */
	private static MockHttpServletRequest unreadable(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path) {

			@Override
			public ServletInputStream getInputStream() {
				throw new AssertionError("The body was read");
			}

		};
		request.setServletPath(path);
		return request;
	}

	private static long now() {
		return System.currentTimeMillis() / 1000;
	}

	private static void sign(MockHttpServletRequest request, String secret, long timestamp, byte[] body)
			throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
		request.addHeader("X-PolicyPulse-Timestamp", Long.toString(timestamp));
		request.addHeader("X-PolicyPulse-Signature", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)));
	}

}
