package dev.policypulse.notifier.matching;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.subscription.Subscription;

/**
 * A subscription an item concerns, and why: which of the subscriber's rules the item hit.
 * The item also met the subscriber's severity threshold and, if they asked for it, is a
 * policy move.
 * <p>
 * The reasons are worked out when first asked for, since an item may concern thousands of
 * subscriptions of which only some need them (those alerted at once, not those collecting
 * a digest).
 */
public final class Match {

	private final Subscription subscription;

	private final PolicyItemClassified item;

	private final Predicate<String> keywordOccurs;

	private List<JurisdictionMatch> jurisdictions;

	private List<String> topics;

	private List<String> keywords;

	/**
	 * @param keywordOccurs whether a keyword, in comparable form, occurs in the item
	 */
	Match(Subscription subscription, PolicyItemClassified item, Predicate<String> keywordOccurs) {
		this.subscription = subscription;
		this.item = item;
		this.keywordOccurs = keywordOccurs;
	}

	/** The subscription. */
	public Subscription subscription() {
		return this.subscription;
	}

	/**
	 * The followed jurisdictions the item's acting and counterparty tags hit, actors
	 * before counterparties; empty when the subscriber follows every jurisdiction.
	 */
	public List<JurisdictionMatch> jurisdictions() {
		if (this.jurisdictions == null) {
			this.jurisdictions = Rules.jurisdictions(this.subscription.preferences(), this.item);
		}
		return this.jurisdictions;
	}

	/**
	 * The item's topics the subscriber follows, strongest first; empty when the
	 * subscriber follows every topic.
	 */
	public List<String> topics() {
		if (this.topics == null) {
			this.topics = Rules.topics(this.subscription.preferences(), this.item);
		}
		return this.topics;
	}

	/**
	 * The subscriber's keywords that occur in the item, in the subscriber's order; empty
	 * when they have none.
	 */
	public List<String> keywords() {
		if (this.keywords == null) {
			this.keywords = Rules.keywords(this.subscription.preferences(), this.keywordOccurs);
		}
		return this.keywords;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Match match && this.subscription.equals(match.subscription)
				&& jurisdictions().equals(match.jurisdictions()) && topics().equals(match.topics())
				&& keywords().equals(match.keywords());
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.subscription, jurisdictions(), topics(), keywords());
	}

	@Override
	public String toString() {
		return "Match[subscription=" + this.subscription.id() + ", jurisdictions=" + jurisdictions() + ", topics="
				+ topics() + ", keywords=" + keywords() + "]";
	}

}
