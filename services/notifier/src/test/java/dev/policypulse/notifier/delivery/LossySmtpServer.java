package dev.policypulse.notifier.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal SMTP server that takes every email but hangs up instead of confirming the
 * first one it receives: the email has arrived, yet the sender never learns it did, as
 * when a connection breaks at the worst moment. It keeps the {@code Message-ID} of every
 * email it took.
 */
final class LossySmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<String> messageIds = new CopyOnWriteArrayList<>();

	private final AtomicBoolean replyLost = new AtomicBoolean();

	LossySmtpServer() throws IOException {
		this.socket = new ServerSocket(0);
		Thread thread = new Thread(this::serve, "lossy-smtp");
		thread.setDaemon(true);
		thread.start();
	}

	int port() {
		return this.socket.getLocalPort();
	}

	/** The {@code Message-ID} of every email received, in order, repeats included. */
	List<String> messageIds() {
		return this.messageIds;
	}

	private void serve() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				converse(client);
			}
			catch (IOException ex) {
				// closed, or the client hung up: wait for the next one
			}
		}
	}

	private void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(
				new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
		Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
		reply(out, "220 lossy.test ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.toUpperCase(Locale.ROOT);
			if (command.startsWith("DATA")) {
				reply(out, "354 End data with <CR><LF>.<CR><LF>");
				if (!receive(in) || this.replyLost.compareAndSet(false, true)) {
					// the email is in, the confirmation never goes out
					return;
				}
				reply(out, "250 2.0.0 Ok: queued");
			}
			else if (command.startsWith("QUIT")) {
				reply(out, "221 2.0.0 Bye");
				return;
			}
			else {
				reply(out, "250 OK");
			}
		}
	}

	/** Reads one email up to its terminating dot; whether it was complete. */
	private boolean receive(BufferedReader in) throws IOException {
		String line;
		String messageId = null;
		while ((line = in.readLine()) != null) {
			if (line.equals(".")) {
				this.messageIds.add(messageId);
				return true;
			}
			if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
				messageId = line.substring(11).trim();
			}
		}
		return false;
	}

	private static void reply(Writer out, String line) throws IOException {
		out.write(line + "\r\n");
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
