package dev.policypulse.notifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of an SMTP server that holds back the server's reply to each
 * email's content, the reply that says the email was accepted, for a while; everything
 * else passes at once. While a reply is held, the server has the email but the sender
 * does not know it yet: a sender that dies then has sent an email without recording it,
 * the one case in which an email can arrive twice. Once frozen, it holds those replies
 * for good.
 */
final class SlowSmtpProxy implements AutoCloseable {

	/** How the sender ends an email's content (dot-stuffing keeps it out of the text). */
	private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

	private final ServerSocket socket;

	private final int serverPort;

	private final long delayMillis;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicInteger openConnections = new AtomicInteger();

	private final AtomicBoolean frozen = new AtomicBoolean();

	private final AtomicInteger accepted = new AtomicInteger();

	/**
	 * Proxies to the SMTP server listening on the given local port.
	 * @param acceptanceDelay how long each reply to an email's content is held
	 */
	SlowSmtpProxy(int serverPort, Duration acceptanceDelay) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.serverPort = serverPort;
		this.delayMillis = acceptanceDelay.toMillis();
		Thread acceptor = new Thread(this::accept, "slow-smtp-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * From now on, holds every reply to an email's content until the proxy is closed: the
	 * server keeps accepting emails that their sender never hears about.
	 */
	void freeze() {
		this.frozen.set(true);
	}

	/**
	 * Replies to an email's content that the server sent, held or passed on: how many
	 * emails the server has taken in through this proxy.
	 */
	int acceptedByServer() {
		return this.accepted.get();
	}

	/** Connections that are still open on either side. */
	int openConnections() {
		return this.openConnections.get();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.serverPort);
				this.sockets.add(client);
				this.sockets.add(server);
				this.openConnections.incrementAndGet();
				Connection connection = new Connection(client, server);
				start(connection::forwardCommands, "slow-smtp-proxy-commands");
				start(connection::forwardReplies, "slow-smtp-proxy-replies");
			}
			catch (IOException ex) {
				// closed, or the server refused: the client sees its connection end
			}
		}
	}

	private static void start(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket open : this.sockets) {
			closeQuietly(open);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// going away either way
		}
	}

	/** One client's connection and the proxy's own to the server. */
	private final class Connection {

		private final Socket client;

		private final Socket server;

		/** Set once the client finished an email's content, until the reply is held. */
		private final AtomicBoolean contentSent = new AtomicBoolean();

		private final AtomicInteger directionsOpen = new AtomicInteger(2);

		private final byte[] tail = new byte[END_OF_DATA.length];

		Connection(Socket client, Socket server) {
			this.client = client;
			this.server = server;
		}

		void forwardCommands() {
			try (InputStream in = this.client.getInputStream(); OutputStream out = this.server.getOutputStream()) {
				byte[] buffer = new byte[16384];
				int read;
				while ((read = in.read(buffer)) != -1) {
					if (endsEmail(buffer, read)) {
						// before passing it on, so that the reply cannot overtake the
						// flag
						this.contentSent.set(true);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// either side hung up
			}
			finally {
				done();
			}
		}

		void forwardReplies() {
			try (InputStream in = this.server.getInputStream(); OutputStream out = this.client.getOutputStream()) {
				byte[] buffer = new byte[16384];
				int read;
				while ((read = in.read(buffer)) != -1) {
					if (this.contentSent.getAndSet(false)) {
						if (read > 0 && buffer[0] == '2') {
							SlowSmtpProxy.this.accepted.incrementAndGet();
						}
						Thread.sleep(SlowSmtpProxy.this.delayMillis);
						while (SlowSmtpProxy.this.frozen.get() && !this.client.isClosed()) {
							Thread.sleep(10);
						}
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// either side hung up
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				done();
			}
		}

		/**
		 * Whether the bytes forwarded so far, these included, end with the end of an
		 * email's content.
		 */
		private boolean endsEmail(byte[] buffer, int length) {
			int keep = Math.max(0, this.tail.length - length);
			byte[] updated = new byte[this.tail.length];
			System.arraycopy(this.tail, this.tail.length - keep, updated, 0, keep);
			System.arraycopy(buffer, length - (this.tail.length - keep), updated, keep, this.tail.length - keep);
			System.arraycopy(updated, 0, this.tail, 0, this.tail.length);
			return Arrays.equals(this.tail, END_OF_DATA);
		}

		/**
		 * Ends both sides once either does; counts the connection closed once both are.
		 */
		private void done() {
			closeQuietly(this.client);
			closeQuietly(this.server);
			SlowSmtpProxy.this.sockets.remove(this.client);
			SlowSmtpProxy.this.sockets.remove(this.server);
			if (this.directionsOpen.decrementAndGet() == 0) {
				SlowSmtpProxy.this.openConnections.decrementAndGet();
			}
		}

	}

}
