package dev.policypulse.notifier.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal SMTP server that speaks the protocol correctly but refuses every recipient:
 * with {@code 550} by default, as a server does for an address that does not exist, or
 * with a temporary {@code 451} ({@link #temporarily()}), as a busy or greylisting server
 * does.
 */
final class RejectingSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Thread thread;

	private final String recipientReply;

	RejectingSmtpServer() throws IOException {
		this("550 5.1.1 No such user here");
	}

	private RejectingSmtpServer(String recipientReply) throws IOException {
		this.recipientReply = recipientReply;
		this.socket = new ServerSocket(0);
		this.thread = new Thread(this::serve, "rejecting-smtp");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	static RejectingSmtpServer temporarily() throws IOException {
		return new RejectingSmtpServer("451 4.3.0 Try again later");
	}

	int port() {
		return this.socket.getLocalPort();
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
		reply(out, "220 rejecting.test ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.toUpperCase(Locale.ROOT);
			if (command.startsWith("RCPT")) {
				reply(out, this.recipientReply);
			}
			else if (command.startsWith("QUIT")) {
				reply(out, "221 2.0.0 Bye");
				return;
			}
			else if (command.startsWith("DATA")) {
				reply(out, "503 5.5.1 No valid recipients");
			}
			else {
				reply(out, "250 OK");
			}
		}
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
