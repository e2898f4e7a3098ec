package dev.policypulse.notifier.subscription;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The links in emails. They carry a signed token instead of an API key, so they are listed in
 * {@code policypulse.api.public-paths}. Unsubscribing follows RFC 8058: a {@code GET} only shows a
 * button, so that link scanners cannot unsubscribe anyone, and a {@code POST} with
 * {@code List-Unsubscribe=One-Click} does it.
 */
@RestController
class SubscriptionLinksController {

	private final SubscriptionService service;

	SubscriptionLinksController(SubscriptionService service) {
		this.service = service;
	}

	@GetMapping(SubscriptionLinks.CONFIRM_PATH)
	ResponseEntity<String> confirm(@RequestParam String token) {
		return html(LinkPages.subscribed(this.service.confirm(token)));
	}

	@GetMapping(SubscriptionLinks.UNSUBSCRIBE_PATH)
	ResponseEntity<String> unsubscribePage(@RequestParam String token) {
		return html(LinkPages.confirmUnsubscribe(this.service.checkUnsubscribe(token), token));
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
