package dev.policypulse.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Talks to the notifier and the mail catcher the way a subscriber would: subscribes,
 * waits for the confirmation email and follows its link.
 */
final class DemoSubscriber {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String notifierUrl;

	private final String apiKey;

	private final MailCatcher mailCatcher;

	DemoSubscriber(String notifierUrl, String apiKey, MailCatcher mailCatcher) {
		this.notifierUrl = notifierUrl;
		this.apiKey = apiKey;
		this.mailCatcher = mailCatcher;
	}

	/**
	 * Subscribes {@code email}; answers the subscription's status: {@code pending} when a
	 * confirmation email is on its way, {@code confirmed} when the same subscription
	 * already exists and is confirmed.
	 */
	String subscribe(String email, List<String> jurisdictions, List<String> topics) {
		ObjectNode request = JSON.createObjectNode();
		request.put("email", email);
		request.put("delivery", "immediate");
		request.set("jurisdictions", JSON.valueToTree(jurisdictions));
		request.set("topics", JSON.valueToTree(topics));
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.notifierUrl + "/api/v1/subscriptions"))
					.header("Content-Type", "application/json")
					.header("X-Api-Key", this.apiKey)
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))));
		if (response.statusCode() != 201 && response.statusCode() != 200) {
			throw new IllegalStateException(
					"Subscribing " + email + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body()).path("status").asString();
	}

	/**
	 * Waits for the confirmation email to {@code email} and confirms, as the button on
	 * the link's page does (a POST to the link); answers the link.
	 */
	String confirm(String email, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		String link = null;
		while (link == null) {
			for (JsonNode message : this.mailCatcher.messages(email)) {
				link = MailMessages.confirmationLink(MailMessages.plainText(MailMessages.parse(message)));
				if (link != null) {
					break;
				}
			}
			if (link == null) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException(
							"No confirmation email reached " + email + " within " + timeout.toSeconds() + " s");
				}
				pause();
			}
		}
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(link)).POST(HttpRequest.BodyPublishers.noBody()));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Following the confirmation link answered " + response.statusCode());
		}
		return link;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
