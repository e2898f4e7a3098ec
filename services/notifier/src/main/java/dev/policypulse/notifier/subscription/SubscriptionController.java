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

	@PostMapping
	ResponseEntity<SubscriptionResponse> create(@Valid @RequestBody SubscriptionRequest request) {
		Subscription subscription = this.service.create(request);
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
