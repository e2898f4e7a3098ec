package dev.policypulse.notifier.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.subscription.Subscription;

/**
 * Matching the plain way: every rule of every subscription checked against the item, each
 * keyword searched for on its own. It defines what {@link SubscriptionIndex} must answer,
 * and is the baseline the index is measured against.
 */
public final class LinearScan {

	private LinearScan() {
	}

	/**
	 * The active subscriptions among {@code subscriptions} that the item concerns, oldest
	 * first.
	 */
	public static List<Match> match(Collection<Subscription> subscriptions, PolicyItemClassified item) {
		String[] texts = Keywords.texts(item);
		Predicate<String> keywordOccurs = (keyword) -> Keywords.occursIn(keyword, texts);
		List<Match> matches = new ArrayList<>();
		for (Subscription subscription : subscriptions) {
			if (subscription.isActive() && Rules.matches(subscription, item, keywordOccurs)) {
				matches.add(new Match(subscription, item, keywordOccurs));
			}
		}
		matches.sort(Rules.OLDEST_FIRST);
		return matches;
	}

}
