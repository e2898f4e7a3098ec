package dev.policypulse.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GreenMail standalone as the local mail catcher: an SMTP server that accepts mail for
 * any address without authentication, and GreenMail's REST API, where {@code GET
 * /api/user/{address}/messages/INBOX} lists a mailbox.
 */
final class MailCatcher implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ChildProcess process;

	private final int smtpPort;

	private final String apiBaseUrl;

	private MailCatcher(ChildProcess process, int smtpPort, String apiBaseUrl) {
		this.process = process;
		this.smtpPort = smtpPort;
		this.apiBaseUrl = apiBaseUrl;
	}

	static MailCatcher start(Path home, Path greenMailJar, int smtpPort, int apiPort) {
		List<String> command = List.of(ChildProcess.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
				"-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort, "-Dgreenmail.auth.disabled",
				"-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort, "-jar",
				greenMailJar.toString());
		ChildProcess process = ChildProcess.start("mail-catcher", command, home.resolve("logs").resolve("mail.log"));
		String api = "http://127.0.0.1:" + apiPort;
		process.awaitHttpOk(api + "/api/configuration", Duration.ofSeconds(60));
		return new MailCatcher(process, smtpPort, api);
	}

	int smtpPort() {
		return this.smtpPort;
	}

	String apiBaseUrl() {
		return this.apiBaseUrl;
	}

	/** Addresses that have received mail. */
	List<String> addresses() {
		List<String> addresses = new ArrayList<>();
		get("/api/user").forEach((user) -> addresses.add(user.path("email").asString()));
		return addresses;
	}

	/**
	 * The messages in {@code address}'s inbox, oldest first, each as GreenMail's JSON.
	 */
	List<JsonNode> messages(String address) {
		List<JsonNode> messages = new ArrayList<>();
		JsonNode inbox = get("/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX");
		inbox.forEach(messages::add);
		return messages;
	}

	private JsonNode get(String path) {
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(URI.create(this.apiBaseUrl + path)).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 404 || response.statusCode() == 400) {
				// GreenMail answers so for an address that has received nothing yet.
				return JSON.createArrayNode();
			}
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GreenMail API " + path + " answered " + response.statusCode());
			}
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GreenMail API " + path + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	ChildProcess process() {
		return this.process;
	}

	@Override
	public void close() {
		this.process.close();
	}

}
