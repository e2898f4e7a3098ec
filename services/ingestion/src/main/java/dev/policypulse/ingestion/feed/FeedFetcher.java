package dev.policypulse.ingestion.feed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

import org.springframework.stereotype.Component;

/**
 * Fetches feeds over HTTP with bounded time and size: the whole response must arrive
 * within the timeouts, and a body larger than the limit, as sent or once decompressed, is
 * refused as soon as the limit is crossed rather than after it was read.
 */
@Component
class FeedFetcher {

	private final HttpClient client;

	private final FeedProperties.Fetch settings;

	FeedFetcher(FeedProperties properties) {
		this.settings = properties.fetch();
		this.client = HttpClient.newBuilder()
			.connectTimeout(this.settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	/**
	 * Fetches {@code url}, conditionally if validators from an earlier fetch are known.
	 * @param url the feed's address
	 * @param validators the {@code ETag} and {@code Last-Modified} of the last good fetch
	 * @return the body, or {@link Fetched#notModified()} if the server said 304
	 * @throws FeedFetchException if the feed could not be fetched or was refused
	 * @throws InterruptedException if the calling thread was interrupted
	 */
	Fetched fetch(URI url, Validators validators) throws FeedFetchException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.GET()
			.timeout(this.settings.readTimeout())
			.header("User-Agent", this.settings.userAgent())
			.header("Accept",
					"application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1")
			.header("Accept-Encoding", "gzip");
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
		HttpResponse<byte[]> response;
		try {
			response = exchange.get(this.settings.connectTimeout().plus(this.settings.readTimeout()).toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			throw new FeedFetchException("no complete response within the timeouts");
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof FeedFetchException fetchException) {
				throw fetchException;
			}
			throw new FeedFetchException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
		}
		if (response.statusCode() == 304) {
			return Fetched.notModified();
		}
		if (response.statusCode() != 200) {
			throw new FeedFetchException("HTTP status " + response.statusCode());
		}
		byte[] body = decode(response, limit);
		return new Fetched(body, response.headers().firstValue("Content-Type").orElse(null),
				new Validators(response.headers().firstValue("ETag").orElse(null),
						response.headers().firstValue("Last-Modified").orElse(null)));
	}

	private static long contentLength(HttpResponse.ResponseInfo info) {
		return info.headers().firstValueAsLong("Content-Length").orElse(-1);
	}

	private static byte[] decode(HttpResponse<byte[]> response, long limit) throws FeedFetchException {
		String encoding = response.headers()
			.firstValue("Content-Encoding")
			.orElse("identity")
			.strip()
			.toLowerCase(Locale.ROOT);
		if (encoding.equals("identity") || encoding.isEmpty()) {
			return response.body();
		}
		if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
			throw new FeedFetchException("unsupported Content-Encoding " + encoding);
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
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
		catch (FeedFetchException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new FeedFetchException("invalid gzip body: " + ex.getMessage(), ex);
		}
	}

	private static FeedFetchException tooLarge(long limit) {
		return new FeedFetchException("body larger than the limit of " + limit + " bytes");
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
	 * What a server said about a feed's version, sent back on the next fetch.
	 *
	 * @param etag the {@code ETag}, or {@code null}
	 * @param lastModified the {@code Last-Modified}, or {@code null}
	 */
	record Validators(String etag, String lastModified) {

		static final Validators NONE = new Validators(null, null);

	}

	/**
	 * A fetched feed.
	 *
	 * @param body the decoded body, {@code null} if not modified
	 * @param contentType the {@code Content-Type}, or {@code null}
	 * @param validators the validators to send next time
	 */
	record Fetched(byte[] body, String contentType, Validators validators) {

		static Fetched notModified() {
			return new Fetched(null, null, null);
		}

		boolean isNotModified() {
			return this.body == null;
		}

	}

}
