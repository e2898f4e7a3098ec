package dev.policypulse.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subscribing, confirming, changing and cancelling. Every change that decides what a
 * subscription receives publishes {@link SubscriptionChanged} in its transaction.
 */
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
	 * address whatever its case, same rules in any order, see
	 * {@link SubscriptionRepository#rulesKey}) returns that subscription instead; if it
	 * is still pending, its confirmation email is sent again, with a fresh link. A unique
	 * index on the address and rules decides between identical requests that arrive at
	 * once.
	 */
	@Transactional
	Subscribed subscribe(SubscriptionRequest request) {
		String email = request.email().strip();
		Preferences preferences = request.preferences().toPreferences();
		Subscription subscription = new Subscription(UUID.randomUUID(), email, preferences, SubscriptionStatus.PENDING,
				now());
		// the live subscription that blocked the insert can be cancelled before it is
		// read: then try again
		for (int attempt = 0; attempt < 3; attempt++) {
			if (this.repository.insertUnlessLive(subscription)) {
				requestConfirmation(subscription);
				return new Subscribed(subscription, true);
			}
			Optional<Subscription> existing = this.repository.findLive(email, preferences);
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
		return uuid(id).flatMap(this.repository::find);
	}

	/** One page of subscriptions, oldest first. */
	SubscriptionPage list(SubscriptionQuery query) {
		long total = this.repository.count(query.email(), query.statuses());
		List<SubscriptionResponse> items = this.repository
			.findPage(query.email(), query.statuses(), (long) query.page() * query.size(), query.size())
			.stream()
			.map(SubscriptionResponse::of)
			.toList();
		return new SubscriptionPage(items, query.page(), query.size(), total,
				(total + query.size() - 1) / query.size());
	}

	/**
	 * Replaces a subscription's preferences; the address and state stay.
	 * @throws SubscriptionNotFoundException if there is no such subscription
	 * @throws SubscriptionConflictException if it was cancelled, or if the address has
	 * another live subscription with the new rules
	 */
	@Transactional
	Subscription update(String id, PreferencesRequest request) {
		Subscription current = find(id).orElseThrow(() -> new SubscriptionNotFoundException(id));
		return update(current, request.toPreferences());
	}

	/**
	 * Cancels a subscription and, in the same transaction, its unsent emails; cancelling
	 * it again changes nothing.
	 * @throws SubscriptionNotFoundException if there is no such subscription
	 */
	@Transactional
	void cancel(String id) {
		Subscription subscription = find(id).orElseThrow(() -> new SubscriptionNotFoundException(id));
		cancel(subscription.id());
	}

	/** Checks a confirmation link without using it. */
	Subscription checkConfirmation(String token) {
		return notCancelled(existing(this.links.verifyConfirmation(token)));
	}

	/** Confirms a pending subscription; confirming it again changes nothing. */
	@Transactional
	Subscription confirm(String token) {
		UUID id = this.links.verifyConfirmation(token);
		if (this.repository.confirm(id, now())) {
			this.events.publishEvent(new SubscriptionChanged(id));
		}
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
		cancel(id);
		return existing(id);
	}

	/** The subscription a preferences link is for, whatever its state. */
	Subscription checkPreferences(String token) {
		return existing(this.links.verifyPreferences(token));
	}

	/**
	 * Replaces the preferences of the subscription a preferences link is for.
	 * @throws SubscriptionConflictException if it was cancelled, or if the address has
	 * another live subscription with the new rules
	 */
	@Transactional
	Subscription updatePreferences(String token, Preferences preferences) {
		return update(existing(this.links.verifyPreferences(token)), preferences);
	}

	/**
	 * Pauses or resumes the subscription a preferences link is for. Pausing cancels the
	 * alerts and digests it has not been sent yet.
	 * @throws SubscriptionConflictException if it was cancelled
	 */
	@Transactional
	Subscription pause(String token, boolean paused) {
		Subscription subscription = existing(this.links.verifyPreferences(token));
		return update(subscription, subscription.preferences().withPaused(paused));
	}

	/** Cancels the subscription a preferences link is for. */
	@Transactional
	Subscription unsubscribeWithPreferencesLink(String token) {
		UUID id = this.links.verifyPreferences(token);
		cancel(id);
		return existing(id);
	}

	private Subscription update(Subscription current, Preferences preferences) {
		if (current.status() == SubscriptionStatus.UNSUBSCRIBED) {
			throw cancelled();
		}
		Optional<Subscription> twin = this.repository.findLive(current.email(), preferences)
			.filter((other) -> !other.id().equals(current.id()));
		if (twin.isPresent()) {
			throw duplicate(twin.get().id());
		}
		boolean updated;
		try {
			updated = this.repository.updatePreferences(current.id(), preferences, now());
		}
		catch (DuplicateKeyException ex) {
			// a twin was stored or changed at the same moment
			throw duplicate(null);
		}
		if (!updated) {
			throw cancelled();
		}
		if (preferences.paused()) {
			// alerts queued before the pause would be stale by the time it resumes
			this.events.publishEvent(new SubscriptionPaused(current.id()));
		}
		this.events.publishEvent(new SubscriptionChanged(current.id()));
		return existing(current.id());
	}

	private void cancel(UUID id) {
		if (this.repository.unsubscribe(id, now())) {
			this.events.publishEvent(new SubscriptionCancelled(id));
			this.events.publishEvent(new SubscriptionChanged(id));
		}
	}

	private static SubscriptionConflictException cancelled() {
		return new SubscriptionConflictException(
				"This subscription was cancelled and can no longer be changed. Please subscribe again.");
	}

	private static SubscriptionConflictException duplicate(UUID twin) {
		return new SubscriptionConflictException("The address already has a subscription with exactly these rules"
				+ ((twin != null) ? " (" + twin + ")" : "") + "; change or cancel that one instead.");
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

	private static Optional<UUID> uuid(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
