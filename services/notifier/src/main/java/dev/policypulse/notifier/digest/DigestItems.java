package dev.policypulse.notifier.digest;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.subscription.Subscription;

import org.springframework.stereotype.Component;

/**
 * Keeps what matched daily and weekly subscriptions until their next digest. Called in
 * the transaction that handles the classified item, so that the item is recorded exactly
 * when the item counts as handled.
 */
@Component
public class DigestItems {

	private final DigestRepository repository;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final Counter recorded;

	DigestItems(DigestRepository repository, JsonMapper jsonMapper, Clock clock, MeterRegistry meterRegistry) {
		this.repository = repository;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.recorded = DigestMetrics.itemsRecorded(meterRegistry);
	}

	/**
	 * Records the item for the next digest of each subscription it matched, with the
	 * rules it hit. Safe to repeat: a subscription keeps one item per story, the first
	 * recorded; the item is stored once however many subscriptions it matched.
	 * @param item the classified item
	 * @param matched the daily or weekly subscriptions it matched
	 * @return for how many subscriptions it was recorded (not those that already had the
	 * story)
	 */
	public int record(PolicyItemClassified item, List<Matched> matched) {
		if (matched.isEmpty()) {
			return 0;
		}
		int inserted = this.repository.recordItem(item, this.jsonMapper.writeValueAsString(item),
				matched.stream().map((match) -> match.subscription().id()).toList(),
				matched.stream().map((match) -> this.jsonMapper.writeValueAsString(match.rules())).toList(),
				this.clock.instant());
		if (inserted > 0) {
			DigestMetrics.afterCommit(() -> this.recorded.increment(inserted));
		}
		return inserted;
	}

	/**
	 * A daily or weekly subscription an item matched.
	 *
	 * @param subscription the subscription
	 * @param rules why it gets the item
	 */
	public record Matched(Subscription subscription, MatchedRules rules) {

		public Matched {
			Objects.requireNonNull(subscription, "subscription");
			Objects.requireNonNull(rules, "rules");
		}

	}

}
