package dev.policypulse.notifier.delivery;

import java.time.Clock;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.email.AlertEmails;
import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.subscription.ActiveSubscriptions;
import dev.policypulse.notifier.subscription.Subscription;
import dev.policypulse.notifier.subscription.SubscriptionLinks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a classified item into one pending alert per subscriber (address) it concerns.
 */
@Service
class AlertEnqueuer {

	private final ActiveSubscriptions subscriptions;

	private final SubscriptionLinks links;

	private final AlertEmails alertEmails;

	private final Outbox outbox;

	private final Clock clock;

	private final Counter alertsEnqueued;

	private final MeterRegistry meterRegistry;

	AlertEnqueuer(ActiveSubscriptions subscriptions, SubscriptionLinks links, AlertEmails alertEmails, Outbox outbox,
			Clock clock, MeterRegistry meterRegistry) {
		this.subscriptions = subscriptions;
		this.links = links;
		this.alertEmails = alertEmails;
		this.outbox = outbox;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		this.alertsEnqueued = DeliveryMetrics.enqueued(meterRegistry, Outbox.ALERT);
	}

	/**
	 * Enqueues the item's alerts in one transaction. Safe to repeat: an address gets at
	 * most one alert per story however many of its subscriptions match, and however often
	 * the item, or another item of the story, arrives. The oldest matching subscription
	 * of an address is the one the alert names.
	 */
	@Transactional
	void enqueue(PolicyItemClassified item) {
		if (!item.policyMove()) {
			DeliveryMetrics.afterCommit(DeliveryMetrics.itemsMatched(this.meterRegistry, "not_policy_move")::increment);
			return;
		}
		int matched = 0;
		int enqueued = 0;
		for (Subscription subscription : this.subscriptions.immediate()) {
			Optional<MatchedRules> rules = AlertMatcher.match(subscription, item);
			if (rules.isEmpty()) {
				continue;
			}
			matched++;
			String unsubscribeUrl = this.links.unsubscribeUrl(subscription.id());
			boolean inserted = this.outbox.enqueueAlert(subscription.id(), subscription.email(), item.item().storyId(),
					item.id(), item.classifierVersion(), rules.get().summary(),
					this.alertEmails.render(item, rules.get(), unsubscribeUrl), unsubscribeUrl, this.clock.instant());
			if (inserted) {
				enqueued++;
			}
		}
		// counted once the transaction commits: a rolled back attempt is retried
		double alerts = enqueued;
		Counter items = DeliveryMetrics.itemsMatched(this.meterRegistry, (matched > 0) ? "matched" : "unmatched");
		DeliveryMetrics.afterCommit(() -> {
			this.alertsEnqueued.increment(alerts);
			items.increment();
		});
	}

}
