package dev.policypulse.notifier.subscription;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

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

	@GetMapping("/{id}")
	SubscriptionResponse get(@PathVariable String id) {
		return this.service.find(id)
			.map(SubscriptionResponse::of)
			.orElseThrow(() -> new SubscriptionNotFoundException(id));
	}

}
