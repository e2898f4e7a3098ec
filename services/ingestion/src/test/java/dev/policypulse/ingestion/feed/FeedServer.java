package dev.policypulse.ingestion.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 serving test documents, counting requests per path and
 * the most requests it handled at the same time.
 */
final class FeedServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	FeedServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	/** Serves {@code body} at {@code path} with a {@code Content-Length}. */
	FeedServer serve(String path, byte[] body, String contentType) {
		return handle(path, (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", contentType);
			send(exchange, 200, body);
		});
	}

	FeedServer handle(String path, HttpHandler handler) {
		this.server.createContext(path, (exchange) -> {
			this.hits.computeIfAbsent(exchange.getRequestURI().getPath(), (p) -> new AtomicInteger()).incrementAndGet();
			this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
			try (exchange) {
				handler.handle(exchange);
			}
			catch (IOException ex) {
				// the client gave up reading, as it should for refused bodies
			}
			finally {
				this.inFlight.decrementAndGet();
			}
		});
		return this;
	}

	static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	int hits(String path) {
		AtomicInteger count = this.hits.get(path);
		return (count != null) ? count.get() : 0;
	}

	int maxInFlight() {
		return this.maxInFlight.get();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
	}

	/** The same server under the name {@code localhost}: another host to the poller. */
	URI localhostUrl(String path) {
		return URI.create("http://localhost:" + port() + path);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
