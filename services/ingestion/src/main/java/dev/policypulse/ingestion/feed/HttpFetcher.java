package dev.policypulse.ingestion.feed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import dev.policypulse.ingestion.feed.FetchException.Kind;
import dev.policypulse.ingestion.net.RefusedTargetException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Fetches documents over HTTP, safely. Redirects are followed here rather than by the
 * HTTP client, so that every hop is checked like the first address: each URL is checked
 * and its host resolved and checked right before its request, with the source's allowance
 * for private networks (see {@link TargetGuard}). The whole response must arrive within
 * the time-outs, and a body larger than the limit, as sent or once decompressed (gzip or
 * deflate), is refused as soon as the limit is crossed rather than after it was read.
 */
@Component
class HttpFetcher {

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	private final HttpClient client;

	private final FeedProperties.Fetch settings;

	private final TargetGuard guard;

	@Autowired
	HttpFetcher(FeedProperties properties) {
		this(properties.fetch(), TargetGuard.POLICY);
	}

	HttpFetcher(FeedProperties.Fetch settings, TargetGuard guard) {
		this.settings = settings;
		this.guard = guard;
		this.client = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Fetches {@code url}, conditionally if validators from an earlier fetch are known.
	 * @param url the document's address
	 * @param allowPrivateNetwork whether the source may be on a private network; applies
	 * to every redirect too
	 * @param validators the {@code ETag} and {@code Last-Modified} of the last good fetch
	 * @param accept what kind of document is wanted
	 * @return the body, or a {@link Fetched#isNotModified() not modified} answer
	 * @throws FetchException if the document could not be fetched or was refused
	 * @throws InterruptedException if the calling thread was interrupted
	 */
	Fetched fetch(URI url, boolean allowPrivateNetwork, Validators validators, Accept accept)
			throws FetchException, InterruptedException {
		URI current = url;
		for (int redirects = 0;; redirects++) {
			check(current, allowPrivateNetwork, redirects > 0);
			HttpResponse<byte[]> response = exchange(current, validators, accept);
			int status = response.statusCode();
			if (REDIRECTS.contains(status)) {
				if (redirects >= this.settings.maxRedirects()) {
					throw new FetchException(Kind.FAILED, "more than " + this.settings.maxRedirects() + " redirects");
				}
				current = redirectTarget(current, status, response.headers().firstValue("Location").orElse(null));
				continue;
			}
			if (status == 304) {
				return new Fetched(current, null, null, validators);
			}
			if (status != 200) {
				throw new FetchException((status >= 500 || status == 429) ? Kind.UNAVAILABLE : Kind.FAILED,
						"HTTP " + status);
			}
			byte[] body = decode(response, this.settings.maxBodySize().toBytes());
			return new Fetched(current, body, response.headers().firstValue("Content-Type").orElse(null),
					new Validators(response.headers().firstValue("ETag").orElse(null),
							response.headers().firstValue("Last-Modified").orElse(null)));
		}
	}

	private void check(URI url, boolean allowPrivateNetwork, boolean redirected) throws FetchException {
		try {
			this.guard.check(url, allowPrivateNetwork);
		}
		catch (RefusedTargetException ex) {
			throw new FetchException(Kind.REFUSED, (redirected ? "redirect refused: " : "") + ex.getMessage());
		}
		catch (UnknownHostException ex) {
			throw new FetchException(Kind.UNAVAILABLE, "host " + url.getHost() + " not found");
		}
	}

	private static URI redirectTarget(URI from, int status, String location) throws FetchException {
		if (location == null || location.isBlank()) {
			throw new FetchException(Kind.FAILED, "HTTP " + status + " without a Location");
		}
		try {
			String target = from.resolve(new URI(location.strip())).toString();
			int fragment = target.indexOf('#');
			return new URI((fragment >= 0) ? target.substring(0, fragment) : target);
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw new FetchException(Kind.FAILED, "HTTP " + status + " with an invalid Location");
		}
	}

	private HttpResponse<byte[]> exchange(URI url, Validators validators, Accept accept)
			throws FetchException, InterruptedException {
		HttpRequest.Builder request;
		try {
			request = HttpRequest.newBuilder(url);
		}
		catch (IllegalArgumentException ex) {
			throw new FetchException(Kind.FAILED, "not a fetchable URL");
		}
		request.GET()
			.timeout(this.settings.readTimeout())
			.header("User-Agent", this.settings.userAgent())
			.header("Accept", accept.header)
			.header("Accept-Encoding", "gzip, deflate");
		if (validators.etag() != null) {
			request.header("If-None-Match", validators.etag());
		}
		if (validators.lastModified() != null) {
			request.header("If-Modified-Since", validators.lastModified());
		}
		long limit = this.settings.maxBodySize().toBytes();
		CompletableFuture<HttpResponse<byte[]>> exchange = this.client.sendAsync(request.build(),
				(info) -> (info.statusCode() == 200) ? new LimitedBodySubscriber(limit, contentLength(info))
						: BodySubscribers.replacing(new byte[0]));
		long timeout = this.settings.connectTimeout().plus(this.settings.readTimeout()).toMillis();
		try {
			return exchange.get(timeout, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			throw new FetchException(Kind.UNAVAILABLE, "no complete response within " + timeout + " ms");
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			throw failure((ex.getCause() != null) ? ex.getCause() : ex);
		}
	}

	private static FetchException failure(Throwable cause) {
		if (cause instanceof FetchException fetchException) {
			return fetchException;
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return new FetchException(Kind.UNAVAILABLE, "connection timed out", cause);
		}
		if (cause instanceof HttpTimeoutException) {
			return new FetchException(Kind.UNAVAILABLE, "no response in time", cause);
		}
		if (cause instanceof ConnectException) {
			return new FetchException(Kind.UNAVAILABLE, "connection refused", cause);
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return new FetchException(Kind.UNAVAILABLE, "connection failed: " + message, cause);
	}

	private static long contentLength(HttpResponse.ResponseInfo info) {
		return info.headers().firstValueAsLong("Content-Length").orElse(-1);
	}

	private static byte[] decode(HttpResponse<byte[]> response, long limit) throws FetchException {
		String encoding = response.headers()
			.firstValue("Content-Encoding")
			.orElse("identity")
			.strip()
			.toLowerCase(Locale.ROOT);
		byte[] body = response.body();
		try {
			return switch (encoding) {
				case "", "identity" -> body;
				case "gzip", "x-gzip" -> readLimited(new GZIPInputStream(new ByteArrayInputStream(body)), limit);
				case "deflate" -> inflate(body, limit);
				default -> throw new FetchException(Kind.REFUSED, "unsupported Content-Encoding " + encoding);
			};
		}
		catch (FetchException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new FetchException(Kind.REFUSED, "invalid " + encoding + " body", ex);
		}
	}

	/**
	 * Inflates a deflate body: zlib-wrapped as the standard says, or raw deflate data as
	 * some servers send.
	 */
	private static byte[] inflate(byte[] body, long limit) throws IOException {
		boolean zlib = body.length >= 2 && (body[0] & 0x0f) == 8
				&& (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
		Inflater inflater = new Inflater(!zlib);
		try {
			return readLimited(new InflaterInputStream(new ByteArrayInputStream(body), inflater), limit);
		}
		finally {
			inflater.end();
		}
	}

	private static byte[] readLimited(InputStream compressed, long limit) throws IOException {
		try (InputStream in = compressed) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (out.size() + (long) read > limit) {
					throw tooLarge(limit);
				}
				out.write(buffer, 0, read);
			}
			return out.toByteArray();
		}
	}

	private static FetchException tooLarge(long limit) {
		return new FetchException(Kind.REFUSED, "body larger than the limit of " + limit + " bytes");
	}

	/** What a request asks for. */
	enum Accept {

		/** RSS, Atom or JSON Feed. */
		FEED("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
				+ "text/xml;q=0.9, application/json;q=0.8, */*;q=0.1"),

		/** An HTML page. */
		PAGE("text/html, application/xhtml+xml;q=0.9, */*;q=0.1");

		private final String header;

		Accept(String header) {
			this.header = header;
		}

	}

	/**
	 * Collects a body into memory and gives up, cancelling the transfer, once it grows
	 * past the limit.
	 */
	private static final class LimitedBodySubscriber implements BodySubscriber<byte[]> {

		private final CompletableFuture<byte[]> result = new CompletableFuture<>();

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private final long limit;

		private final long declaredLength;

		private Flow.Subscription subscription;

		LimitedBodySubscriber(long limit, long declaredLength) {
			this.limit = limit;
			this.declaredLength = declaredLength;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.declaredLength > this.limit) {
				subscription.cancel();
				this.result.completeExceptionally(tooLarge(this.limit));
				return;
			}
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.result.isDone()) {
				return;
			}
			for (ByteBuffer buffer : buffers) {
				if (this.body.size() + (long) buffer.remaining() > this.limit) {
					this.subscription.cancel();
					this.result.completeExceptionally(tooLarge(this.limit));
					return;
				}
				byte[] chunk = new byte[buffer.remaining()];
				buffer.get(chunk);
				this.body.write(chunk, 0, chunk.length);
			}
		}

		@Override
		public void onError(Throwable throwable) {
			this.result.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			this.result.complete(this.body.toByteArray());
		}

	}

	/**
	 * What a server said about a document's version, sent back on the next fetch.
	 *
	 * @param etag the {@code ETag}, or {@code null}
	 * @param lastModified the {@code Last-Modified}, or {@code null}
	 */
	record Validators(String etag, String lastModified) {

		static final Validators NONE = new Validators(null, null);

	}

	/**
	 * A fetched document.
	 *
	 * @param url where it was found, after redirects: the base of its relative links
	 * @param body the decoded body, {@code null} if not modified
	 * @param contentType the {@code Content-Type}, or {@code null}
	 * @param validators the validators to send next time
	 */
	record Fetched(URI url, byte[] body, String contentType, Validators validators) {

		boolean isNotModified() {
			return this.body == null;
		}

	}

}
