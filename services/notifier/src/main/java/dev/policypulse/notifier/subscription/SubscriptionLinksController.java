package dev.policypulse.notifier.subscription;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The links in emails. They carry a signed token instead of an API key, so they are
 * listed in {@code policypulse.api.public-paths}. Following a link never changes anything
 * by itself: mail providers' link scanners fetch links too, and would otherwise confirm
 * subscriptions nobody asked for (defeating double opt-in) or cancel wanted ones. A
 * {@code GET} shows a page with a button; the button {@code POST}s to the same URL, which
 * acts. Unsubscribing follows RFC 8058: its {@code POST} carries
 * {@code List-Unsubscribe=One-Click}. Confirming needs no body, and repeating it is
 * harmless.
 */
@RestController
class SubscriptionLinksController {

	private final SubscriptionService service;

	private final SubscriptionLinks links;

	SubscriptionLinksController(SubscriptionService service, SubscriptionLinks links) {
		this.service = service;
		this.links = links;
	}

	@GetMapping(SubscriptionLinks.CONFIRM_PATH)
	ResponseEntity<String> confirmPage(@RequestParam String token) {
		return html(LinkPages.confirmSubscription(this.service.checkConfirmation(token), this.links.confirmUrl(token)));
	}

	@PostMapping(SubscriptionLinks.CONFIRM_PATH)
	ResponseEntity<String> confirm(@RequestParam String token) {
		return html(LinkPages.subscribed(this.service.confirm(token)));
	}

	@GetMapping(SubscriptionLinks.UNSUBSCRIBE_PATH)
	ResponseEntity<String> unsubscribePage(@RequestParam String token) {
		return html(
				LinkPages.confirmUnsubscribe(this.service.checkUnsubscribe(token), this.links.unsubscribeUrl(token)));
	}

	@PostMapping(SubscriptionLinks.UNSUBSCRIBE_PATH)
	ResponseEntity<String> unsubscribe(@RequestParam String token,
			@RequestParam(name = "List-Unsubscribe") String oneClick) {
		if (!"One-Click".equals(oneClick)) {
			throw new InvalidLinkException("Unsubscribing needs List-Unsubscribe=One-Click in the request body.");
		}
		return html(LinkPages.unsubscribed(this.service.unsubscribe(token)));
	}

	private static ResponseEntity<String> html(String page) {
		return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page);
	}

}
