package dev.policypulse.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.digest.DigestItems;
import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.matching.Match;
import dev.policypulse.notifier.matching.SubscriptionMatcher;
import dev.policypulse.notifier.subscription.Subscription;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a classified item into one pending alert per subscriber (address) it concerns;
 * for daily and weekly subscribers, into an item for their next digest instead. The
 * alerts are written as one row, with who gets them and why; the dispatch pass expands
 * that row into one outbox row per recipient ({@link AlertFanout}) and renders them
 * ({@link AlertRendering}), so that an item matching thousands of subscribers is consumed
 * as quickly as one matching a few.
 */
@Service
class AlertEnqueuer {

	private final SubscriptionMatcher matcher;

	private final JsonMapper json;

	private final Outbox outbox;

	private final DigestItems digestItems;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private final DispatchSignal dispatchSignal;

	AlertEnqueuer(SubscriptionMatcher matcher, JsonMapper json, Outbox outbox, DigestItems digestItems, Clock clock,
			MeterRegistry meterRegistry, DispatchSignal dispatchSignal) {
		this.matcher = matcher;
		this.json = json;
		this.outbox = outbox;
		this.digestItems = digestItems;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		this.dispatchSignal = dispatchSignal;
	}

	/**
	 * Records in one transaction who gets the item's alert (expanded into the outbox by
	 * {@link AlertFanout}) and the digests it goes into. Safe to repeat: an address gets
	 * at most one alert per story however many of its subscriptions match, and however
	 * often the item, or another item of the story, arrives. The oldest matching
	 * subscription of an address is the one the alert names.
	 */
	@Transactional
	void enqueue(PolicyItemClassified item) {
		// a subscriber may also want items that are no policy move
		List<Match> matches = this.matcher.match(item);
		if (!item.policyMove() && matches.isEmpty()) {
			DeliveryMetrics.afterCommit(DeliveryMetrics.itemsMatched(this.meterRegistry, "not_policy_move")::increment);
			return;
		}
		int matched = 0;
		List<DigestItems.Matched> forDigests = new ArrayList<>();
		List<Outbox.Recipient> recipients = new ArrayList<>();
		Instant now = this.clock.instant();
		for (Match match : matches) {
			Subscription subscription = match.subscription();
			matched++;
			MatchedRules rules = rules(match);
			if (!Subscription.IMMEDIATE.equals(subscription.delivery())) {
				// daily and weekly subscribers hear of it in their next digest
				forDigests.add(new DigestItems.Matched(subscription, rules));
				continue;
			}
			// expanded into the outbox (AlertFanout) and rendered (AlertRendering) by the
			// dispatch pass
			recipients.add(new Outbox.Recipient(subscription.id(), subscription.email(), rules.summary(), rules));
		}
		if (!recipients.isEmpty()) {
			this.outbox.storeAlertItem(item.id(), item.classifierVersion(), this.json.writeValueAsString(item), now);
			this.outbox.storeFanout(item.id(), item.item().storyId(), item.classifierVersion(),
					item.item().ingestedAt(), this.json.writeValueAsString(recipients), now);
			this.dispatchSignal.afterCommit();
		}
		this.digestItems.record(item, forDigests);
		// counted once the transaction commits: a rolled back attempt is retried
		Counter items = DeliveryMetrics.itemsMatched(this.meterRegistry, (matched > 0) ? "matched" : "unmatched");
		DeliveryMetrics.afterCommit(items::increment);
	}

	/** Why the subscriber gets the alert, as the email tells it. */
	private static MatchedRules rules(Match match) {
		Subscription subscription = match.subscription();
		return new MatchedRules(subscription.jurisdictions(), subscription.topics(),
				match.jurisdictions()
					.stream()
					.map((hit) -> new MatchedRules.MatchedJurisdiction(hit.followed(), hit.tagged(), hit.role()))
					.toList(),
				match.topics(), match.keywords(), subscription.preferences().minSeverity(),
				subscription.preferences().policyMovesOnly());
	}

}
