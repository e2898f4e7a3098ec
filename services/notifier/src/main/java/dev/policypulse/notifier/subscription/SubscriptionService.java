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

	/** Stores a pending subscription and, in the same transaction, asks for its confirmation. */
	@Transactional
	Subscription create(SubscriptionRequest request) {
		Subscription subscription = new Subscription(UUID.randomUUID(), request.email().strip(),
				distinct(request.jurisdictions()), distinct(request.topics()), request.delivery(),
				SubscriptionStatus.PENDING, now());
		this.repository.insert(subscription);
		this.events.publishEvent(new SubscriptionCreated(subscription, this.links.confirmUrl(subscription.id())));
		return subscription;
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

	@Transactional
	Subscription confirm(String token) {
		UUID id = this.links.verifyConfirmation(token);
		this.repository.confirm(id, now());
		Subscription subscription = existing(id);
		if (subscription.status() == SubscriptionStatus.UNSUBSCRIBED) {
			throw new InvalidLinkException("This subscription was cancelled. Please subscribe again.");
		}
		return subscription;
	}

	/** Checks an unsubscribe link without using it. */
	Subscription checkUnsubscribe(String token) {
		return existing(this.links.verifyUnsubscribe(token));
	}

	@Transactional
	Subscription unsubscribe(String token) {
		UUID id = this.links.verifyUnsubscribe(token);
		this.repository.unsubscribe(id, now());
		return existing(id);
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
