package dev.policypulse.notifier.subscription;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The subscriptions API, for operators and the sites that sign readers up (it needs the
 * API key). Subscribers themselves use the links in their emails.
 */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {

	private final SubscriptionService service;

	SubscriptionController(SubscriptionService service) {
		this.service = service;
	}

	/**
	 * Subscribes: {@code 201} with the new, pending subscription, or {@code 200} with the
	 * existing one when the request repeats a pending or confirmed subscription (a
	 * pending one gets its confirmation email again), so that subscribing twice is
	 * harmless.
	 */
	@PostMapping
	ResponseEntity<SubscriptionResponse> create(@Valid @RequestBody SubscriptionRequest request) {
		Subscribed subscribed = this.service.subscribe(request);
		Subscription subscription = subscribed.subscription();
		if (!subscribed.created()) {
			return ResponseEntity.ok(SubscriptionResponse.of(subscription));
		}
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(subscription.id())
			.toUri();
		return ResponseEntity.status(HttpStatus.CREATED).location(location).body(SubscriptionResponse.of(subscription));
	}

	/** Subscriptions page by page, oldest first, optionally of one address or state. */
	@GetMapping
	SubscriptionPage list(@Valid @ModelAttribute SubscriptionQuery query) {
		return this.service.list(query);
	}

	@GetMapping("/{id}")
	SubscriptionResponse get(@PathVariable String id) {
		return this.service.find(id)
			.map(SubscriptionResponse::of)
			.orElseThrow(() -> new SubscriptionNotFoundException(id));
	}

	/**
	 * Replaces the preferences (every field; those left out take their defaults). The
	 * address cannot change: subscribe the new one instead. A pending subscription stays
	 * pending. {@code 409} if the subscription was cancelled, or if the address already
	 * has another live subscription with the new rules.
	 */
	@PutMapping("/{id}")
	SubscriptionResponse update(@PathVariable String id, @Valid @RequestBody PreferencesRequest request) {
		return SubscriptionResponse.of(this.service.update(id, request));
	}

	/**
	 * Unsubscribes: the subscription is kept as {@code unsubscribed} and its unsent
	 * emails are cancelled. Repeating it is harmless.
	 */
	@DeleteMapping("/{id}")
	ResponseEntity<Void> cancel(@PathVariable String id) {
		this.service.cancel(id);
		return ResponseEntity.noContent().build();
	}

}
