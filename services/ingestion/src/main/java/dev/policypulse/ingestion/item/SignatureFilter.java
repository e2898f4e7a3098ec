package dev.policypulse.ingestion.item;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.ingestion.item.WebhookSignatures.Verdict;
import dev.policypulse.support.SignedRequests;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Verifies signed pushes before the API-key guard sees them. A request to the item
 * endpoints that carries either signature header must be signed correctly, whether or not
 * it also has an API key; it is refused with {@code 401} otherwise. A correctly signed
 * request is marked verified for {@link SignedRequests}, and the endpoint is handed the
 * exact bytes that were verified. Requests without signature headers pass untouched.
 * <p>
 * The headers are checked first, so that a stale or malformed request is refused without
 * reading its body; the body is then read up to the endpoint's size limit. As a body must
 * be held in memory before its signature can be checked, at most
 * {@code webhook.signed-read-concurrency} bodies are read and checked at a time; a signed
 * request beyond that is answered {@code 503} with {@code Retry-After} at once, without
 * reading its body.
 */
class SignatureFilter extends OncePerRequestFilter {

	/** Signed requests checked, by {@link Verdict}. */
	static final String SIGNATURES_METRIC = "policypulse.ingestion.webhook.signatures";

	private static final UrlPathHelper URL_PATH_HELPER = new UrlPathHelper();

	private final WebhookSignatures signatures;

	private final WebhookProperties properties;

	private final SignedRequests signedRequests;

	private final JsonMapper jsonMapper;

	private final MeterRegistry meterRegistry;

	private final Semaphore bodyReads;

	SignatureFilter(WebhookSignatures signatures, WebhookProperties properties, SignedRequests signedRequests,
			JsonMapper jsonMapper, MeterRegistry meterRegistry) {
		this.signatures = signatures;
		this.properties = properties;
		this.signedRequests = signedRequests;
		this.jsonMapper = jsonMapper;
		this.meterRegistry = meterRegistry;
		this.bodyReads = new Semaphore(properties.signedReadConcurrency());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String timestamp = request.getHeader(WebhookSignatures.TIMESTAMP_HEADER);
		String signature = request.getHeader(WebhookSignatures.SIGNATURE_HEADER);
		if (timestamp == null && signature == null) {
			chain.doFilter(request, response);
			return;
		}
		Verdict verdict = this.signatures.checkHeaders(timestamp, signature);
		if (verdict != Verdict.VALID) {
			refuse(request, response, verdict);
			return;
		}
		if (!this.bodyReads.tryAcquire()) {
			busy(request, response);
			return;
		}
		byte[] body;
		try {
			body = RequestBodies.read(request, ItemController.BATCH_PATH.equals(routedPath(request))
					? this.properties.maxBatchSize() : this.properties.maxItemSize());
			verdict = this.signatures.verify(timestamp, signature, body);
		}
		catch (BodyTooLargeException ex) {
			write(request, response, ex.getBody());
			return;
		}
		finally {
			// Once verified, the body counts against the endpoint's own limits.
			this.bodyReads.release();
		}
		if (verdict != Verdict.VALID) {
			refuse(request, response, verdict);
			return;
		}
		count(verdict);
		this.signedRequests.markVerified(request);
		chain.doFilter(new VerifiedBodyRequest(request, body), response);
	}

	/**
	 * The path the container routed the request by: decoded, without path parameters or
	 * dot segments.
	 */
	private static String routedPath(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		String path = ((servletPath != null) ? servletPath : "") + ((pathInfo != null) ? pathInfo : "");
		return path.isEmpty() ? URL_PATH_HELPER.getPathWithinApplication(request) : StringUtils.cleanPath(path);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, Verdict verdict) throws IOException {
		count(verdict);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail(verdict));
		problem.setTitle("Invalid request signature");
		response.setHeader("WWW-Authenticate", "PolicyPulse-HMAC-SHA256 headers=\"" + WebhookSignatures.TIMESTAMP_HEADER
				+ " " + WebhookSignatures.SIGNATURE_HEADER + "\"");
		write(request, response, problem);
	}

	private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
		countOutcome("busy");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Too many signed requests are being checked at the moment; send it again shortly.");
		problem.setTitle("Busy");
		response.setHeader("Retry-After", "1");
		write(request, response, problem);
	}

	private String detail(Verdict verdict) {
		return switch (verdict) {
			case NOT_ACCEPTED -> "This service does not accept signed requests; use the X-Api-Key header.";
			case MALFORMED ->
				"A signed request needs " + WebhookSignatures.TIMESTAMP_HEADER + " (Unix time in seconds) and "
						+ WebhookSignatures.SIGNATURE_HEADER + " (sha256=<64 hex digits>).";
			case EXPIRED -> "The timestamp in " + WebhookSignatures.TIMESTAMP_HEADER + " is more than "
					+ this.properties.timestampTolerance().toSeconds()
					+ " seconds from the server's time; sign the request again.";
			case INVALID -> "The signature does not match the request body and timestamp.";
			case VALID -> throw new IllegalArgumentException("A valid signature is not refused");
		};
	}

	private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.jsonMapper.writeValue(response.getOutputStream(), problem);
	}

	private void count(Verdict verdict) {
		countOutcome(verdict.tag());
	}

	private void countOutcome(String outcome) {
		Counter.builder(SIGNATURES_METRIC)
			.description("Signed requests to the item endpoints, by verdict")
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

	/** The request as the endpoint sees it: with the body that was verified. */
	private static final class VerifiedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		VerifiedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body was already read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			Charset charset = StandardCharsets.UTF_8;
			try {
				String encoding = getCharacterEncoding();
				charset = (encoding != null) ? Charset.forName(encoding) : charset;
			}
			catch (IllegalArgumentException ex) {
				// an unknown charset in Content-Type: JSON is UTF-8 anyway
			}
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
