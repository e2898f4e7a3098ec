package dev.policypulse.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * A small web server on loopback with two pages: {@code /}, every mail the catcher holds,
 * newest first, as a person would read it; and {@code /demo/feed.xml}, the bundled demo
 * RSS feed.
 */
final class InboxServer implements AutoCloseable {

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

	private final HttpServer server;

	private final MailCatcher mailCatcher;

	private InboxServer(HttpServer server, MailCatcher mailCatcher) {
		this.server = server;
		this.mailCatcher = mailCatcher;
	}

	static InboxServer start(int port, MailCatcher mailCatcher) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			InboxServer inbox = new InboxServer(server, mailCatcher);
			server.createContext("/demo/feed.xml", inbox::demoFeed);
			server.createContext("/", inbox::inbox);
			server.start();
			return inbox;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the inbox page on port " + port, ex);
		}
	}

	private void demoFeed(HttpExchange exchange) throws IOException {
		try (InputStream in = InboxServer.class.getResourceAsStream("demo-feed.xml")) {
			respond(exchange, 200, "application/rss+xml; charset=utf-8", in.readAllBytes());
		}
	}

	private void inbox(HttpExchange exchange) throws IOException {
		if (!"/".equals(exchange.getRequestURI().getPath())) {
			respond(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
			return;
		}
		StringBuilder html = new StringBuilder("""
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<meta http-equiv="refresh" content="10"><title>PolicyPulse local inbox</title>
				<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
				article{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
				pre{white-space:pre-wrap;font-family:inherit}.meta{color:#555;font-size:.9em}</style></head><body>
				<h1>PolicyPulse local inbox</h1>
				<p class="meta">Every email the local mail catcher received. This page refreshes every 10 seconds.</p>
				""");
		try {
			List<MimeMessage> messages = new ArrayList<>();
			for (String address : this.mailCatcher.addresses()) {
				for (JsonNode message : this.mailCatcher.messages(address)) {
					messages.add(MailMessages.parse(message));
				}
			}
			messages.sort(Comparator.comparing(InboxServer::sentDate).reversed());
			if (messages.isEmpty()) {
				html.append("<p>No mail yet.</p>");
			}
			for (MimeMessage message : messages) {
				html.append("<article><h2>")
					.append(escape(MailMessages.subject(message)))
					.append("</h2><p class=\"meta\">To ")
					.append(escape(MailMessages.header(message, "To")))
					.append(" · ")
					.append(escape(String.valueOf(message.getSentDate())))
					.append("</p><pre>")
					.append(linkify(escape(MailMessages.plainText(message))))
					.append("</pre></article>");
			}
		}
		catch (RuntimeException | MessagingException ex) {
			html.append("<p>Could not read the mail catcher: ").append(escape(ex.getMessage())).append("</p>");
		}
		html.append("</body></html>");
		respond(exchange, 200, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static java.util.Date sentDate(MimeMessage message) {
		try {
			return (message.getSentDate() != null) ? message.getSentDate() : new java.util.Date(0);
		}
		catch (MessagingException ex) {
			return new java.util.Date(0);
		}
	}

	static String escape(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static String linkify(String escaped) {
		Matcher matcher = URL.matcher(escaped);
		return matcher.replaceAll((match) -> "<a href=\"" + Matcher.quoteReplacement(match.group()) + "\">"
				+ Matcher.quoteReplacement(match.group()) + "</a>");
	}

	private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
