package dev.policypulse.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class SubscriptionService {

	private final SubscriptionRepository repository;

	private final SubscriptionLinks links;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SubscriptionService(SubscriptionRepository repository, SubscriptionLinks links, ApplicationEventPublisher events,
			Clock clock) {
		this.repository = repository;
		this.links = links;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stores a pending subscription and, in the same transaction, asks for its
	 * confirmation. A request that repeats a pending or confirmed subscription (same
	 * address whatever its case, same jurisdictions, topics and delivery in any order)
	 * returns that subscription instead; if it is still pending, its confirmation email
	 * is sent again, with a fresh link. A unique index on the address and rules decides
	 * between identical requests that arrive at once.
	 */
	@Transactional
	Subscribed subscribe(SubscriptionRequest request) {
		String email = request.email().strip();
		List<String> jurisdictions = distinct(request.jurisdictions());
		List<String> topics = distinct(request.topics());
		Subscription subscription = new Subscription(UUID.randomUUID(), email, jurisdictions, topics,
				request.delivery(), SubscriptionStatus.PENDING, now());
		// the live subscription that blocked the insert can be cancelled before it is
		// read: then try again
		for (int attempt = 0; attempt < 3; attempt++) {
			if (this.repository.insertUnlessLive(subscription)) {
				requestConfirmation(subscription);
				return new Subscribed(subscription, true);
			}
			Optional<Subscription> existing = this.repository.findLive(email, jurisdictions, topics,
					request.delivery());
			if (existing.isPresent()) {
				if (existing.get().status() == SubscriptionStatus.PENDING) {
					requestConfirmation(existing.get());
				}
				return new Subscribed(existing.get(), false);
			}
		}
		throw new IllegalStateException("Could not store or find the subscription; the request may be repeated");
	}

	private void requestConfirmation(Subscription subscription) {
		this.events.publishEvent(new ConfirmationRequested(subscription, this.links.confirmUrl(subscription.id())));
	}

	Optional<Subscription> find(String id) {
		UUID uuid;
		try {
			uuid = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return this.repository.find(uuid);
	}

	/** Checks a confirmation link without using it. */
	Subscription checkConfirmation(String token) {
		return notCancelled(existing(this.links.verifyConfirmation(token)));
	}

	/** Confirms a pending subscription; confirming it again changes nothing. */
	@Transactional
	Subscription confirm(String token) {
		UUID id = this.links.verifyConfirmation(token);
		this.repository.confirm(id, now());
		return notCancelled(existing(id));
	}

	/** Checks an unsubscribe link without using it. */
	Subscription checkUnsubscribe(String token) {
		return existing(this.links.verifyUnsubscribe(token));
	}

	/** Cancels a subscription and, in the same transaction, its unsent emails. */
	@Transactional
	Subscription unsubscribe(String token) {
		UUID id = this.links.verifyUnsubscribe(token);
		if (this.repository.unsubscribe(id, now())) {
			this.events.publishEvent(new SubscriptionCancelled(id));
		}
		return existing(id);
	}

	private static Subscription notCancelled(Subscription subscription) {
		if (subscription.status() == SubscriptionStatus.UNSUBSCRIBED) {
			throw new InvalidLinkException("This subscription was cancelled. Please subscribe again.");
		}
		return subscription;
	}

	private Subscription existing(UUID id) {
		return this.repository.find(id)
			.orElseThrow(() -> new InvalidLinkException("This link points at a subscription that no longer exists."));
	}

	private Instant now() {
		// the database keeps microseconds; truncating keeps the API's answers stable
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static List<String> distinct(List<String> values) {
		return values.stream().distinct().toList();
	}

}
